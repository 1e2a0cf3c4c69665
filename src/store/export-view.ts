import type { IndicatorRecord, IndicatorType, SightingRecord } from '../indicators/types.ts'
import { decodeIndicator, decodeSighting } from './codec.ts'
import { indicatorKey } from './keys.ts'
import type { ExportView } from './types.ts'

type Bytes = Uint8Array

interface SnapshotLevel {
  values(options: never): AsyncIterable<unknown>
  get(key: string, options: never): Promise<Bytes | undefined>
}

/** A read-only view of indicators and sightings at one database snapshot (see Store.exportView). */
export function exportViewOf(snapshot: { close(): Promise<void> }, indicators: SnapshotLevel, sightings: SnapshotLevel): ExportView {
  return {
    async *indicators(): AsyncGenerator<IndicatorRecord> {
      for await (const bytes of indicators.values({ snapshot } as never)) yield decodeIndicator(bytes as Bytes)
    },
    async *sightings(): AsyncGenerator<SightingRecord> {
      for await (const bytes of sightings.values({ snapshot } as never)) yield decodeSighting(bytes as Bytes)
    },
    async getIndicator(item: { type: IndicatorType; value: string }) {
      const bytes = await indicators.get(indicatorKey(item), { snapshot } as never)
      return bytes === undefined ? undefined : decodeIndicator(bytes)
    },
    close: () => snapshot.close(),
  }
}
