import type { SourceKind } from '../indicators/source-kinds.ts'
import type { Tlp } from '../indicators/tlp.ts'
import type { IndicatorType } from '../indicators/types.ts'

export interface RosterEntry {
  peerId: string
  organization: string
  /** `local`: added with `sightline roster add`; `signed`: from a roster signed by an admin key. */
  source: 'local' | 'signed'
  addedAt: number
}

/** How loud a match is (the alert policy, src/node/source-kinds.ts): `none` records it quietly. */
export type AlertLevel = 'none' | 'normal' | 'high'

export const ALERT_LEVELS: readonly AlertLevel[] = ['none', 'normal', 'high']

export function louder(a: AlertLevel, b: AlertLevel): AlertLevel {
  return ALERT_LEVELS.indexOf(a) >= ALERT_LEVELS.indexOf(b) ? a : b
}

export type { SourceKind } from '../indicators/source-kinds.ts'

/** What we hold of a matched indicator ourselves: nothing here came from the member. */
export interface OwnSide {
  /** Our sources that reported it, with their kinds as the config said when the match was last confirmed. */
  sources: { name: string; kind: SourceKind }[]
  tags: string[]
  /** First and last seen by our sources (absent when we only sighted it). */
  firstSeen?: number
  lastSeen?: number
  /** Reports of it by our sources. */
  count: number
  /** Our sighting events within each sighting window, by window label (`24h`, `7d`). */
  sightings: Record<string, number>
}

/**
 * One match per member and indicator (schema 3). Schema 2 kept only `mode: 'holds'`; the
 * migration to schema 3 turned it into `holds: true` and added the rest.
 */
export interface MatchRecord {
  peer: string
  organization: string
  type: IndicatorType
  value: string
  tlp: Tlp
  /** The member holds it (our holds list against its, confirmed by our own computation). */
  holds: boolean
  /**
   * Sighting windows in which the member sighted it (it was on both our sighted lists of that
   * window, or an analyst asked), by window label -> latest epoch that confirmed it.
   */
  sighted: Record<string, number>
  /** Epoch and time of the first match. */
  epoch: number
  matchedAt: number
  /** Latest epoch in which the match was confirmed again (absent: only `epoch`). */
  confirmedEpoch?: number
  /** When it was last confirmed or changed (ms; absent: `matchedAt`). */
  updatedAt?: number
  /** Our side, as of the last confirmation. */
  ours: OwnSide
  /** What the alert policy makes of it now. */
  level: AlertLevel
  /** The loudest alert raised for it so far (`none`: recorded quietly). */
  alerted: AlertLevel
}

/** `holds`, `sighted` or `both`: what a member is known to do with an indicator. */
export function matchKind(m: Pick<MatchRecord, 'holds' | 'sighted'>): 'holds' | 'sighted' | 'both' {
  const sighted = Object.keys(m.sighted).length > 0
  return m.holds && sighted ? 'both' : sighted ? 'sighted' : 'holds'
}

/**
 * Folds what a new confirmation says into the record held: flags only ever gain, our side is the
 * newer, the level the louder. `changed` says the member is known to do more than before.
 */
export function mergeMatch(held: MatchRecord, update: MatchRecord): { record: MatchRecord; changed: boolean } {
  const sighted = { ...held.sighted }
  let changed = update.holds && !held.holds
  for (const [window, epoch] of Object.entries(update.sighted)) {
    if (sighted[window] === undefined) changed = true
    sighted[window] = Math.max(sighted[window] ?? 0, epoch)
  }
  const confirmed = Math.max(held.confirmedEpoch ?? held.epoch, update.epoch)
  // A new version (a Sighting's `modified`) is the first confirmation of a later epoch, or a change;
  // a repeat within an epoch, or a late answer of an older one, leaves it as it was.
  const newer = update.epoch > (held.confirmedEpoch ?? held.epoch) || changed
  const record: MatchRecord = {
    ...held,
    tlp: update.tlp,
    holds: held.holds || update.holds,
    sighted,
    updatedAt: newer
      ? Math.max(held.updatedAt ?? held.matchedAt, update.updatedAt ?? update.matchedAt)
      : (held.updatedAt ?? held.matchedAt),
    ours: update.ours,
    level: louder(held.level, update.level),
    ...(confirmed > held.epoch ? { confirmedEpoch: confirmed } : {}),
  }
  return { record, changed }
}

/**
 * A record without sighting window `label` (a complete comparison of that window's lists no
 * longer confirms it), or null when the member is then known neither to hold it nor to have
 * sighted it in any window: nothing is left to record.
 */
export function withoutWindow(m: MatchRecord, label: string, now: number): MatchRecord | null {
  const { [label]: _withdrawn, ...sighted } = m.sighted
  if (!m.holds && Object.keys(sighted).length === 0) return null
  return { ...m, sighted, updatedAt: now }
}

