/** Errors a user can act on: printed as one line, no stack trace. Branches on `name`, never on text. */
const USER_ERRORS = new Set([
  'ConfigError',
  'DataDirError',
  'InsecureBindError',
  'InsecureKeyFileError',
  'InvalidIndicatorError',
  'InvalidTlpError',
  'ScenarioError',
  'SchemaTooNewError',
  'StoreLockedError',
  'UsageError',
  'CommanderError',
])

export class UsageError extends Error {
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
  if (USER_ERRORS.has(error.name) || (error as NodeJS.ErrnoException).code?.startsWith('E')) {
    process.stderr.write(`sightline: ${error.message}\n`)
    if (process.env.SIGHTLINE_DEBUG === '1') process.stderr.write(`${error.stack}\n`)
    return 1
  }
  process.stderr.write(`sightline: internal error: ${error.message}\n${error.stack ?? ''}\nPlease report this as a bug.\n`)
  return 70
}
