import { alertable } from '../indicators/activity.ts'
import type { IndicatorRecord, Observable } from '../indicators/types.ts'
import type { FeedEntry } from '../net/sync-message.ts'
import { isCountMode, Mode, modesFor, windowOf } from '../psi/enums.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { PsiParty } from '../psi/party.ts'
import { indicatorKey } from '../store/keys.ts'
import { sourcesOf } from '../store/merge.ts'
import type { MatchRecord, OutboxEntry, OwnSide } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'
import { feedEntryOf } from './feed-service.ts'
import { type Entry, OwnEntries } from './own-entries.ts'
import { scanOwn } from './own-scan.ts'
import { windowLabel } from './sighting-windows.ts'
import { type AlertPolicy, alertLevel, DEFAULT_ALERT_POLICY, type SourceKindRules, sourceKind } from './source-kinds.ts'

export interface MatchEngineOptions {
  /** Epoch length: one scalar per epoch (default 7 days). */
  epochMs: number
  /** Config `contextInPsi`: context-only indicators (MISP `to_ids: false`) enter PSI too. */
  contextInPsi: boolean
  /** Sighting windows (ms), a community setting; default none (holds lists only). */
  sightingWindowsMs?: readonly number[]
  /** Config `sourceKinds` and `alertPolicy` (source-kinds.ts). */
  sourceKinds?: SourceKindRules
  alertPolicy?: AlertPolicy
}

export interface MatchEngineComponents {
  store: Store
  party: PsiParty
  organizationOf: (peer: string) => string | undefined
  /** The outbox entries a new match raises, written atomically with it (none when absent). */
  alertsFor?: (match: MatchRecord, seq: number) => OutboxEntry[]
  /** Values on a warninglist (sightings carry no mark of their own). */
  warninglisted?: (item: Observable) => boolean
  now?: () => number
}

/**
 * The match engine (DESIGN sections 3 and 5): which of our values go into which list, and what a
 * found item means. Holds lists: our indicators; TLP CLEAR..AMBER+STRICT per item, RED by count.
 * Sighted lists, one pair per sighting window: values we sighted within the window, RED ones by
 * count. Warninglisted values, CIDR ranges, inactive, context-only and feed-sourced indicators
 * never enter a list. A match is one record per member and indicator, re-confirmed each epoch;
 * its alert level follows our sources' kinds and whether a sighting is involved.
 */
export class MatchEngine {
  readonly #o: MatchEngineOptions
  readonly #c: MatchEngineComponents
  readonly #windows: readonly number[]
  readonly #modes: Mode[]
  #epoch = -1
  /** Our values in each mode's lists, in item-number order of the current generation. */
  readonly #sets = new Map<Mode, OwnEntries>()
  /** Set while our sets may hold values our published lists do not (a change under way or failed). */
  #unsynced = false
  /** Generation of our published lists per mode that `#sets` numbers items for (absent while a rebuild publishes). */
  readonly #generations = new Map<Mode, number>()
  /** `peer|mode` -> the `epoch/ours/theirs` generations last compared for withdrawals. */
  readonly #withdrawnAt = new Map<string, string>()
  /** Our sighting events per value and window, as of the last scan. */
  #sightingCounts = new Map<string, number[]>()
  /** Our feed entries read by the last scan, until taken. */
  #feedEntries: FeedEntry[] | undefined
  /** Counts learned from members' count lists: peer -> mode -> how many of our values. */
  readonly #counts = new Map<string, Map<Mode, number>>()

