import { readLines } from './lines.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/** One indicator per line; blank lines and lines starting with `#` or `//` are ignored. */
export async function* readTxt(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  for await (const [text, line] of readLines(file, context.onBytes)) {
    const value = text.trim()
    if (value === '' || value.startsWith('#') || value.startsWith('//')) continue
    yield { kind: context.sightings ? 'sighting' : 'indicator', line, value }
  }
}
