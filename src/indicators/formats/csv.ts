import { type Column, columnFor, hasValueColumn, rowsFromCells } from './fields.ts'
import { DEFAULT_MAX_LINE_BYTES, tooLongReason } from './line-splitter.ts'
import { readLines } from './lines.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/** A quoted field may span lines; one still open after this many lines is taken as never closed. */
const MAX_RECORD_LINES = 100

type CsvRecord = { line: number; cells: string[] } | { line: number; error: string } | { line: number; comment: string }

/**
 * Splits one record (RFC 4180: `,` separates fields, `"` quotes one, `""` is a quote inside
 * quotes; whitespace around a field is dropped). Returns the cells, 'open' when a quoted field
 * runs past the end of the text, or why the record is malformed.
 */
export function splitCsvRecord(text: string): string[] | 'open' | { error: string } {
  const cells: string[] = []
  let i = 0
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++
    let cell = ''
    if (text[i] === '"') {
      let from = ++i
      for (;;) {
        const quote = text.indexOf('"', i)
        if (quote < 0) return 'open'
        if (text[quote + 1] !== '"') {
          cell += text.slice(from, quote)
          i = quote + 1
          break
        }
        cell += text.slice(from, quote + 1)
        i = from = quote + 2
      }
      while (text[i] === ' ' || text[i] === '\t') i++
      if (i < text.length && text[i] !== ',') {
        return { error: `field ${cells.length + 1} has "${text[i]}" after its closing quote (a quote inside quotes is written "")` }
      }
    } else {
      const comma = text.indexOf(',', i)
      const end = comma < 0 ? text.length : comma
      cell = text.slice(i, end).trim()
      if (cell.includes('"')) return { error: `field ${cells.length + 1} has a quote but is not quoted` }
      i = end
    }
    cells.push(cell)
    if (i >= text.length) return cells
    i++
  }
}

/**
 * Settles the held lines into records. A malformed record costs only its own lines: a quote that
 * does not close a field (by the end of the file, within MAX_RECORD_LINES, or at a comma or the
 * end of a later line) rejects the line that opened it, and the lines after it are read again.
 */
function* settle(held: [string, number][], atEnd: boolean): Generator<CsvRecord> {
  // Every shorter run of the held lines was open at the last call: try the longest one first.
  let lines = held.length
  while (held.length > 0) {
    const [first, line] = held[0] as [string, number]
    if (lines > held.length) {
      if (!atEnd && held.length <= MAX_RECORD_LINES) return
      const where = atEnd ? 'before the end of the file' : `within ${MAX_RECORD_LINES} lines`
      yield { line, error: `the quote opened on this line is not closed ${where}` }
      held.shift()
      lines = 1
      continue
    }
    const text =
      lines === 1
        ? first
        : held
            .slice(0, lines)
            .map(([part]) => part)
            .join('\n')
    const cells = splitCsvRecord(text)
    if (cells === 'open') {
      lines++
      continue
    }
    if (!Array.isArray(cells) && lines > 1) {
      // More likely a stray quote on the first line than a broken field over several lines.
      yield { line, error: 'the quote opened on this line is not closed at the end of a field' }
      held.shift()
      lines = 1
      continue
    }
    held.splice(0, lines)
    lines = 1
    yield Array.isArray(cells) ? { line, cells } : { line, error: cells.error }
  }
}

async function* csvRecords(file: string, context: ReaderContext): AsyncGenerator<CsvRecord> {
  const held: [string, number][] = []
  for await (const line of readLines(file, context.onBytes, context.maxLineBytes)) {
    if ('tooLong' in line) {
      // The held lines cannot continue past a skipped line: settle them as if the file ended.
      yield* settle(held, true)
      yield { line: line.line, error: tooLongReason(line.tooLong, context.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) }
      continue
    }
    const entry: [string, number] = [line.text, line.line]
    // A `#` line outside a quoted field is a comment (abuse.ch put their header in one).
    if (held.length === 0 && entry[0].charCodeAt(0) === 35) {
      yield { line: entry[1], comment: entry[0] }
      continue
    }
    held.push(entry)
    yield* settle(held, false)
  }
  yield* settle(held, true)
}

/**
 * The columns of a `#` comment line that reads as a CSV header naming a value column
 * (`# "first_seen_utc","dst_ip","dst_port",...` in abuse.ch exports), else undefined.
 */
export function commentedHeader(comment: string): Column[] | undefined {
  const text = comment.replace(/^#+/, '').trim()
  if (!text.includes(',')) return undefined
  const cells = splitCsvRecord(text)
  if (!Array.isArray(cells) || cells.length < 2) return undefined
  const columns = cells.map(columnFor)
  return hasValueColumn(columns) ? columns : undefined
}

/**
 * CSV with a header row naming the columns (fields.ts); unknown columns are ignored. The header
 * is the first row, or else the last `#` comment line before the data that reads as one. Lines
 * are the first line of each record; `#` lines are comments.
 */
export async function* readCsv(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  let columns: Column[] | undefined
  let commented: Column[] | undefined
  const kind = context.sightings ? 'sighting' : 'indicator'
  for await (const record of csvRecords(file, context)) {
    if ('comment' in record) {
      if (columns === undefined) commented = commentedHeader(record.comment) ?? commented
      continue
    }
    if ('error' in record) {
      yield { kind: 'error', line: record.line, reason: `malformed CSV: ${record.error}` }
      continue
    }
    const { line, cells } = record
    if (cells.length === 1 && cells[0] === '') continue
    if (columns === undefined) {
      const own = cells.map(columnFor)
      if (hasValueColumn(own)) {
        columns = own
        continue
      }
      if (commented === undefined) {
        const separator = [';', '\t', '|'].find((s) => cells.length === 1 && (cells[0] ?? '').includes(s))
        yield {
          kind: 'error',
          line,
          reason:
            separator !== undefined
              ? `the CSV header is separated by ${JSON.stringify(separator)}; Sightline reads comma-separated CSV (RFC 4180): save the file with commas`
              : 'CSV header has no value column (value, indicator, ioc, ioc_value, dst_ip, url, sha256_hash, ...), nor does any # comment line before it',
        }
        return
      }
      columns = commented
    }
    if (cells.length > columns.length) {
      yield { kind: 'error', line, reason: `row has ${cells.length} columns, the header ${columns.length}` }
      continue
    }
    yield* rowsFromCells(columns, cells, { kind, line })
  }
}
