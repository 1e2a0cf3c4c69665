import type { Readable } from 'node:stream'
import { LineSplitter, tooLongReason } from '../indicators/formats/line-splitter.ts'
import { ndjsonItems as itemsOfLine } from '../indicators/formats/ndjson.ts'
import type { ReadItem } from '../indicators/formats/row.ts'
import { HttpError } from './errors.ts'

/**
 * Splits a request body into NDJSON items as it arrives, in linear time, so a large submission is
 * imported in batches without sitting in memory. A line over `maxLineBytes` is one rejected row
 * (its bytes are dropped as they arrive) and the rows after it are read. Past `maxBytes` it stops
 * with a 413; what was committed before stays committed (the importer's report says how much).
 */
export async function* ndjsonItems(
  body: Readable,
  sightings: boolean,
  limits: { maxBytes: number; maxLineBytes: number },
): AsyncGenerator<ReadItem> {
  const splitter = new LineSplitter(limits.maxLineBytes)
  let bytes = 0
  const items = function* (lines: Iterable<{ line: number; text: string } | { line: number; tooLong: number }>) {
    for (const entry of lines) {
      if ('tooLong' in entry) yield { kind: 'error' as const, line: entry.line, reason: tooLongReason(entry.tooLong, limits.maxLineBytes) }
      else if (entry.text.trim() !== '') yield* itemsOfLine(entry.text, entry.line, sightings)
    }
  }
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    if (bytes > limits.maxBytes)
      throw new HttpError(413, 'too_large', `NDJSON body over ${limits.maxBytes} bytes; split it into several requests`)
    yield* items(splitter.push(chunk))
  }
  yield* items(splitter.end())
}
