import { writeFile } from 'node:fs/promises'
import { UsageError } from './errors.ts'

/** Writes a new secret file (mode 0600): an existing file is never replaced. */
export async function writeNewSecretFile(file: string, data: Uint8Array): Promise<void> {
  await writeFile(file, data, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(err.code === 'EEXIST' ? `${file} exists; not replaced` : `cannot write ${file}: ${err.message}`)
  })
}
