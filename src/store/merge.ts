import { stricterTlp } from '../indicators/tlp.ts'
import { FEED_SOURCE_PREFIX, type IndicatorRecord, type SightingRecord } from '../indicators/types.ts'
import type { IngestResult, StoreStats } from './types.ts'

const MAX_TAGS = 64
const MAX_CONTEXT = 32

/**
 * Merges a new report of an indicator into what is held: the earliest first sighting, the latest
 * last sighting, counts added, tags united, the stricter TLP (a merge never weakens protection)
 * and the higher confidence. The first source that reported it stays its source, except that our
 * own report replaces a member's feed as the source. An indicator is context only (`ids: false`)
 * while every report says so; the newer report decides whether it is revoked. With `counts: 'max'` (API submissions, which
 * clients may repeat after a lost answer) a repeated report does not add to the count.
 */
export function mergeIndicator(held: IndicatorRecord, report: IndicatorRecord, counts: 'add' | 'max' = 'add'): IndicatorRecord {
  const tags = held.tags.length >= MAX_TAGS ? held.tags : [...new Set([...held.tags, ...report.tags])].slice(0, MAX_TAGS)
  return {
    ...held,
    tlp: stricterTlp(held.tlp, report.tlp),
    confidence: maxDefined(held.confidence, report.confidence),
    tags,
    firstSeen: Math.min(held.firstSeen, report.firstSeen),
    lastSeen: Math.max(held.lastSeen, report.lastSeen),
    count: counts === 'add' ? held.count + report.count : Math.max(held.count, report.count),
    validUntil: maxDefined(held.validUntil, report.validUntil),
    warninglist: held.warninglist ?? report.warninglist,
    // One source reporting it for detection makes it an IDS indicator.
    ids: held.ids === false && report.ids === false ? false : undefined,
    // The newer report says whether the source still stands by it.
    revoked: (report.lastSeen >= held.lastSeen ? report.revoked : held.revoked) === true ? true : undefined,
    context: mergeContext(held.context, report.context),
    // Our own report of a value first learned from a member's feed makes it ours (it then enters
    // our digests); otherwise the first source stays.
    source: held.source.startsWith(FEED_SOURCE_PREFIX) && !report.source.startsWith(FEED_SOURCE_PREFIX) ? report.source : held.source,
    sources: mergeSources(held, report),
  }
}

const MAX_SOURCES = 16

/** Every source that reported it, so "held only from public feeds" can be told apart (source-kinds.ts). */
function mergeSources(held: IndicatorRecord, report: IndicatorRecord): string[] | undefined {
  const all = [...sourcesOf(held)]
  for (const s of sourcesOf(report)) if (!all.includes(s) && all.length < MAX_SOURCES) all.push(s)
  return all.length > 1 ? all : undefined
}

export function sourcesOf(record: Pick<IndicatorRecord, 'source' | 'sources'>): string[] {
  return record.sources ?? [record.source]
}

function mergeContext(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (b === undefined || b.length === 0) return a
  if (a === undefined || a.length === 0) return b
  return a.length >= MAX_CONTEXT ? a : [...new Set([...a, ...b])].slice(0, MAX_CONTEXT)
}

/** The same sighting reported twice is one event: keep the larger count and the stricter TLP. */
export function mergeSighting(held: SightingRecord, report: SightingRecord): SightingRecord {
  return { ...held, tlp: stricterTlp(held.tlp, report.tlp), count: Math.max(held.count, report.count) }
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return Math.max(a, b)
}

/** Folds repeats within one batch so each key is read and written once. */
export function collapse<T>(
  records: readonly T[],
  keyOf: (r: T) => string,
  merge: (a: T, b: T) => T,
  result: IngestResult,
): Map<string, T> {
  const out = new Map<string, T>()
  for (const record of records) {
    const key = keyOf(record)
    const prior = out.get(key)
    if (prior === undefined) {
      out.set(key, record)
    } else {
      out.set(key, merge(prior, record))
      result.merged++
    }
  }
  return out
}

export function countIndicator(stats: StoreStats, record: IndicatorRecord, delta: number): void {
  const byTlp = stats.indicators[record.type] ?? {}
  byTlp[record.tlp] = (byTlp[record.tlp] ?? 0) + delta
  if (byTlp[record.tlp] === 0) delete byTlp[record.tlp]
  stats.indicators[record.type] = byTlp
}