  constructor(options: MatchEngineOptions, components: MatchEngineComponents) {
    this.#o = options
    this.#c = components
    this.#windows = options.sightingWindowsMs ?? []
    this.#modes = modesFor(this.#windows.length)
    for (const mode of this.#modes) this.#sets.set(mode, new OwnEntries())
  }

  /** The epoch our lists are published for. */
  get epoch(): number {
    return this.#epoch
  }

  /** Every mode we publish: holds, then each window's pair. */
  get modes(): readonly Mode[] {
    return this.#modes
  }

  /** The label of a mode's list: `holds`, or the sighting window (`7d`). */
  listLabel(mode: Mode): string {
    const window = windowOf(mode)
    return window === undefined ? 'holds' : `sighted ${windowLabel(this.#windows[window] ?? 0)}`
  }

  epochAt(now: number): number {
    return Math.floor(now / this.#o.epochMs)
  }

  /** Publishes a new generation of every list of `epoch` from the store. */
  async publishAll(epoch: number): Promise<PublishedList[]> {
    this.#unsynced = true
    const scanned = await this.#scanAll()
    this.#epoch = epoch
    const lists: PublishedList[] = []
    for (const mode of this.#modes) lists.push(await this.#rebuild(mode, scanned.get(mode) ?? new OwnEntries()))
    this.#unsynced = false
    return lists
  }

  /**
   * After local changes (or as sightings age out of a window): per list, the new values as a
   * delta (the party folds into a new generation when needed), or a new generation when a value
   * left the list (a TLP raised to RED, a new warninglist entry, an expired sighting), which a
   * delta cannot express. New values are appended to our sets as the store is read and only they
   * are hashed: a change never holds a second copy of a million-value list. A change that fails
   * half way leaves the sets ahead of the lists, so the next change rebuilds every list.
   */
  async publishChanges(): Promise<PublishedList[]> {
    if (this.#unsynced) return this.publishAll(this.#epoch)
    this.#unsynced = true
    const before = new Map<Mode, number>(this.#modes.map((m) => [m, this.#set(m).size]))
    const held = new Map<Mode, number>()
    await this.#scan((mode, entry) => {
      const set = this.#set(mode)
      if (set.has(entry)) held.set(mode, (held.get(mode) ?? 0) + 1)
      else set.push(entry)
    })
    const lists: PublishedList[] = []
    let rescanned: Map<Mode, OwnEntries> | undefined
    for (const mode of this.#modes) {
      const set = this.#set(mode)
      const from = before.get(mode) ?? 0
      if ((held.get(mode) ?? 0) !== from) {
        // Rare: the store is read again rather than every change keeping a full copy.
        rescanned ??= await this.#scanAll()
        lists.push(await this.#rebuild(mode, rescanned.get(mode) ?? new OwnEntries()))
        continue
      }
      if (set.size === from) continue
      // A fold into a new generation keeps the order, so item numbers stay those of the set.
      const list = await this.#c.party.add(this.#epoch, mode, set.elements(from), () => set.elements())
      this.#generations.set(mode, list.generation)
      lists.push(list)
    }
    this.#unsynced = false
    return lists
  }

  async #rebuild(mode: Mode, entries: OwnEntries): Promise<PublishedList> {
    this.#sets.set(mode, entries)
    this.#generations.delete(mode)
    const list = await this.#c.party.publish(this.#epoch, mode, entries.elements())
    this.#generations.set(mode, list.generation)
    return list
  }

  #set(mode: Mode): OwnEntries {
    let set = this.#sets.get(mode)
    if (set === undefined) {
      set = new OwnEntries()
      this.#sets.set(mode, set)
    }
    return set
  }

  async #scanAll(): Promise<Map<Mode, OwnEntries>> {
    const out = new Map<Mode, OwnEntries>(this.#modes.map((m) => [m, new OwnEntries()]))
    await this.#scan((mode, entry) => out.get(mode)?.push(entry))
    return out
  }

  /** Values in our current lists by mode. */
  ownSize(mode: Mode): number {
    return this.#sets.get(mode)?.size ?? 0
  }

  /** Items in our current holds lists (status and metrics). */
  ownSizes(): { items: number; count: number } {
    return { items: this.ownSize(Mode.Items), count: this.ownSize(Mode.Count) }
  }

  /** The values behind item numbers of our current generation of a per-item list. */
  entriesOf(mode: Mode, items: readonly number[]): Entry[] {
    const entries = this.#sets.get(mode)
    if (entries === undefined) return []
    return items.flatMap((i) => {
      const entry = entries.get(i)
      return entry === undefined ? [] : [entry]
    })
  }

  /**
   * Records found items of a per-item list as matches with `peer`: in a holds list the member
   * holds the value, in a sighted list it sighted it within that window. New matches (and ones
   * that grew louder) raise alerts; known ones are re-confirmed.
   */
  async record(peer: string, epoch: number, mode: Mode, items: readonly number[]): Promise<MatchRecord[]> {
    if (items.length === 0 || isCountMode(mode)) return []
    const organization = this.#c.organizationOf(peer) ?? 'unknown'
    const now = this.#now()
    const entries = this.entriesOf(mode, items)
    const held = await this.#c.store.indicatorsByKey(entries.map(indicatorKey))
    const window = windowOf(mode)
    const matches = entries.map((entry, i): MatchRecord => {
      const record = held[i]
      const ours = this.#ownSide(entry, record)
      const sighted = window === undefined ? {} : { [windowLabel(this.#windows[window] ?? 0)]: epoch }
      const involvesSighting = window !== undefined || Object.keys(ours.sightings).length > 0
      const kinds = ours.sources.map((s) => s.kind)
      // Context-only and expired indicators are matched (when in PSI) but never alerted on.
      const quiet = record !== undefined && !alertable(record, now)
      const level = quiet ? 'none' : alertLevel(kinds, involvesSighting, this.#o.alertPolicy ?? DEFAULT_ALERT_POLICY)
      return {
        peer,
        organization,
        type: entry.type,
        value: entry.value,
        tlp: entry.tlp,
        holds: window === undefined,
        sighted,
        epoch,
        matchedAt: now,
        updatedAt: now,
        ours,
        level,
        alerted: 'none',
      }
    })
    const fresh = await this.#c.store.recordMatches(matches, this.#c.alertsFor)
    return fresh.map((f) => f.match)
  }

  /**
   * After a complete comparison of one window's sighted lists with `peer` in `epoch` (the member's
   * current lists against ours, of these generations; `intersection` gives our item numbers in
   * both): the window is withdrawn from our records of values the comparison no longer confirms,
   * the member's sighting (or ours) having left the window. Holds flags stay. Once per pair of
   * generations: deltas only add, so they confirm more, never less. Returns the records that changed.
   */
  async withdrawSighted(
    peer: string,
    epoch: number,
    mode: Mode,
    generations: { ours: number; theirs: number },
    intersection: () => readonly number[],
  ): Promise<MatchRecord[]> {
    const window = windowOf(mode)
    if (window === undefined || isCountMode(mode) || this.#generations.get(mode) !== generations.ours) return []
    const compared = `${epoch}/${generations.ours}/${generations.theirs}`
    if (this.#withdrawnAt.get(`${peer}|${mode}`) === compared) return []
    const confirmed = new Set(this.entriesOf(mode, intersection()).map(indicatorKey))
    const changed = await this.#c.store.withdrawSighted(peer, windowLabel(this.#windows[window] ?? 0), epoch, confirmed)
    this.#withdrawnAt.set(`${peer}|${mode}`, compared)
    return changed
  }

  /** Our side of a value: our indicator's sources, tags, times and counts, and our sightings per window. */
  #ownSide(entry: Entry, record: IndicatorRecord | undefined): OwnSide {
    const counts = this.#sightingCounts.get(indicatorKey(entry)) ?? []
    const sightings: Record<string, number> = {}
    this.#windows.forEach((ms, w) => {
      if ((counts[w] ?? 0) > 0) sightings[windowLabel(ms)] = counts[w] as number
    })
    if (record === undefined) return { sources: [], tags: [], count: 0, sightings }
    return {
      sources: sourcesOf(record).map((name) => ({ name, kind: sourceKind(name, this.#o.sourceKinds) })),
      tags: record.tags,
      firstSeen: record.firstSeen,
      lastSeen: record.lastSeen,
      count: record.count,
      sightings,
    }
  }

  setCount(peer: string, mode: Mode, count: number): void {
    const byMode = this.#counts.get(peer) ?? new Map<Mode, number>()
    byMode.set(mode, count)
    this.#counts.set(peer, byMode)
  }

  /** RED counts of the holds list by member. */
  redCounts(): Map<string, number> {
    const out = new Map<string, number>()
    for (const [peer, byMode] of this.#counts) {
      const count = byMode.get(Mode.Count)
      if (count !== undefined) out.set(peer, count)
    }
    return out
  }

  /** RED counts by member and list (`holds`, `sighted 7d`, ...). */
  redCountsByList(): { peer: string; list: string; count: number }[] {
    const out: { peer: string; list: string; count: number }[] = []
    for (const [peer, byMode] of this.#counts) for (const [mode, count] of byMode) out.push({ peer, list: this.listLabel(mode), count })
    return out
  }

  #now(): number {
    return this.#c.now?.() ?? Date.now()
  }

  /**
   * Our values by the list they belong in, handed to `visit` one at a time; our CLEAR and GREEN
   * feed entries are kept from the same read of the store (see takeFeedEntries).
   */
  async #scan(visit: (mode: Mode, entry: Entry) => void): Promise<void> {
    const feed: FeedEntry[] = []
    this.#sightingCounts = await scanOwn(
      this.#c.store,
      { now: this.#now(), contextInPsi: this.#o.contextInPsi, windows: this.#windows, warninglisted: this.#c.warninglisted },
      visit,
      (record, now) => {
        const entry = feedEntryOf(record, now)
        if (entry !== undefined) feed.push(entry)
      },
    )
    this.#feedEntries = feed
  }

  /**
   * Our feed entries (CLEAR and GREEN, active, ours) as of the last scan, once: the feed publishes
   * them without reading the store again. Undefined when no scan ran since the last call.
   */
  takeFeedEntries(): FeedEntry[] | undefined {
    const entries = this.#feedEntries
    this.#feedEntries = undefined
    return entries
  }
}
