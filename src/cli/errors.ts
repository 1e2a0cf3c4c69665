import { CommanderError } from 'commander'
import { UserError } from '../errors.ts'

export class UsageError extends UserError {
  override name = 'UsageError'
  /** A user's mistake: one line, exit 1 (see reportError). */
  readonly exitCode: number = 1
}

/** No node runs on the data directory, or it does not answer: commands that can read the store instead do. */
export class NodeNotRunningError extends UsageError {
  override name = 'NodeNotRunningError'
}

/** Prints an error for a person; the stack only with SIGHTLINE_DEBUG=1 or for a bug. */
export function reportError(err: unknown): number {
  const error = err instanceof Error ? err : new Error(String(err))
  // Errors that know their own exit code (PortInUseError) are the operator's to fix.
  const exitCode = (error as { exitCode?: unknown }).exitCode
  if (typeof exitCode === 'number') {
    process.stderr.write(`sightline: ${error.message}\n`)
    return exitCode
  }
  // Errors a user can act on (UserError and its kinds, a bad command line, a system error such as
  // ENOENT): one line, no stack trace. Decided on the class and the system code, never on text.
  if (error instanceof UserError || error instanceof CommanderError || (error as NodeJS.ErrnoException).code?.startsWith('E')) {
    process.stderr.write(`sightline: ${error.message}\n`)
    if (process.env.SIGHTLINE_DEBUG === '1') process.stderr.write(`${error.stack}\n`)
    return 1
  }
  process.stderr.write(`sightline: internal error: ${error.message}\n${error.stack ?? ''}\nPlease report this as a bug.\n`)
  return 70
}
