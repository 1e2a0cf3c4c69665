import { DEFAULT_MAX_LINE_BYTES, tooLongReason } from './line-splitter.ts'
import { readLines } from './lines.ts'
import { parsePlainLine } from './plain-line.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/**
 * Plain lists: one indicator per line, with the comments and hosts-file lines of plain-line.ts
 * (Spamhaus DROP/EDROP, FireHOL netsets, hosts blocklists, abuse.ch text lists).
 */
export async function* readTxt(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  const kind = context.sightings ? 'sighting' : 'indicator'
  for await (const entry of readLines(file, context.onBytes, context.maxLineBytes)) {
    const { line } = entry
    if ('tooLong' in entry) {
      yield { kind: 'error', line, reason: tooLongReason(entry.tooLong, context.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) }
      continue
    }
    const parsed = parsePlainLine(entry.text)
    if (parsed.kind === 'comment') continue
    if (parsed.kind === 'error') {
      yield { kind: 'error', line, reason: parsed.reason }
      continue
    }
    for (const v of parsed.values) {
      yield v.type === undefined && v.context === undefined
        ? { kind, line, value: v.value }
        : { kind, line, value: v.value, type: v.type, context: v.context }
    }
  }
}
