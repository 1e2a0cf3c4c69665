import { addedKey, addedValue } from './keys.ts'
import { MATCH_LOG_GAPS } from './migrate.ts'
import { louder, type MatchRecord, matchKey, mergeMatch, type OutboxEntry, withoutWindow } from './repositories.ts'

/** What one write of matches reads and writes: the store's sublevels, its log counters and its write path. */
export interface MatchBatchContext {
  batch(): {
    put(key: string, value: unknown, options: never): unknown
    del(key: string, options: never): unknown
    write(options: never): Promise<void>
  }
  matches: {
    getMany(keys: string[]): Promise<(MatchRecord | undefined)[]>
    range(options: { gte: string; lt: string }): Promise<[string, MatchRecord][]>
  }
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
 * makes of them, in one atomic synced batch: a match is never stored without its alerts, nor an
 * alert without its match. A match already held is merged (mergeMatch): it is logged again only
 * when the member is known to do more (holds it, sighted it in another window), and alerted again
 * only when its level grew louder than the loudest alert raised for it. Level `none` records
 * quietly. Returns the matches logged and, when anything was written, the new log position and
 * the positions logged again.
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

/**
 * Withdraws sighting window `label` from the matches with `peer` that a complete comparison of
 * that window's lists in `epoch` no longer confirms (`confirmed`: the indicator keys it did). A
 * record the member still holds, or sighted in another window, stays and is logged again (a new
 * version, no alert); one left with nothing is deleted, and its log positions then hold no match.
 * Returns the records kept, the new log position and the new count of positions without a match.
 */
export async function withdrawSightedBatch(
  ctx: MatchBatchContext,
  w: { peer: string; label: string; epoch: number; confirmed: ReadonlySet<string> },
): Promise<{ kept: MatchRecord[]; seq: number; gaps: number }> {
  const prefix = `${w.peer}\u0000`
  const now = Date.now()
  const batch = ctx.batch()
  let seq = ctx.seq
  let gaps = ctx.gaps
  const kept: MatchRecord[] = []
  for (const [key, match] of await ctx.matches.range({ gte: prefix, lt: `${prefix}\uffff` })) {
    const at = match.sighted[w.label]
    if (at === undefined || at > w.epoch || w.confirmed.has(key.slice(prefix.length))) continue
    const record = withoutWindow(match, w.label, now)
    // Each record counts once however many log positions it has (matchCount): a new version adds
    // a position and a gap, a deleted record one gap.
    gaps++
    if (record === null) {
      batch.del(key, { sublevel: ctx.matchLevel } as never)
      continue
    }
    seq++
    batch.put(key, record, { sublevel: ctx.matchLevel } as never)
    batch.put(addedKey('matches', seq), addedValue(now, key), { sublevel: ctx.added, valueEncoding: 'utf8' } as never)
    kept.push(record)
  }
  if (gaps === ctx.gaps) return { kept, seq, gaps }
  batch.put('seq/matches', seq, { sublevel: ctx.meta } as never)
  batch.put(MATCH_LOG_GAPS, gaps, { sublevel: ctx.meta } as never)
  await ctx.write(() => batch.write({ sync: true } as never))
  return { kept, seq, gaps }
}
