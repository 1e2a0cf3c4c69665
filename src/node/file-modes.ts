import { stat } from 'node:fs/promises'
import { InsecureKeyFileError } from './identity.ts'

/**
 * Refuses a secret file, or a directory that holds secrets, that other users can read or enter
 * (any group or world bit), as ssh does: `what` names it in the message, which says the fix.
 */
export async function assertPrivate(path: string, what: string): Promise<void> {
  const info = await stat(path)
  if ((info.mode & 0o077) === 0) return
  const fix = info.isDirectory() ? 700 : 600
  throw new InsecureKeyFileError(
    `${what} ${path} is accessible by other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod ${fix} ${path}`,
  )
}
