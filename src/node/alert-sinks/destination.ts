import type { Alert } from '../../store/repositories.ts'

/** One attempt to deliver one alert. */
export interface DeliveryContext {
  /** Idempotency key of the outbox entry (`<seq>/<destination>`), the same on every retry. */
  key: string
  /** 1 for the first attempt. */
  attempt: number
  /** Aborted on timeout or when the outbox stops: give up at once, nothing is counted. */
  signal: AbortSignal
}

/** Where alerts go. `deliver` resolves once the alert is durably handed over, or throws. */
export interface AlertDestination {
  readonly name: string
  deliver(alert: Alert, context: DeliveryContext): Promise<void>
  /** Releases files and sockets; called by Outbox.stop() after the last delivery settled. */
  close(): Promise<void>
}

/**
 * A failed delivery. `scope` says whose fault it is, which decides what else waits:
 * `destination` (receiver down, 5xx, 408, 429, network error): the destination is held back and
 * only one probe goes out until it answers again; `alert` (a 4xx about this alert): only this
 * alert backs off, the others keep flowing. Any other error thrown counts as `destination`.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  readonly scope: 'destination' | 'alert'
  /** The receiver's Retry-After, when it gave one: the next attempt is not made earlier. */
  readonly retryAfterMs: number | undefined

  constructor(message: string, scope: 'destination' | 'alert', retryAfterMs?: number) {
    super(message)
    this.scope = scope
    this.retryAfterMs = retryAfterMs
  }
}
