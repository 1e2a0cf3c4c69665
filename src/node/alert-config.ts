import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AlertsConfig, SyslogConfig, WebhookConfig } from './alert-options.ts'
import { WEBHOOK_HEADERS } from './alert-sinks/webhook.ts'

export class AlertConfigError extends Error {
  override name = 'AlertConfigError'
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/
/** RFC 9110 section 5.6.2 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const MIN_SECRET = 16

type Json = Record<string, unknown>

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AlertConfigError(`${where} must be a JSON object`)
  return value as Json
}

function only(value: Json, keys: readonly string[], where: string): void {
  for (const key of Object.keys(value))
    if (!keys.includes(key)) throw new AlertConfigError(`${where}: unknown setting "${key}" (expected ${keys.join(', ')})`)
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new AlertConfigError(`${where} must be an array`)
  return value
}

function name(value: unknown, fallback: string, where: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !NAME.test(value))
    throw new AlertConfigError(`${where}.name must be 1-64 letters, digits, ".", "_" or "-"`)
  return value
}

/**
 * Validates the config file's `alerts` object. `secret` of a webhook may be left out when
 * SIGHTLINE_WEBHOOK_SECRET is set. A config file that holds a secret must not be readable by
 * other users (as ssh refuses a readable key). A relative `file` is relative to the data directory.
 */
export function parseAlertsConfig(value: unknown, context: { file: string; dataDir: string; env: NodeJS.ProcessEnv }): AlertsConfig {
  const where = `${context.file}: alerts`
  const alerts = object(value, where)
  only(alerts, ['webhooks', 'file', 'syslog', 'maxAttempts'], where)
  const names = new Set<string>()
  const unique = (n: string, at: string) => {
    if (names.has(n)) throw new AlertConfigError(`${at}: destination name "${n}" is used twice`)
    names.add(n)
    return n
  }
  let secretInFile = false

  const webhooks = list(alerts.webhooks, `${where}.webhooks`).map((raw, i): WebhookConfig => {
    const at = `${where}.webhooks[${i}]`
    const hook = object(raw, at)
    only(hook, ['name', 'url', 'secret', 'headers'], at)
    let url: URL
    try {
      url = new URL(String(hook.url))
    } catch {
      throw new AlertConfigError(`${at}.url must be an http(s) URL`)
    }
    if (typeof hook.url !== 'string' || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new AlertConfigError(`${at}.url must be an http(s) URL`)
    let secret = context.env.SIGHTLINE_WEBHOOK_SECRET
    if (hook.secret !== undefined) {
      if (typeof hook.secret !== 'string') throw new AlertConfigError(`${at}.secret must be a string`)
      secret = hook.secret
      secretInFile = true
    }
    if (secret === undefined || secret === '') throw new AlertConfigError(`${at}.secret is missing (set it, or SIGHTLINE_WEBHOOK_SECRET)`)
    if (secret.length < MIN_SECRET) throw new AlertConfigError(`${at}.secret must be at least ${MIN_SECRET} characters`)
    const headers: Record<string, string> = {}
    if (hook.headers !== undefined) {
      for (const [key, v] of Object.entries(object(hook.headers, `${at}.headers`))) {
        if (!HEADER_NAME.test(key) || typeof v !== 'string' || /[\r\n\0]/.test(v))
          throw new AlertConfigError(`${at}.headers: "${key}" must be a header name with a string value on one line`)
        if (WEBHOOK_HEADERS.includes(key.toLowerCase())) throw new AlertConfigError(`${at}.headers: "${key}" is set by Sightline`)
        headers[key] = v
      }
    }
    return { name: unique(name(hook.name, `webhook-${i + 1}`, at), at), url: url.href, secret, headers }
  })

  let file: string | undefined
  if (alerts.file !== undefined) {
    if (typeof alerts.file !== 'string' || alerts.file === '') throw new AlertConfigError(`${where}.file must be a file name`)
    unique('file', `${where}.file`)
    file = resolve(context.dataDir, alerts.file)
  }

  const syslog = list(alerts.syslog, `${where}.syslog`).map((raw, i) => syslogConfig(raw, i, where, unique))

  let maxAttempts: number | undefined
  if (alerts.maxAttempts !== undefined) {
    if (!Number.isInteger(alerts.maxAttempts) || (alerts.maxAttempts as number) < 1 || (alerts.maxAttempts as number) > 1000)
      throw new AlertConfigError(`${where}.maxAttempts must be a whole number from 1 to 1000`)
    maxAttempts = alerts.maxAttempts as number
  }

  if (secretInFile && (statSync(context.file).mode & 0o077) !== 0)
    throw new AlertConfigError(`${context.file} holds a webhook secret and is accessible by other users; run: chmod 600 ${context.file}`)
  return { webhooks, file, syslog, maxAttempts }
}

/** One entry of `alerts.syslog`; `unique` refuses a destination name used twice. */
function syslogConfig(raw: unknown, i: number, where: string, unique: (n: string, at: string) => string): SyslogConfig {
  const at = `${where}.syslog[${i}]`
  const entry = object(raw, at)
  only(entry, ['name', 'host', 'port', 'protocol', 'framing', 'facility'], at)
  if (typeof entry.host !== 'string' || entry.host === '') throw new AlertConfigError(`${at}.host must be a host name or address`)
  if (!Number.isInteger(entry.port) || (entry.port as number) < 1 || (entry.port as number) > 65535)
    throw new AlertConfigError(`${at}.port must be a port number (1-65535)`)
  if (entry.protocol !== 'udp' && entry.protocol !== 'tcp') throw new AlertConfigError(`${at}.protocol must be "udp" or "tcp"`)
  const framing = entry.framing ?? 'octet-counting'
  if (framing !== 'octet-counting' && framing !== 'lf') throw new AlertConfigError(`${at}.framing must be "octet-counting" or "lf"`)
  const facility = entry.facility ?? 16
  if (!Number.isInteger(facility) || (facility as number) < 0 || (facility as number) > 23)
    throw new AlertConfigError(`${at}.facility must be a syslog facility number (0-23)`)
  return {
    name: unique(name(entry.name, `syslog-${i + 1}`, at), at),
    host: entry.host,
    port: entry.port as number,
    protocol: entry.protocol,
    framing,
    facility: facility as number,
  }
}
