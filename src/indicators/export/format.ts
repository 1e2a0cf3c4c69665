import { ndjsonExport } from './ndjson.ts'
import { type ExportSource, stixBundle } from './stix.ts'

export const EXPORT_FORMATS = ['stix', 'ndjson'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The text of an export, chunk by chunk. */
export function exportChunks(source: ExportSource, format: ExportFormat): AsyncGenerator<string> {
  return format === 'stix' ? stixBundle(source) : ndjsonExport(source)
}

export function exportContentType(format: ExportFormat): string {
  return format === 'stix' ? 'application/stix+json;version=2.1' : 'application/x-ndjson'
}
