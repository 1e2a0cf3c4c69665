import { inPsi } from '../indicators/activity.ts'
import { stricterTlp, type Tlp } from '../indicators/tlp.ts'
import { FEED_SOURCE_PREFIX, type IndicatorRecord, type Observable } from '../indicators/types.ts'
import { Mode, sightedMode } from '../psi/enums.ts'
import { indicatorKey } from '../store/keys.ts'
import type { Store } from '../store/store.ts'
import type { Entry } from './own-entries.ts'

export interface OwnScanOptions {
  now: number
  /** Config `contextInPsi`: context-only indicators enter PSI too. */
  contextInPsi: boolean
  /** Sighting windows (ms); none: holds lists only. */
  windows: readonly number[]
  /** Values on a warninglist (sightings carry no mark of their own). */
  warninglisted?: ((item: Observable) => boolean) | undefined
}

/**
 * Our values by the list they belong in (DESIGN section 3), read from the store once and handed
 * to `visit` one at a time: indicators in PSI to the holds lists (RED by count), then each value
 * sighted within a window to that window's sighted list. Every indicator record is also handed to
 * `each` (the feed takes its entries from the same read). Returns our sighting events per value
 * and window.
 */
export async function scanOwn(
  store: Pick<Store, 'indicators' | 'sightings'>,
  o: OwnScanOptions,
  visit: (mode: Mode, entry: Entry) => void,
  each: (record: IndicatorRecord, now: number) => void = () => {},
): Promise<Map<string, number[]>> {
  const { now, windows } = o
  const policy = { now, contextInPsi: o.contextInPsi }
  /** Values that must not enter a sighted list either: warninglisted, inactive, context only, and their TLP. */
  const barred = new Set<string>()
  const tlpOf = new Map<string, Tlp>()
  for await (const record of store.indicators()) {
    each(record, now)
    const key = indicatorKey(record)
    if (isCidr(record) || record.source.startsWith(FEED_SOURCE_PREFIX)) {
      if (record.warninglist !== undefined) barred.add(key)
      continue
    }
    // Indicators a member shared on the feed are theirs, not ours: matching them back would tell
    // the member nothing it does not know.
    if (!inPsi(record, policy) || record.warninglist !== undefined) {
      barred.add(key)
      continue
    }
    visit(record.tlp === 'red' ? Mode.Count : Mode.Items, { type: record.type, value: record.value, tlp: record.tlp })
    if (windows.length > 0) tlpOf.set(key, record.tlp)
  }
  const sightingCounts = new Map<string, number[]>()
  if (windows.length === 0) return sightingCounts
  const longest = Math.max(...windows)
  const sighted = new Map<string, Entry>()
  for await (const s of store.sightings()) {
    const age = now - s.time
    const key = indicatorKey(s)
    if (age < 0 || age > longest || isCidr(s) || barred.has(key) || o.warninglisted?.(s) === true) continue
    const counts = sightingCounts.get(key) ?? windows.map(() => 0)
    windows.forEach((ms, w) => {
      if (age <= ms) counts[w] = (counts[w] ?? 0) + s.count
    })
    sightingCounts.set(key, counts)
    const held = sighted.get(key)
    sighted.set(key, { type: s.type, value: s.value, tlp: stricterTlp(held?.tlp ?? s.tlp, stricterTlp(s.tlp, tlpOf.get(key) ?? s.tlp)) })
  }
  for (const [key, entry] of sighted) {
    const counts = sightingCounts.get(key) ?? []
    windows.forEach((_, w) => {
      if ((counts[w] ?? 0) > 0) visit(sightedMode(w, entry.tlp === 'red'), entry)
    })
  }
  return sightingCounts
}

function isCidr(item: Observable): boolean {
  return item.type === 'ipv4-cidr' || item.type === 'ipv6-cidr'
}
