import { addedKey, addedValue } from './keys.ts'
import { MATCH_LOG_GAPS } from './migrate.ts'
import { louder, type MatchRecord, matchKey, mergeMatch, type OutboxEntry } from './repositories.ts'

/** What one write of matches reads and writes: the store's sublevels, its log counters and its write path. */
export interface MatchBatchContext {
  batch(): { put(key: string, value: unknown, options: never): unknown; write(options: never): Promise<void> }
  matches: { getMany(keys: string[]): Promise<(MatchRecord | undefined)[]> }
  matchLevel: unknown
  added: unknown
  outbox: unknown
  meta: unknown
  /** The last position of the matches log, and how many of its positions hold no match. */
  seq: number
  gaps: number
  write(work: () => Promise<void>): Promise<void>
}

/**
 * Merges matches with those held, logs the new and changed ones and puts the alerts `alertsFor`
 * makes of them, in one atomic synced batch (see Store.recordMatches). Returns the matches logged
 * and, when anything was written, the new log position and the positions logged again.
 */
export async function recordMatchBatch(
  ctx: MatchBatchContext,
  matches: readonly MatchRecord[],
  alertsFor: (match: MatchRecord, seq: number) => OutboxEntry[],
): Promise<{ fresh: { seq: number; match: MatchRecord }[]; seq?: number; relogged?: number }> {
  const unique = new Map<string, MatchRecord>()
  for (const m of matches) {
    const key = matchKey(m)
    const prior = unique.get(key)
    unique.set(key, prior === undefined ? m : mergeMatch(prior, m).record)
  }
  const keys = [...unique.keys()]
  const held = await ctx.matches.getMany(keys)
  const fresh: { seq: number; match: MatchRecord }[] = []
  let seq = ctx.seq
  const batch = ctx.batch()
  const now = Date.now()
  let updated = 0
  let relogged = 0
  keys.forEach((key, i) => {
    const was = held[i]
    const update = unique.get(key) as MatchRecord
    const { record, changed } = was === undefined ? { record: update, changed: true } : mergeMatch(was, update)
    const before = was?.alerted ?? 'none'
    const alert = record.level !== before && louder(record.level, before) === record.level
    const match: MatchRecord = { ...record, alerted: alert ? record.level : before }
    batch.put(key, match, { sublevel: ctx.matchLevel } as never)
    updated++
    if (!changed && !alert) return
    if (was !== undefined) relogged++
    seq++
    batch.put(addedKey('matches', seq), addedValue(now, key), { sublevel: ctx.added, valueEncoding: 'utf8' } as never)
    if (alert) for (const entry of alertsFor(match, seq)) batch.put(entry.id, entry, { sublevel: ctx.outbox } as never)
    fresh.push({ seq, match })
  })
  if (updated === 0) return { fresh }
  batch.put('seq/matches', seq, { sublevel: ctx.meta } as never)
  // A match logged again (a new version of it) is one match at two positions.
  if (relogged > 0) batch.put(MATCH_LOG_GAPS, ctx.gaps + relogged, { sublevel: ctx.meta } as never)
  await ctx.write(() => batch.write({ sync: true } as never))
  return { fresh, seq, relogged }
}
