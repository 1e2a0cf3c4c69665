import type { ParsedRow } from './row.ts'

/**
 * Column and field names accepted in CSV headers and NDJSON objects, mapped to row fields.
 * Matching ignores case, spaces, dashes and underscores. Besides our own names, the columns of
 * the abuse.ch exports (Feodo Tracker, URLhaus, ThreatFox, MalwareBazaar) and Spamhaus JSON.
 */
const FIELD_NAMES: Record<string, keyof ParsedRow> = {
  value: 'value',
  indicator: 'value',
  ioc: 'value',
  iocvalue: 'value',
  observable: 'value',
  type: 'type',
  indicatortype: 'type',
  ioctype: 'type',
  tlp: 'tlp',
  confidence: 'confidence',
  confidencelevel: 'confidence',
  tags: 'tags',
  labels: 'tags',
  source: 'source',
  firstseen: 'firstSeen',
  firstseenutc: 'firstSeen',
  dateadded: 'firstSeen',
  lastseen: 'lastSeen',
  lastseenutc: 'lastSeen',
  lastonline: 'lastSeen',
  validuntil: 'validUntil',
  expires: 'validUntil',
  count: 'count',
  ids: 'ids',
  toids: 'ids',
  revoked: 'revoked',
  context: 'context',
  time: 'time',
  timestamp: 'time',
  seen: 'time',
  where: 'where',
  location: 'where',
  sensor: 'where',
  host: 'where',
}

/**
 * Columns that hold an indicator of a known type. A row of MalwareBazaar has three (its SHA-256,
 * MD5 and SHA-1): each becomes an indicator of its own.
 */
const VALUE_COLUMNS: Record<string, string> = {
  dstip: 'ip',
  ipaddress: 'ip',
  url: 'url',
  cidr: 'cidr',
  md5hash: 'md5',
  sha1hash: 'sha1',
  sha256hash: 'sha256',
}

/** Columns kept as context beside the value (`port:443`, `filename:invoice.exe`, `sbl:SBL256894`). */
const CONTEXT_COLUMNS: Record<string, string> = {
  dstport: 'port',
  port: 'port',
  filename: 'filename',
  sblid: 'sbl',
}

/** Columns whose text is a tag (the malware family or threat of abuse.ch exports). */
const TAG_COLUMNS = new Set(['malware', 'malwareprintable', 'threat', 'threattype', 'signature'])

/** How abuse.ch exports write "no value" in a tag column. */
const NO_TAG = new Set(['', 'none', 'n/a', 'null'])

export type Column = { field: keyof ParsedRow } | { valueType: string } | { context: string } | { tag: true } | undefined

function key(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '')
}

export function fieldFor(name: string): keyof ParsedRow | undefined {
  return FIELD_NAMES[key(name)]
}

/** What a column of a CSV header (or a key of a JSON line) holds; undefined: ignored. */
export function columnFor(name: string): Column {
  const k = key(name)
  const field = FIELD_NAMES[k]
  if (field !== undefined) return { field }
  const valueType = VALUE_COLUMNS[k]
  if (valueType !== undefined) return { valueType }
  const context = CONTEXT_COLUMNS[k]
  if (context !== undefined) return { context }
  return TAG_COLUMNS.has(k) ? { tag: true } : undefined
}

/** True when the columns name at least one indicator value. */
export function hasValueColumn(columns: readonly Column[]): boolean {
  return columns.some((c) => c !== undefined && ('valueType' in c || ('field' in c && c.field === 'value')))
}

/** Abuse.ch type names (ThreatFox `ioc_type`) for ours; `ip:port` is split by splitIpPort. */
const FEED_TYPE_NAMES: Record<string, string> = {
  'ip:port': 'ip',
  md5_hash: 'md5',
  sha1_hash: 'sha1',
  sha256_hash: 'sha256',
  sha512_hash: 'sha512',
}

export function feedTypeName(name: string): string {
  return FEED_TYPE_NAMES[name.trim().toLowerCase()] ?? name
}

/**
 * `192.0.2.1:443` or `[2001:db8::1]:443`: the address, and the port to keep as context. Only
 * these two spellings: a bare IPv6 address also has colons and is no address with a port.
 */
export function splitIpPort(value: string): { ip: string; port: string } | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(value) ?? /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(value)
  if (m === null || Number(m[2]) > 65535) return undefined
  return { ip: m[1] as string, port: String(Number(m[2])) }
}

/**
 * The rows of one CSV record or JSON line, from named cells: one row per indicator value it
 * carries, sharing the other fields. A cell of `ids` etc. goes to its field; context and tag
 * columns are collected.
 */
export function rowsFromCells(names: readonly Column[], cells: readonly unknown[], base: Pick<ParsedRow, 'kind' | 'line'>): ParsedRow[] {
  const shared: ParsedRow = { ...base, value: undefined }
  const values: { value: unknown; type?: unknown }[] = []
  const context: string[] = []
  const tags: string[] = []
  let genericValue: unknown
  names.forEach((column, i) => {
    const cell = cells[i]
    if (column === undefined || cell === undefined || cell === null || cell === '') return
    if ('field' in column) {
      if (column.field === 'value') genericValue = cell
      else if (column.field === 'tags' && typeof cell === 'string') tags.push(...cell.split(/[,;|]/))
      else if (column.field === 'context') context.push(...(Array.isArray(cell) ? cell.map(String) : [String(cell)]))
      else (shared as unknown as Record<string, unknown>)[column.field] = cell
    } else if ('valueType' in column) {
      values.push({ value: cell, type: column.valueType })
    } else if ('context' in column) {
      context.push(`${column.context}:${String(cell)}`)
    } else if (typeof cell === 'string') {
      tags.push(cell)
    } else if (Array.isArray(cell)) {
      tags.push(...cell.map(String))
    }
  })
  if (genericValue !== undefined) values.unshift({ value: genericValue, type: shared.type })
  if (values.length === 0) return [shared]
  if (tags.length > 0) shared.tags = [...new Set(tags.map((t) => t.trim()).filter((t) => !NO_TAG.has(t.toLowerCase())))]
  return values.map(({ value, type }) => {
    const row: ParsedRow = { ...shared, value, ...(type === undefined ? {} : { type }) }
    const ownContext = [...context]
    if (typeof type === 'string') row.type = feedTypeName(type)
    if (typeof value === 'string' && (row.type === undefined || row.type === 'ip')) {
      const split = splitIpPort(value.trim())
      if (split !== undefined) {
        row.value = split.ip
        ownContext.push(`port:${split.port}`)
      }
    }
    if (ownContext.length > 0) row.context = [...new Set(ownContext)]
    return row
  })
}
