/** An API error with an HTTP status and a stable machine-readable `code` (clients branch on it). */
export class HttpError extends Error {
  override name = 'HttpError'
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The API was asked to listen beyond loopback without TLS and without `insecureBind`. */
export class InsecureBindError extends Error {
  override name = 'InsecureBindError'
}
