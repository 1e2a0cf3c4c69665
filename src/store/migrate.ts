import { sourceKind } from '../node/source-kinds.ts'
import { decodeIndicator } from './codec.ts'

/** A sublevel as the migration uses it (the classic-level and memory-level sublevels both fit). */
interface Level<V> {
  iterator(options?: object): AsyncIterable<[string, V]>
  batch(): {
    put(key: string, value: V, options?: object): unknown
    del(key: string, options?: object): unknown
    write(options?: object): Promise<void>
  }
}

interface LegacyMatch {
  peer: string
  type: string
  value: string
  mode: string
  epoch: number
  matchedAt: number
}

/**
 * Schema 1 -> 2: schema 1 kept one match per member, indicator AND mode (`oprf` when we found it,
 * `notice` when the member told us), so most shared indicators were recorded, logged and alerted
 * twice. Schema 2 keeps one per member and indicator (mode `holds`, the earliest first match).
 * The matches log keeps the first entry of each merged match (pointed at the new key) and drops
 * the second, so `since` cursors and TAXII paging still see every match once. One atomic batch.
 */
/** Meta key: positions of the matches log that hold no match (dropped by the migration). */
export const MATCH_LOG_GAPS = 'gaps/matches'

export async function migrateMatchesToSchema2(
  db: Level<unknown>,
  sublevels: { matches: Level<LegacyMatch>; added: Level<string>; meta: Level<unknown> },
): Promise<void> {
  const { matches, added, meta } = sublevels
  const merged = new Map<string, LegacyMatch>()
  const rename = new Map<string, string>()
  const batch = db.batch()
  for await (const [key, match] of matches.iterator()) {
    const parts = key.split('\u0000')
    if (parts.length !== 3) continue
    const next = `${parts[0]}\u0000${parts[1]}`
    rename.set(key, next)
    const held = merged.get(next)
    if (held === undefined || match.matchedAt < held.matchedAt) merged.set(next, { ...match, mode: 'holds' })
    batch.del(key, { sublevel: matches })
  }
  for (const [key, match] of merged) batch.put(key, match, { sublevel: matches })
  const logged = new Set<string>()
  let dropped = 0
  for await (const [logKey, value] of added.iterator({ gte: 'matches/', lt: 'matches0' })) {
    const space = value.indexOf(' ')
    const next = rename.get(value.slice(space + 1))
    if (next === undefined) continue
    if (logged.has(next)) {
      batch.del(logKey, { sublevel: added })
      dropped++
    } else batch.put(logKey, `${value.slice(0, space)} ${next}`, { sublevel: added, valueEncoding: 'utf8' })
    logged.add(next)
  }
  // Log positions that no longer hold a match, so the match count is not the last sequence; and
  // the schema bump, in the same batch as the data it describes.
  batch.put(MATCH_LOG_GAPS, dropped, { sublevel: meta })
  batch.put('schema', 2, { sublevel: meta })
  await batch.write({ sync: true })
}

/** What schema 3 reads of our indicator for a migrated match (decoded by the caller). */
interface OwnRecord {
  source: string
  sources?: string[] | undefined
  tags: string[]
  firstSeen: number
  lastSeen: number
  count: number
}

/**
 * Schema 2 -> 3: a match said only `mode: 'holds'`; schema 3 says per member whether it holds
 * the indicator and in which sighting windows it sighted it, with our own side (sources, tags,
 * first and last seen, counts, sightings) and the alert level. Migrated matches hold, were
 * sighted nowhere, and count as alerted at `normal` (they were alerted under the old policy), so
 * a later sighting still raises a `high` alert. One atomic batch.
 */
export async function migrateMatchesToSchema3(
  db: Level<unknown>,
  matches: Level<Record<string, unknown>>,
  indicators: { getMany(keys: string[]): Promise<(Uint8Array | undefined)[]> },
  decode: (bytes: Uint8Array) => OwnRecord,
  kindOf: (source: string) => string,
): Promise<void> {
  const batch = db.batch()
  const held: [string, Record<string, unknown>][] = []
  for await (const entry of matches.iterator()) held.push(entry)
  const keys = held.map(([key]) => key.slice(key.indexOf('\u0000') + 1))
  const records = keys.length === 0 ? [] : await indicators.getMany(keys)
  held.forEach(([key, match], i) => {
    const bytes = records[i]
    const own = bytes === undefined ? undefined : decode(bytes)
    const { mode: _mode, ...rest } = match
    const ours =
      own === undefined
        ? { sources: [], tags: [], count: 0, sightings: {} }
        : {
            // Kinds are the defaults' until the next confirmation applies the config.
            sources: (own.sources ?? [own.source]).map((name) => ({ name, kind: kindOf(name) })),
            tags: own.tags,
            firstSeen: own.firstSeen,
            lastSeen: own.lastSeen,
            count: own.count,
            sightings: {},
          }
    batch.put(key, { ...rest, holds: true, sighted: {}, ours, level: 'normal', alerted: 'normal' }, { sublevel: matches })
  })
  await batch.write({ sync: true })
}

/** Runs the migrations from the held schema `version` on; returns the version reached. */
export async function migrateToCurrent(
  db: unknown,
  levels: { matches: unknown; added: unknown; meta: { put(key: string, value: unknown): Promise<void> }; indicators: unknown },
  held: unknown,
): Promise<unknown> {
  let version = held
  if (version === 1) {
    await migrateMatchesToSchema2(db as never, { matches: levels.matches, added: levels.added, meta: levels.meta } as never)
    version = 2
  }
  if (version === 2) {
    await migrateMatchesToSchema3(db as never, levels.matches as never, levels.indicators as never, decodeIndicator, (name) =>
      sourceKind(name),
    )
    await levels.meta.put('schema', 3)
    version = 3
  }
  return version
}
