import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { fieldFor } from './fields.ts'
import type { ParsedRow, ReaderContext, ReadItem } from './row.ts'

/** CSV with a header row naming the columns (fields.ts); unknown columns are ignored. */
export async function* readCsv(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  const input = createReadStream(file)
  const skipped: ReadItem[] = []
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      trim: true,
    }),
  )
  parser.on('skip', (err: Error & { lines?: number }) => {
    skipped.push({ kind: 'error', line: err.lines ?? null, reason: `malformed CSV: ${err.message}` })
  })
  let columns: (keyof ParsedRow | undefined)[] | undefined
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* skipped.splice(0)
    context.onBytes?.(input.bytesRead)
    if (columns === undefined) {
      columns = record.map(fieldFor)
      if (!columns.includes('value')) {
        yield { kind: 'error', line: info.lines, reason: 'CSV header has no value column (value, indicator or ioc)' }
        return
      }
      continue
    }
    if (record.length > columns.length) {
      yield { kind: 'error', line: info.lines, reason: `row has ${record.length} columns, the header ${columns.length}` }
      continue
    }
    const row: ParsedRow = { kind: context.sightings ? 'sighting' : 'indicator', line: info.lines, value: undefined }
    record.forEach((cell, i) => {
      const field = columns?.[i]
      if (field !== undefined && cell !== '') (row as unknown as Record<string, unknown>)[field] = cell
    })
    yield row
  }
  yield* skipped.splice(0)
}
