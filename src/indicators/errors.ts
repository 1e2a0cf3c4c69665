import { UserError } from '../errors.ts'

/** A value that is not a valid indicator of the requested (or any) type. */
export class InvalidIndicatorError extends UserError {
  override name = 'InvalidIndicatorError'
  /** The text the message quotes (a form of the value), if it quotes one: callers then need not name the value again. */
  readonly quoted: string | undefined

  constructor(message: string, options: { quoted?: string } = {}) {
    super(message)
    this.quoted = options.quoted
  }
}
