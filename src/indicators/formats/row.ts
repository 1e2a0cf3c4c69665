/** One item read from an import file, before normalization. Fields are as the file gave them. */
export interface ParsedRow {
  kind: 'indicator' | 'sighting'
  /** 1-based line in the file, or null for JSON documents (see `pointer`). */
  line: number | null
  /** JSON pointer of the item in a STIX bundle or MISP event. */
  pointer?: string
  value: unknown
  type?: unknown
  tlp?: unknown
  confidence?: unknown
  tags?: unknown
  source?: unknown
  firstSeen?: unknown
  lastSeen?: unknown
  validUntil?: unknown
  count?: unknown
  /** `false` (or "0", "false"): context only, not for detection (MISP `to_ids`). */
  ids?: unknown
  /** `true`: withdrawn by its source (STIX `revoked`). */
  revoked?: unknown
  /** What the source said beside the value (`port:443`), as text or a list of text. */
  context?: unknown
  /** Sightings: when and where it was seen. */
  time?: unknown
  where?: unknown
}

/** An item that could not be read at all (bad JSON, bad CSV quoting, an unsupported pattern). */
export interface RowError {
  kind: 'error'
  line: number | null
  pointer?: string
  reason: string
}

/** An item that is not an indicator and is not meant to be one (a STIX malware object, a MISP comment). */
export interface RowSkip {
  kind: 'skip'
}

export type ReadItem = ParsedRow | RowError | RowSkip

export interface ReaderContext {
  /** Rows of plain formats (txt, csv, ndjson) are sightings. */
  sightings: boolean
  /** Called with the number of bytes consumed so far, for progress. */
  onBytes?: (bytes: number) => void
  /** Longest line of line-based formats; a longer line is one error (default DEFAULT_MAX_LINE_BYTES). */
  maxLineBytes?: number
}

export type Reader = (file: string, context: ReaderContext) => AsyncIterable<ReadItem>

export const FORMATS = ['txt', 'csv', 'ndjson', 'stix', 'misp'] as const
export type Format = (typeof FORMATS)[number]
