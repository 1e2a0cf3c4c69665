/**
 * One logger for the whole node: `forComponent('sightline:psi')` gives a part its own logger with
 * four levels (error, warn, info, debug). Lines go to stderr, as text for a person when stderr is
 * a terminal and as NDJSON (one JSON object per line) otherwise, for log shippers. The level comes
 * from SIGHTLINE_LOG_LEVEL (error, warn, info, debug or silent; default info) or from
 * `configureLogging({ level })`.
 *
 * Raw values of protected indicators (TLP:AMBER and above) never reach a line at info level or
 * above (DESIGN section 2). The types enforce it at error, warn and info:
 * - the message must be a constant (a string literal): nothing read at run time is spliced in;
 * - field values are numbers, booleans, or `Safe` text: `redact(value)` (a keyed hash that tells
 *   two values apart within one process and cannot be reversed or enumerated offline),
 *   `safe(text)` (the caller vouches that the text is no indicator value: a peer id, a protocol,
 *   a file name) or `errorSummary(err)` (an error's class and code, never its message).
 * Anything else that still gets there at run time (through `any`) is written as "[redacted]".
 * Debug is for developers: it takes any text and values, errors with their messages, and is off
 * unless asked for.
 */
import { createHmac, randomBytes } from 'node:crypto'

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export type LogThreshold = LogLevel | 'silent'

/** Text that may be logged at any level; made only by `safe`, `redact` and `errorSummary`. */
export class Safe {
  readonly #text: string
  private constructor(text: string) {
    this.#text = text
  }
  /** @internal */
  static of(text: string): Safe {
    return new Safe(text)
  }
  toString(): string {
    return this.#text
  }
  toJSON(): string {
    return this.#text
  }
}

/** Text the caller vouches holds no indicator value (peer ids, protocols, paths, counts as text). */
export function safe(text: string): Safe {
  return Safe.of(text)
}

const REDACT_KEY = randomBytes(32)

/** A protected value as a token that is stable within this process only (HMAC under a key never written anywhere). */
export function redact(value: string): Safe {
  return Safe.of(`redacted:${createHmac('sha256', REDACT_KEY).update(value).digest('hex').slice(0, 12)}`)
}

/** An error as its class name and stable code: never its message, which may quote input. */
export function errorSummary(err: unknown): Safe {
  if (!(err instanceof Error)) return Safe.of(typeof err)
  const code = 'code' in err ? err.code : undefined
  return Safe.of(typeof code === 'string' || typeof code === 'number' ? `${err.name} (${code})` : err.name)
}

export type SafeValue = number | boolean | null | undefined | Safe | readonly (number | boolean | Safe)[]
export type SafeFields = Readonly<Record<string, SafeValue>>
/**
 * A string literal type: a message built at run time (type `string`, or a template such as
 * `matched ${string}`) does not fit. Only literal keys make a record without an index signature.
 */
export type Constant<M extends string> = Record<never, never> extends Record<M, never> ? never : M

export interface Logger {
  readonly component: string
  error<M extends string>(message: Constant<M>, fields?: SafeFields): void
  warn<M extends string>(message: Constant<M>, fields?: SafeFields): void
  info<M extends string>(message: Constant<M>, fields?: SafeFields): void
  /** Anything, errors with their messages: for developers, off by default. */
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void
  enabled(level: LogLevel): boolean
}

/** Where lines go: stderr by default; tests pass their own. */
export interface LogSink {
  write(line: string): unknown
  isTTY?: boolean
}

export interface LogOptions {
  /** Lowest level written (default: SIGHTLINE_LOG_LEVEL, else info). */
  level?: LogThreshold
  /** `human` lines, `json` (NDJSON), or `auto`: human on a terminal, else NDJSON (default). */
  format?: 'human' | 'json' | 'auto'
  sink?: LogSink
  now?: () => Date
}

export function isLogThreshold(s: string): s is LogThreshold {
  return s === 'silent' || (LOG_LEVELS as readonly string[]).includes(s)
}

let settings: LogOptions = {}

/** Sets the process-wide options (the CLI does this from flags); later loggers and earlier ones alike follow them. */
export function configureLogging(options: LogOptions): void {
  settings = { ...options }
}

function thresholdOf(options: LogOptions): LogThreshold {
  if (options.level !== undefined) return options.level
  const env = process.env.SIGHTLINE_LOG_LEVEL?.trim().toLowerCase()
  return env !== undefined && isLogThreshold(env) ? env : 'info'
}

function rank(level: LogThreshold): number {
  return level === 'silent' ? -1 : LOG_LEVELS.indexOf(level)
}

/** A field value for a line at `level`: at info and above only numbers, booleans and Safe text pass. */
function fieldValue(value: unknown, level: LogLevel): unknown {
  if (value instanceof Safe) return value.toString()
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((v) => fieldValue(v, level))
  if (level !== 'debug') return '[redacted]'
  if (value instanceof Error) {
    const code = 'code' in value ? value.code : undefined
    return code === undefined ? `${value.name}: ${value.message}` : `${value.name} (${String(code)}): ${value.message}`
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string' || value === undefined) return value
  try {
    return JSON.parse(JSON.stringify(value)) as unknown
  } catch {
    // Not serializable (a cycle): its text form is all a log line can hold.
    return String(value)
  }
}

function humanValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text)
}

function format(level: LogLevel, component: string, message: string, fields: Record<string, unknown>, human: boolean, time: Date) {
  if (!human) return `${JSON.stringify({ time: time.toISOString(), level, component, msg: message, ...fields })}\n`
  const pairs = Object.entries(fields).map(([k, v]) => ` ${k}=${humanValue(v)}`)
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${component} ${message}${pairs.join('')}\n`
}

/** A logger for one part of the node, named `sightline:<part>`. Options override the process-wide ones. */
export function forComponent(component: string, options: LogOptions = {}): Logger {
  const current = (): LogOptions => ({ ...settings, ...options })
  const enabled = (level: LogLevel) => rank(level) <= rank(thresholdOf(current()))
  const write = (level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> | undefined) => {
    const o = current()
    if (rank(level) > rank(thresholdOf(o))) return
    const sink = o.sink ?? process.stderr
    const human = o.format === 'human' || ((o.format ?? 'auto') === 'auto' && sink.isTTY === true)
    const plain: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value !== undefined) plain[key] = fieldValue(value, level)
    }
    sink.write(format(level, component, message, plain, human, (o.now ?? (() => new Date()))()))
  }
  return {
    component,
    error: (message, fields) => write('error', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    info: (message, fields) => write('info', message, fields),
    debug: (message, fields) => write('debug', message, fields),
    enabled,
  }
}
