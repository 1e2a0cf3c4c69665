/**
 * One line of a plain list as the public feeds write them: one value per line, `#`, `;` and `//`
 * comment lines, inline comments after whitespace (`1.10.16.0/20 ; SBL256894`, FireHOL netsets,
 * `evil.example # C2`), and hosts files (`0.0.0.0 bad.example`). Anything else with more than one
 * field is not cleanly one indicator and is refused with what was seen, never guessed at.
 */
export interface PlainValue {
  value: string
  /** A type hint for normalize(), where the layout says what the value is (hosts-file names). */
  type?: string
  context?: string[]
}

export type PlainLine = { kind: 'comment' } | { kind: 'values'; values: PlainValue[] } | { kind: 'error'; reason: string }

const COMMENT: PlainLine = { kind: 'comment' }

/** Addresses hosts-file blocklists point names at; the names are the indicators. */
const SINK_ADDRESSES = new Set(['0.0.0.0', '127.0.0.1', '::', '::1', '0:0:0:0:0:0:0:0', '0:0:0:0:0:0:0:1'])

/** Names every hosts file maps to itself; they are the file's housekeeping, not indicators. */
const HOUSEKEEPING_NAMES = new Set([
  '0.0.0.0',
  'localhost',
  'localhost.localdomain',
  'local',
  'broadcasthost',
  'ip6-localhost',
  'ip6-loopback',
  'ip6-localnet',
  'ip6-mcastprefix',
  'ip6-allnodes',
  'ip6-allrouters',
  'ip6-allhosts',
])

const MAX_SHOWN = 80
const MAX_COMMENT = 200

/** A line as quoted in an error: shortened, so that a multi-MB line does not fill the report. */
export function shown(text: string): string {
  return JSON.stringify(text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text)
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 11 || code === 12 || code === 0xa0 || code === 0xfeff
}

/** Index of the `#` or `;` that starts an inline comment (one after whitespace), or -1. */
function commentStart(text: string): number {
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c === 35 || c === 59) && isSpace(text.charCodeAt(i - 1))) return i
  }
  return -1
}

function fieldsOf(text: string): string[] {
  const out: string[] = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const space = i === text.length || isSpace(text.charCodeAt(i))
    if (space && start >= 0) {
      out.push(text.slice(start, i))
      start = -1
    } else if (!space && start < 0) {
      start = i
    }
  }
  return out
}

function looksLikeAddress(field: string): boolean {
  return /^[\d.]+$/.test(field) || (field.split(':').length > 2 && /^[0-9a-f:.]+(?:%[\w.-]+)?$/i.test(field))
}

/** Context kept from an inline comment: a Spamhaus SBL id as `sbl:`, anything else as `comment:`. */
function commentContext(comment: string): string[] {
  if (comment === '') return []
  if (/^SBL\d+$/i.test(comment)) return [`sbl:${comment.toUpperCase()}`]
  return [`comment:${comment.length > MAX_COMMENT ? comment.slice(0, MAX_COMMENT) : comment}`]
}

export function parsePlainLine(line: string): PlainLine {
  const text = line.trim()
  if (text === '') return COMMENT
  const first = text.charCodeAt(0)
  if (first === 35 || first === 59 || text.startsWith('//')) return COMMENT
  let body = text
  let context: string[] | undefined
  // The common case (one bare value) costs one scan.
  if (/\s/.test(text)) {
    const at = commentStart(text)
    if (at >= 0) {
      body = text.slice(0, at).trim()
      const found = commentContext(text.slice(at + 1).trim())
      if (found.length > 0) context = found
    }
  }
  if (!/\s/.test(body)) return { kind: 'values', values: [context === undefined ? { value: body } : { value: body, context }] }
  const fields = fieldsOf(body)
  const [address = '', ...names] = fields
  if (looksLikeAddress(address)) {
    const wanted = names.filter((name) => !HOUSEKEEPING_NAMES.has(name.toLowerCase()))
    if (wanted.length === 0) return COMMENT
    if (!SINK_ADDRESSES.has(address)) {
      return {
        kind: 'error',
        reason: `hosts-file line ${shown(text)} maps names to ${address}, not to a sink address (0.0.0.0, 127.0.0.1, ::, ::1): not one indicator`,
      }
    }
    return {
      kind: 'values',
      values: wanted.map((name) => ({
        value: name,
        type: name.includes('.') ? 'domain' : 'hostname',
        ...(context === undefined ? {} : { context }),
      })),
    }
  }
  return { kind: 'error', reason: `line has ${fields.length} fields separated by whitespace (${shown(body)}), not one indicator` }
}
