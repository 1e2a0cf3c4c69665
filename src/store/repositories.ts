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
  /** `oprf`: we queried and matched; `notice`: the peer matched and told us. */
  mode: 'oprf' | 'notice'
  epoch: number
  matchedAt: number
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

export function matchKey(m: Pick<MatchRecord, 'peer' | 'type' | 'value' | 'mode'>): string {
  return `${m.peer}\u0000${m.type}:${m.value}\u0000${m.mode}`
}

interface Sublevel<V> {
  get(key: string): Promise<V | undefined>
  put(key: string, value: V, options?: object): Promise<void>
  del(key: string): Promise<void>
  batch(ops: { type: 'put'; key: string; value: V }[], options?: object): Promise<void>
  values(): AsyncIterable<V>
}

/** A typed JSON repository over one sublevel; writes are synced. */
export class JsonRepository<V> {
  readonly #sublevel: Sublevel<V>

  constructor(sublevel: unknown) {
    this.#sublevel = sublevel as Sublevel<V>
  }

  get(key: string): Promise<V | undefined> {
    return this.#sublevel.get(key)
  }

  put(key: string, value: V): Promise<void> {
    return this.#sublevel.put(key, value, { sync: true })
  }

  /** Puts many in one atomic, synced batch. */
  putMany(entries: readonly [string, V][]): Promise<void> {
    if (entries.length === 0) return Promise.resolve()
    return this.#sublevel.batch(
      entries.map(([key, value]) => ({ type: 'put' as const, key, value })),
      { sync: true },
    )
  }

  del(key: string): Promise<void> {
    return this.#sublevel.del(key)
  }

  async all(): Promise<V[]> {
    const out: V[] = []
    for await (const value of this.#sublevel.values()) out.push(value)
    return out
  }
}
