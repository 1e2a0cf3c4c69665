/** Alert delivery settings with their defaults (DESIGN section 7, "Alerts"). */
export interface OutboxOptions {
  /** Attempts per alert and destination before it is dead-lettered (kept, state `dead`). */
  maxAttempts: number
  /**
   * Backoff after the n-th failed attempt is a uniform random delay in
   * [0, min(maxDelayMs, baseDelayMs * 2^(n-1))] ("full jitter"), so many nodes and many alerts
   * never retry in lockstep against a receiver that just came back.
   */
  baseDelayMs: number
  maxDelayMs: number
  /** Deliveries in flight at once, over all destinations. */
  concurrency: number
  /** One delivery attempt (HTTP request, file append and fsync, syslog send) is abandoned after this. */
  requestTimeoutMs: number
  /** How often the store is read for entries written without a notify() (and due retries are checked). */
  pollIntervalMs: number
}

/**
 * With these defaults an alert whose receiver stays down is tried 12 times over about 1.2 hours
 * on average (at most 2.4 hours) before it is dead-lettered; `retryDead()` brings it back.
 */
export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  maxAttempts: 12,
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60 * 1000,
  concurrency: 4,
  requestTimeoutMs: 10_000,
  pollIntervalMs: 250,
}

/** A webhook receiver: alerts are POSTed as JSON, signed with HMAC-SHA256 over `secret`. */
export interface WebhookConfig {
  /** Destination name, part of each outbox entry id (default `webhook-<n>`, n counting from 1). */
  name: string
  /** http(s) URL. */
  url: string
  /** HMAC-SHA256 key (at least 16 characters); config `secret` or SIGHTLINE_WEBHOOK_SECRET. */
  secret: string
  /** Extra request headers (an Authorization header for the receiver, say); never our own. */
  headers: Record<string, string>
}

/** A syslog receiver that takes CEF (RFC 5424 messages). */
export interface SyslogConfig {
  /** Destination name (default `syslog-<n>`). */
  name: string
  host: string
  port: number
  protocol: 'udp' | 'tcp'
  /** TCP framing (RFC 6587): octet counting (default) or a trailing LF. */
  framing: 'octet-counting' | 'lf'
  /** Syslog facility 0-23 (default 16, local0). */
  facility: number
}

/** Config key `alerts`: where alerts of new matches go. Absent: no alerts. */
export interface AlertsConfig {
  webhooks: WebhookConfig[]
  /** NDJSON alert file (relative paths are relative to the data directory); destination name `file`. */
  file?: string | undefined
  syslog: SyslogConfig[]
  /** Overrides DEFAULT_OUTBOX_OPTIONS.maxAttempts. */
  maxAttempts?: number | undefined
}
