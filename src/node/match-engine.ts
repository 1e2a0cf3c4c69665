import { alertable, inPsi } from '../indicators/activity.ts'
import { psiElement } from '../indicators/element.ts'
import { FEED_SOURCE_PREFIX, type IndicatorRecord } from '../indicators/types.ts'
import { Mode } from '../psi/messages.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { PsiParty } from '../psi/party.ts'
import { indicatorKey } from '../store/keys.ts'
import type { MatchRecord, OutboxEntry } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'

export interface MatchEngineOptions {
  /** Epoch length: one scalar per epoch (default 7 days). */
  epochMs: number
  /** Config `contextInPsi`: context-only indicators (MISP `to_ids: false`) enter PSI too. */
  contextInPsi: boolean
}

export interface MatchEngineComponents {
  store: Store
  party: PsiParty
  organizationOf: (peer: string) => string | undefined
  /** The outbox entries a new match raises, written atomically with it (none when absent). */
  alertsFor?: (match: MatchRecord, seq: number) => OutboxEntry[]
}

/** Our indicators in one mode's lists, in item-number order of the current generation. */
interface OwnSet {
  records: IndicatorRecord[]
  elements: Uint8Array[]
  keys: Set<string>
}

/**
 * The match engine (DESIGN sections 3 and 5): which of our indicators go into which list, and
 * what a found item means. TLP policy: CLEAR, GREEN, AMBER and AMBER+STRICT are matched per item;
 * RED only by count. Warninglisted values, CIDR ranges and what members shared on the feed never
 * enter a list. A match is one record per member and indicator, re-confirmed each epoch.
 */
export class MatchEngine {
  readonly #o: MatchEngineOptions
  readonly #c: MatchEngineComponents
  #epoch = -1
  readonly #sets: Record<Mode, OwnSet> = { [Mode.Items]: emptySet(), [Mode.Count]: emptySet() }
  /** RED counts by member. */
  readonly #counts = new Map<string, number>()

  constructor(options: MatchEngineOptions, components: MatchEngineComponents) {
    this.#o = options
    this.#c = components
  }

  /** The epoch our lists are published for. */
  get epoch(): number {
    return this.#epoch
  }

  epochAt(now: number): number {
    return Math.floor(now / this.#o.epochMs)
  }

  /** Publishes a new generation of both lists of `epoch` from the store. */
  async publishAll(epoch: number): Promise<PublishedList[]> {
    const scanned = await this.#scan()
    this.#epoch = epoch
    const lists: PublishedList[] = []
    for (const mode of [Mode.Items, Mode.Count]) {
      const records = scanned[mode]
      this.#sets[mode] = { records, elements: records.map(psiElement), keys: new Set(records.map(indicatorKey)) }
      lists.push(await this.#c.party.publish(epoch, mode, this.#sets[mode].elements))
    }
    return lists
  }

  /**
   * After local changes: the new indicators as deltas (the party folds into a new generation
   * when needed), or every list again when an indicator changed lists (a TLP raised to RED, a new
   * warninglist entry), which a delta cannot express. Only new indicators are hashed.
   */
  async publishChanges(): Promise<PublishedList[]> {
    const scanned = await this.#scan()
    const placed = this.#sets[Mode.Items].keys.size + this.#sets[Mode.Count].keys.size
    let kept = 0
    const added: Record<Mode, IndicatorRecord[]> = { [Mode.Items]: [], [Mode.Count]: [] }
    for (const mode of [Mode.Items, Mode.Count]) {
      const other = this.#sets[mode === Mode.Items ? Mode.Count : Mode.Items]
      for (const record of scanned[mode]) {
        const key = indicatorKey(record)
        if (this.#sets[mode].keys.has(key)) kept++
        else if (other.keys.has(key)) return this.publishAll(this.#epoch)
        else added[mode].push(record)
      }
    }
    if (kept !== placed) return this.publishAll(this.#epoch)
    const lists: PublishedList[] = []
    for (const mode of [Mode.Items, Mode.Count]) {
      if (added[mode].length === 0) continue
      const set = this.#sets[mode]
      const elements = added[mode].map(psiElement)
      // One at a time, never spread: a change may hold hundreds of thousands of indicators.
      for (let i = 0; i < added[mode].length; i++) {
        const record = added[mode][i] as IndicatorRecord
        set.records.push(record)
        set.elements.push(elements[i] as Uint8Array)
        set.keys.add(indicatorKey(record))
      }
      lists.push(await this.#c.party.add(this.#epoch, mode, elements, () => set.elements))
    }
    return lists
  }

  /** Items in our current lists by mode. */
  ownSizes(): { items: number; count: number } {
    return { items: this.#sets[Mode.Items].records.length, count: this.#sets[Mode.Count].records.length }
  }

  /** The indicators behind item numbers of our current generation (per item mode). */
  recordsOf(items: readonly number[]): IndicatorRecord[] {
    const records = this.#sets[Mode.Items].records
    return items.flatMap((i) => (records[i] === undefined ? [] : [records[i] as IndicatorRecord]))
  }

  /** Records the found items as matches with `peer`: new ones raise alerts, known ones are re-confirmed. */
  async record(peer: string, epoch: number, items: readonly number[]): Promise<MatchRecord[]> {
    if (items.length === 0) return []
    const organization = this.#c.organizationOf(peer) ?? 'unknown'
    const now = Date.now()
    const records = this.recordsOf(items)
    const matches = records.map(
      (r): MatchRecord => ({ peer, organization, type: r.type, value: r.value, tlp: r.tlp, mode: 'holds', epoch, matchedAt: now }),
    )
    // Context-only and expired indicators are matched (when in PSI) but never alerted on.
    const quiet = new Set(records.filter((r) => !alertable(r, now)).map(indicatorKey))
    const alertsFor = this.#c.alertsFor
    const fresh = await this.#c.store.recordMatches(
      matches,
      alertsFor === undefined ? undefined : (match, seq) => (quiet.has(indicatorKey(match)) ? [] : alertsFor(match, seq)),
    )
    return fresh.map((f) => f.match)
  }

  setCount(peer: string, count: number): void {
    this.#counts.set(peer, count)
  }

  redCounts(): Map<string, number> {
    return new Map(this.#counts)
  }

  /** Our own indicators by the list they belong in (DESIGN section 3). */
  async #scan(): Promise<Record<Mode, IndicatorRecord[]>> {
    const out: Record<Mode, IndicatorRecord[]> = { [Mode.Items]: [], [Mode.Count]: [] }
    const policy = { now: Date.now(), contextInPsi: this.#o.contextInPsi }
    for await (const record of this.#c.store.indicators()) {
      // Indicators a member shared on the feed are theirs, not ours: matching them back would tell
      // the member nothing it does not know.
      const excluded =
        !inPsi(record, policy) ||
        record.warninglist !== undefined ||
        record.type === 'ipv4-cidr' ||
        record.type === 'ipv6-cidr' ||
        record.source.startsWith(FEED_SOURCE_PREFIX)
      if (!excluded) out[record.tlp === 'red' ? Mode.Count : Mode.Items].push(record)
    }
    return out
  }
}

function emptySet(): OwnSet {
  return { records: [], elements: [], keys: new Set() }
}
