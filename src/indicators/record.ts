import { InvalidIndicatorError } from './errors.ts'
import type { ParsedRow } from './formats/row.ts'
import { normalize } from './normalize.ts'
import { parseTlp, type Tlp } from './tlp.ts'
import type { IndicatorRecord, SightingRecord } from './types.ts'
import type { Warninglists } from './warninglist.ts'

export interface RecordDefaults {
  tlp: Tlp
  source: string
  /** Time used where a row gives none (ms since epoch). */
  now: number
  warninglists?: Warninglists
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Accepts ISO 8601 text (a time without a zone is UTC, never the machine's local time), or epoch
 * seconds or milliseconds (numbers or digit strings). Loose text such as "March 5" is refused.
 */
export function parseTime(value: unknown, field: string): number {
  let ms: number
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const n = Number(value)
    ms = n < 1e11 ? n * 1000 : n
  } else if (typeof value === 'string') {
    const text = value.trim()
    const match = ISO_8601.exec(text)
    if (match === null) throw new InvalidIndicatorError(`${field} "${value}" is not an ISO 8601 time or epoch number`)
    const dateOnly = text.length === 10
    ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : match[1] === undefined ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'))
  } else {
    throw new InvalidIndicatorError(`${field} is not a time`)
  }
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) throw new InvalidIndicatorError(`${field} "${String(value)}" is not a valid time`)
  return Math.trunc(ms)
}

function optionalTime(value: unknown, field: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : parseTime(value, field)
}

function parseCount(value: unknown): number {
  if (value === undefined || value === null || value === '') return 1
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidIndicatorError(`count "${String(value)}" is not a positive integer`)
  return n
}

function parseConfidence(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new InvalidIndicatorError(`confidence "${String(value)}" is not an integer 0-100`)
  return n
}

function parseTags(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return []
  const list = Array.isArray(value) ? value : String(value).split(/[;|]/)
  return [...new Set(list.map((t) => String(t).trim()).filter((t) => t !== ''))]
}

/** JSON booleans and the usual text forms of them (CSV, MISP's "0" and "1"). */
function parseFlag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (value === true || value === false) return value
  const s = String(value).trim().toLowerCase()
  if (s === 'true' || s === '1' || s === 'yes') return true
  if (s === 'false' || s === '0' || s === 'no') return false
  throw new InvalidIndicatorError(`${field} "${String(value)}" is not true or false`)
}

function parseContext(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const list = (Array.isArray(value) ? value : [value]).map((c) => String(c).trim()).filter((c) => c !== '')
  return list.length === 0 ? undefined : [...new Set(list)]
}

function text(value: unknown, field: string): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw new InvalidIndicatorError(value === undefined || value === null ? `missing ${field}` : `${field} is not text`)
}

function rowTlp(row: ParsedRow, defaults: RecordDefaults): Tlp {
  if (row.tlp === undefined || row.tlp === null || row.tlp === '') return defaults.tlp
  try {
    return parseTlp(text(row.tlp, 'tlp'))
  } catch (err) {
    throw new InvalidIndicatorError((err as Error).message)
  }
}

/**
 * The row's value normalized; a refusal names the value seen (shortened), unless the reason
 * quotes it already.
 */
function normalizeRow(row: ParsedRow): ReturnType<typeof normalize> {
  const value = text(row.value, 'value')
  try {
    return normalize(value, row.type === undefined || row.type === null ? undefined : text(row.type, 'type'))
  } catch (err) {
    if (!(err instanceof InvalidIndicatorError) || value === '') throw err
    const shown = value.length > 80 ? `${value.slice(0, 80)}...` : value
    throw err.quoted?.includes(shown) ? err : new InvalidIndicatorError(`${err.message}: ${JSON.stringify(shown)}`)
  }
}

/** Turns a parsed row into an indicator record, or throws InvalidIndicatorError with the reason. */
export function toIndicatorRecord(row: ParsedRow, defaults: RecordDefaults): IndicatorRecord {
  const item = normalizeRow(row)
  const lastSeen = optionalTime(row.lastSeen, 'last_seen') ?? defaults.now
  const firstSeen = optionalTime(row.firstSeen, 'first_seen')
  // Built field by field rather than by spreading: this runs a million times per import.
  const record: IndicatorRecord = {
    type: item.type,
    value: item.value,
    tlp: rowTlp(row, defaults),
    tags: parseTags(row.tags),
    source: row.source === undefined || row.source === null || row.source === '' ? defaults.source : text(row.source, 'source'),
    firstSeen: firstSeen === undefined ? lastSeen : Math.min(firstSeen, lastSeen),
    lastSeen,
    count: parseCount(row.count),
  }
  const confidence = parseConfidence(row.confidence)
  if (confidence !== undefined) record.confidence = confidence
  const validUntil = optionalTime(row.validUntil, 'valid_until')
  if (validUntil !== undefined) record.validUntil = validUntil
  const warninglist = defaults.warninglists?.match(item)
  if (warninglist !== undefined) record.warninglist = warninglist
  if (parseFlag(row.ids, 'ids') === false) record.ids = false
  if (parseFlag(row.revoked, 'revoked') === true) record.revoked = true
  const context = parseContext(row.context)
  if (context !== undefined) record.context = context
  return record
}

export function toSightingRecord(row: ParsedRow, defaults: RecordDefaults): SightingRecord {
  const item = normalizeRow(row)
  return {
    ...item,
    tlp: rowTlp(row, defaults),
    time: optionalTime(row.time ?? row.lastSeen, 'time') ?? defaults.now,
    count: parseCount(row.count),
    source: row.source === undefined || row.source === null || row.source === '' ? defaults.source : text(row.source, 'source'),
    where: row.where === undefined || row.where === null ? '' : text(row.where, 'where'),
  }
}
