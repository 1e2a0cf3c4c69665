/** A value that is not a valid indicator of the requested (or any) type. */
export class InvalidIndicatorError extends Error {
  override name = 'InvalidIndicatorError'
}
