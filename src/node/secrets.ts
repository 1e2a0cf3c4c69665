import { randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { InsecureKeyFileError } from './identity.ts'

/**
 * The 32-byte secret from which the per-epoch OPRF keys are derived: created on first use with
 * mode 0600, refused when other users can read it.
 */
export async function loadOrCreateSeed(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file)
    if ((info.mode & 0o077) !== 0) throw new InsecureKeyFileError(`PSI seed ${file} is accessible by other users; run: chmod 600 ${file}`)
    const seed = new Uint8Array(await readFile(file))
    if (seed.length !== 32) throw new InsecureKeyFileError(`PSI seed ${file} is not 32 bytes`)
    return seed
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const seed = randomBytes(32)
  await writeFile(file, seed, { mode: 0o600, flag: 'wx' })
  return new Uint8Array(seed)
}
