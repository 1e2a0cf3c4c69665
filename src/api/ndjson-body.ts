import type { Readable } from 'node:stream'
import { ndjsonItems as itemsOfLine } from '../indicators/formats/ndjson.ts'
import type { ReadItem } from '../indicators/formats/row.ts'
import { HttpError } from './errors.ts'

/**
 * Splits a request body into NDJSON items as it arrives, so a large submission is imported in
 * batches without sitting in memory. Past `maxBytes` it stops with a 413; what was committed
 * before stays committed (the importer's report says how much).
 */
export async function* ndjsonItems(body: Readable, sightings: boolean, maxBytes: number): AsyncGenerator<ReadItem> {
  const decoder = new TextDecoder('utf-8', { fatal: false })
  let rest = ''
  let line = 0
  let bytes = 0
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length
    if (bytes > maxBytes) throw new HttpError(413, 'too_large', `NDJSON body over ${maxBytes} bytes; split it into several requests`)
    rest += decoder.decode(chunk, { stream: true })
    let at = rest.indexOf('\n')
    let start = 0
    while (at >= 0) {
      line++
      const text = rest.slice(start, at)
      if (text.trim() !== '') yield* itemsOfLine(text, line, sightings)
      start = at + 1
      at = rest.indexOf('\n', start)
    }
    rest = rest.slice(start)
  }
  rest += decoder.decode()
  if (rest.trim() !== '') yield* itemsOfLine(rest, line + 1, sightings)
}
