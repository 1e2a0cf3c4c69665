import { createHmac } from 'node:crypto'
import { forComponent } from '../../logger.ts'
import type { Alert } from '../../store/repositories.ts'
import { SIGHTLINE_VERSION } from '../version.ts'
import { type AlertDestination, type DeliveryContext, DeliveryError } from './destination.ts'

const log = forComponent('sightline:alerts')

export interface WebhookOptions {
  name: string
  url: string
  secret: string
  /** Extra headers; they cannot replace the ones below. */
  headers?: Record<string, string>
  /** Unix seconds of the signature timestamp (tests). */
  now?: () => number
}

/** Headers we set; config may not override them (validated in config.ts too). */
export const WEBHOOK_HEADERS = ['content-type', 'idempotency-key', 'x-sightline-timestamp', 'x-sightline-signature', 'user-agent']

/**
 * The signature a receiver recomputes: hex HMAC-SHA256 (RFC 2104, FIPS 180-4) keyed with the
 * shared secret over `<timestamp>.<body>`. The timestamp is inside the MAC so a receiver that
 * refuses old timestamps also refuses replays.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * POSTs each alert as JSON. 2xx is delivered. Redirects are not followed (an alert carries raw
 * indicator values and goes only to the URL configured). 3xx, 408, 429, 5xx and network errors
 * hold the destination back (the receiver is the problem); other 4xx back off this alert only.
 * Every status but 2xx is retried up to maxAttempts: a 401 or 404 is usually a receiver being
 * reconfigured, and an operator fixing it should not find every alert of the meantime dead.
 */
export class WebhookDestination implements AlertDestination {
  readonly name: string
  readonly #options: WebhookOptions
  readonly #now: () => number

  constructor(options: WebhookOptions) {
    const url = new URL(options.url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`webhook ${options.name}: url must be http(s)`)
    this.name = options.name
    this.#options = options
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000))
  }

  async deliver(alert: Alert, context: DeliveryContext): Promise<void> {
    const body = JSON.stringify(alert)
    const timestamp = this.#now()
    const response = await fetch(this.#options.url, {
      method: 'POST',
      redirect: 'manual',
      signal: context.signal,
      headers: {
        ...this.#options.headers,
        'Content-Type': 'application/json',
        'User-Agent': `Sightline/${SIGHTLINE_VERSION}`,
        'Idempotency-Key': context.key,
        'X-Sightline-Timestamp': String(timestamp),
        'X-Sightline-Signature': webhookSignature(this.#options.secret, timestamp, body),
      },
      body,
    })
    // Drain the body so the keep-alive connection is reused rather than leaked.
    await response.arrayBuffer().catch((err: unknown) => log.debug('webhook response body not drained', { err }))
    const status = response.status
    if (status >= 200 && status < 300) return
    const message = `HTTP ${status} from ${this.name}`
    if (status < 400 || status === 408 || status === 429 || status >= 500)
      throw new DeliveryError(message, 'destination', retryAfterMs(response.headers.get('retry-after')))
    throw new DeliveryError(message, 'alert')
  }

  async close(): Promise<void> {}
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}
