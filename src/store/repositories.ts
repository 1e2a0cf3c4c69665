import type { Tlp } from '../indicators/tlp.ts'
import type { IndicatorType } from '../indicators/types.ts'

export interface RosterEntry {
  peerId: string
  organization: string
  /** `local`: added with `sightline roster add`; `signed`: from a roster signed by an admin key. */
  source: 'local' | 'signed'
  addedAt: number
}

export interface MatchRecord {
  peer: string
  organization: string
  type: IndicatorType
  value: string
  tlp: Tlp
  /**
   * `holds`: the member holds this indicator (DH-PSI, confirmed by our own computation). Records
   * of schema 1 said `oprf` or `notice`; the migration to schema 2 merged them into `holds`.
   */
  mode: 'holds'
  /** Epoch of the first match. */
  epoch: number
  matchedAt: number
  /** Latest epoch in which the match was confirmed again (absent: only `epoch`). */
  confirmedEpoch?: number
}

/** A match as the CLI and the control API show it (the `matches --json` contract). */
export function matchView(m: MatchRecord): {
  peer: string
  organization: string
  type: IndicatorType
  value: string
  tlp: Tlp
  mode: MatchRecord['mode']
  matchedAt: string
} {
  return {
    peer: m.peer,
    organization: m.organization,
    type: m.type,
    value: m.value,
    tlp: m.tlp,
    mode: m.mode,
    matchedAt: new Date(m.matchedAt).toISOString(),
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
