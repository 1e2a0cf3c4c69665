import { fieldFor } from './fields.ts'
import { readLines } from './lines.ts'
import type { ParsedRow, ReaderContext, ReadItem } from './row.ts'

/**
 * One JSON object per line with the fields of fields.ts. A line with `"kind": "sighting"` is a
 * sighting whatever --sightings says, so that our own NDJSON export imports back unchanged.
 */
export async function* readNdjson(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  for await (const [text, line] of readLines(file, context.onBytes)) {
    if (text.trim() !== '') yield ndjsonItem(text, line, context.sightings)
  }
}

/** One NDJSON line (or one element of a JSON array, as text) as an import item. */
export function ndjsonItem(text: string, line: number, sightings: boolean): ReadItem {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return { kind: 'error', line, reason: `invalid JSON: ${(err as Error).message}` }
  }
  return objectItem(parsed, line, sightings)
}

/** A parsed JSON object with the fields of fields.ts as an import item. */
export function objectItem(parsed: unknown, line: number, sightings: boolean): ReadItem {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'error', line, reason: 'expected a JSON object on each line' }
  }
  const source = parsed as Record<string, unknown>
  const kind = source.kind === 'sighting' || (source.kind === undefined && sightings) ? 'sighting' : 'indicator'
  const row: ParsedRow = { kind, line, value: undefined }
  for (const [name, value] of Object.entries(source)) {
    const field = fieldFor(name)
    if (field !== undefined && field !== 'kind' && field !== 'line') (row as unknown as Record<string, unknown>)[field] = value
  }
  return row
}