/** A match as the CLI and the control API show it (the `matches --json` contract). */
export function matchView(m: MatchRecord) {
  return {
    peer: m.peer,
    organization: m.organization,
    type: m.type,
    value: m.value,
    tlp: m.tlp,
    /** `holds`, `sighted` or `both`. */
    mode: matchKind(m),
    holds: m.holds,
    /** Sighting windows in which the member sighted it. */
    sighted: Object.keys(m.sighted),
    matchedAt: new Date(m.matchedAt).toISOString(),
    firstMatchedEpoch: m.epoch,
    lastConfirmedEpoch: m.confirmedEpoch ?? m.epoch,
    updatedAt: new Date(m.updatedAt ?? m.matchedAt).toISOString(),
    level: m.level,
    ours: {
      sources: m.ours.sources,
      tags: m.ours.tags,
      firstSeen: m.ours.firstSeen === undefined ? null : new Date(m.ours.firstSeen).toISOString(),
      lastSeen: m.ours.lastSeen === undefined ? null : new Date(m.ours.lastSeen).toISOString(),
      count: m.ours.count,
      sightings: m.ours.sightings,
    },
  }
}

/** One alert for one destination, kept until delivered (then deleted) or given up on (`dead`). */
export interface OutboxEntry {
  /** Idempotency key, stable across retries and restarts: `<match seq>/<destination>`. */
  id: string
  destination: string
  /** The alert as every destination receives it (JSON). */
  alert: Alert
  attempts: number
  /** Not before this time (ms since the epoch) is the next attempt made. */
  nextAttemptAt: number
  state: 'pending' | 'dead'
  lastError?: string
  createdAt: number
}

/** What a node knows of where a member can be reached (see AddressBook). */
export interface AddressEntry {
  peerId: string
  /** The member's newest signed peer record (libp2p RecordEnvelope, base64), if any reached us. */
  record?: string
  /** Its sequence number (decimal: a uint64). */
  seq?: string
  /** The addresses of that record. */
  signed: string[]
  /** Unsigned addresses: the peer's own identify listen list, bootstrap addresses naming it. Newest first. */
  hints: string[]
  updatedAt: number
}

/** What a new match raises: the match, its cursor position and its STIX 2.1 Sighting. */
export interface Alert {
  /** The id of the STIX Sighting in `stix`: stable for one match, the same at every destination. */
  id: string
  kind: 'match'
  /** Position in the matches log (the `since` cursor of /v1/matches). */
  seq: number
  match: ReturnType<typeof matchView>
  /** The Sighting, its Indicator, the member's Identity and the TLP marking (stixMatchObjects). */
  stix: object[]
}

/** One match per member and indicator (schema 2; schema 1 keyed by mode too). */
export function matchKey(m: Pick<MatchRecord, 'peer' | 'type' | 'value'>): string {
  return `${m.peer}\u0000${m.type}:${m.value}`
}

interface Sublevel<V> {
  get(key: string): Promise<V | undefined>
  getMany(keys: string[]): Promise<(V | undefined)[]>
  iterator(options?: { gt?: string; gte?: string; lt?: string; limit?: number; reverse?: boolean }): AsyncIterable<[string, V]>
  put(key: string, value: V, options?: object): Promise<void>
  del(key: string): Promise<void>
  batch(ops: { type: 'put'; key: string; value: V }[], options?: object): Promise<void>
  values(): AsyncIterable<V>
}

/** Runs one write of the store (see WriteSupervisor): refused or reported when the store cannot write. */
export type WriteGuard = <T>(work: () => Promise<T>) => Promise<T>

/** A typed JSON repository over one sublevel; writes are synced. */
export class JsonRepository<V> {
  readonly #sublevel: Sublevel<V>
  readonly #guard: WriteGuard

  constructor(sublevel: unknown, guard: WriteGuard = (work) => work()) {
    this.#sublevel = sublevel as Sublevel<V>
    this.#guard = guard
  }

  get(key: string): Promise<V | undefined> {
    return this.#sublevel.get(key)
  }

  put(key: string, value: V): Promise<void> {
    return this.#guard(() => this.#sublevel.put(key, value, { sync: true }))
  }

  /** Puts many in one atomic, synced batch. */
  putMany(entries: readonly [string, V][]): Promise<void> {
    if (entries.length === 0) return Promise.resolve()
    return this.#guard(() =>
      this.#sublevel.batch(
        entries.map(([key, value]) => ({ type: 'put' as const, key, value })),
        { sync: true },
      ),
    )
  }

  getMany(keys: string[]): Promise<(V | undefined)[]> {
    return keys.length === 0 ? Promise.resolve([]) : this.#sublevel.getMany(keys)
  }

  del(key: string): Promise<void> {
    return this.#guard(() => this.#sublevel.del(key))
  }

  /** Entries in key order within a range. */
  async range(options: { gt?: string; gte?: string; lt?: string; limit?: number; reverse?: boolean } = {}): Promise<[string, V][]> {
    const out: [string, V][] = []
    for await (const entry of this.#sublevel.iterator(options)) out.push(entry)
    return out
  }

  async all(): Promise<V[]> {
    const out: V[] = []
    for await (const value of this.#sublevel.values()) out.push(value)
    return out
  }
}
