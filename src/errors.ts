/**
 * Base of the errors a person can act on: a mistake in input, flags, config or file modes, a
 * database in use, a scenario that does not validate. The CLI prints them as one line and exits 1,
 * with no stack trace unless SIGHTLINE_DEBUG=1 (src/cli/errors.ts). Callers decide with
 * `instanceof UserError`, never on an error's name or message.
 */
export class UserError extends Error {
  override name = 'UserError'
}
