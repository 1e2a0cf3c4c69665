import type { Tlp } from '../indicators/tlp.ts'
import type { IndicatorRecord, IndicatorType, SightingRecord } from '../indicators/types.ts'

/** Streams of the added log: what a cursor (`since`, TAXII `next`) pages through. */
export type AddedStream = 'matches' | 'shared'

/** One position in the added log. */
export interface Added {
  seq: number
  /** Key of the record in its own sublevel (a match key or an indicator key). */
  key: string
  /** When it was added (ms since the epoch): TAXII's date_added. */
  addedAt: number
}

/** One snapshot of the store for an export (see Store.exportView). */
export interface ExportView {
  indicators(): AsyncIterable<IndicatorRecord>
  sightings(): AsyncIterable<SightingRecord>
  getIndicator(item: { type: IndicatorType; value: string }): Promise<IndicatorRecord | undefined>
  close(): Promise<void>
}

export interface StoreStats {
  /** Indicator counts by type, then by TLP. */
  indicators: Partial<Record<IndicatorType, Partial<Record<Tlp, number>>>>
  sightings: number
}

export interface IngestResult {
  /** Records that were new. */
  inserted: number
  /** Records that were already held (or repeated within the batch) and were merged. */
  merged: number
}

export interface StoreOptions {
  /** Directory of the LevelDB database. */
  location: string
  /** fsync every ingest batch before it is acknowledged (default true). */
  sync?: boolean
  /** Keep everything in memory, nothing on disk (simulations and tests; `location` is only a label). */
  memory?: boolean
  /** After a failed write, reopen the database this often until it writes again (default 1000 ms). */
  writeRetryMs?: number
  /** Where the store says that writes failed or work again (default stderr). */
  log?: (message: string) => void
}
