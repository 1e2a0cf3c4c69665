import { UserError } from '../errors.ts'

/** An API error with an HTTP status and a stable machine-readable `code` (clients branch on it). */
export class HttpError extends Error {
  override name = 'HttpError'
  readonly status: number
  readonly code: string
  /** More of the error resource (the report of an import cut short). */
  readonly details: Record<string, unknown> | undefined
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }
}

/** The API was asked to listen beyond loopback without TLS and without `insecureBind`. */
export class InsecureBindError extends UserError {
  override name = 'InsecureBindError'
}
