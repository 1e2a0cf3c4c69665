import { columnFor, rowsFromCells } from './fields.ts'
import { DUPLICATE_KEY_REASON, scanJson } from './json-scan.ts'
import { DEFAULT_MAX_LINE_BYTES, tooLongReason } from './line-splitter.ts'
import { readLines } from './lines.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/**
 * One JSON object per line with the fields of fields.ts. A line with `"kind": "sighting"` is a
 * sighting whatever --sightings says, so that our own NDJSON export imports back unchanged.
 * Spamhaus's JSON lines (`{"cidr": ..., "sblid": ...}`) read the same way; their closing
 * `{"type": "metadata", ...}` line is skipped.
 */
export async function* readNdjson(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  for await (const entry of readLines(file, context.onBytes, context.maxLineBytes)) {
    if ('tooLong' in entry)
      yield { kind: 'error', line: entry.line, reason: tooLongReason(entry.tooLong, context.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) }
    else if (entry.text.trim() !== '') yield* ndjsonItems(entry.text, entry.line, context.sightings)
  }
}

/** One NDJSON line (or one element of a JSON array, as text) as import items. */
export function ndjsonItems(text: string, line: number, sightings: boolean): ReadItem[] {
  let parsed: unknown
  try {
    if (scanJson(text).length > 0) return [{ kind: 'error', line, reason: DUPLICATE_KEY_REASON }]
    parsed = JSON.parse(text)
  } catch (err) {
    return [{ kind: 'error', line, reason: `invalid JSON: ${(err as Error).message}` }]
  }
  return objectItems(parsed, line, sightings)
}

/** A parsed JSON object with the fields of fields.ts as import items (one per value it carries). */
export function objectItems(parsed: unknown, line: number, sightings: boolean): ReadItem[] {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ kind: 'error', line, reason: 'expected a JSON object on each line' }]
  }
  const source = parsed as Record<string, unknown>
  if (source.type === 'metadata' && source.value === undefined && source.cidr === undefined) return [{ kind: 'skip' }]
  const kind = source.kind === 'sighting' || (source.kind === undefined && sightings) ? 'sighting' : 'indicator'
  const names = Object.keys(source)
  const columns = names.map((name) => {
    const column = columnFor(name)
    return column !== undefined && 'field' in column && (column.field === 'kind' || column.field === 'line') ? undefined : column
  })
  return rowsFromCells(
    columns,
    names.map((name) => source[name]),
    { kind, line },
  )
}
