import { HttpError } from '../errors.ts'

/** Most objects one response holds, and what a request without `limit` gets. */
export const MAX_PAGE_SIZE = 1000

/** RFC 3339 in UTC with `Z` (the TAXII 2.1 timestamp type), any fraction of a second. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** A `match[version]` value: a keyword or a version timestamp (in ms since the epoch). */
export type VersionMatch = 'first' | 'last' | 'all' | number

/** The URL parameters of TAXII 2.1 filtering and pagination. */
export interface TaxiiQuery {
  /** Exclusive lower bound on date_added, ms since the epoch. */
  addedAfter: number | undefined
  limit: number
  next: string | undefined
  types: Set<string> | undefined
  ids: Set<string> | undefined
  /** Defaults to `last`, as TAXII 2.1 says. */
  versions: VersionMatch[]
  specVersions: Set<string> | undefined
}

/** A TAXII timestamp as ms since the epoch (sub-millisecond digits are dropped). */
export function parseTimestamp(text: string, what: string): number {
  const ms = TIMESTAMP.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(ms)) throw new HttpError(400, 'bad_request', `${what} is not an RFC 3339 UTC timestamp ending in Z: ${text}`)
  return ms
}

/** Comma-separated values; a parameter given twice counts as one list (TAXII 2.1: a logical OR). */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','))
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined
  if (Array.isArray(value)) throw new HttpError(400, 'bad_request', `${name} given more than once`)
  return String(value)
}

export function parseQuery(query: Record<string, unknown>): TaxiiQuery {
  const after = single(query.added_after, 'added_after')
  const limitText = single(query.limit, 'limit')
  let limit = MAX_PAGE_SIZE
  if (limitText !== undefined) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1) {
      throw new HttpError(400, 'bad_request', `limit must be a positive integer, not ${limitText}`)
    }
    limit = Math.min(Number(limitText), MAX_PAGE_SIZE)
  }
  const versions = (list(query['match[version]']) ?? ['last']).map((v): VersionMatch => {
    if (v === 'first' || v === 'last' || v === 'all') return v
    return parseTimestamp(v, 'match[version]')
  })
  const asSet = (name: string): Set<string> | undefined => {
    const values = list(query[name])
    return values === undefined ? undefined : new Set(values)
  }
  return {
    addedAfter: after === undefined ? undefined : parseTimestamp(after, 'added_after'),
    limit,
    next: single(query.next, 'next'),
    types: asSet('match[type]'),
    ids: asSet('match[id]'),
    versions,
    specVersions: asSet('match[spec_version]'),
  }
}
