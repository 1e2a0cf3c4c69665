import { Level } from 'level'
import { MemoryLevel } from 'memory-level'
import type { IndicatorRecord, IndicatorType, SightingRecord } from '../indicators/types.ts'
import { decodeIndicator, decodeSighting } from './codec.ts'
import { SchemaTooNewError, StoreLockedError } from './errors.ts'
import { exportViewOf } from './export-view.ts'
import { ingestBatch } from './ingest.ts'
import { addedKey, indicatorKey } from './keys.ts'
import { type MatchBatchContext, recordMatchBatch, withdrawSightedBatch } from './match-batch.ts'
import { MATCH_LOG_GAPS, migrateToCurrent } from './migrate.ts'
import { type AddressEntry, JsonRepository, type MatchRecord, type OutboxEntry, type RosterEntry, type WriteGuard } from './repositories.ts'
import { SCHEMA_VERSION, SUBLEVELS } from './sublevels.ts'
import type { Added, AddedStream, ExportView, IngestResult, StoreOptions, StoreStats } from './types.ts'

export type { Added, AddedStream, ExportView, IngestResult, StoreOptions, StoreStats } from './types.ts'

import { forComponent, safe } from '../logger.ts'
import { type WriteHealth, WriteSupervisor } from './write-health.ts'

const log = forComponent('sightline:store')

type Bytes = Uint8Array

/** The node's database: typed repositories over sublevels of one LevelDB, with a schema version. */
export class Store {
  readonly #options: StoreOptions & { sync: boolean }
  readonly #db: Level<string, unknown>
  readonly #meta
  readonly #indicators
  readonly #sightings
  /** Community members: peer id -> organization (the local roster). */
  readonly roster: JsonRepository<RosterEntry>
  readonly #rosterLevel
  readonly #stateLevel
  /** Confirmed matches: one record per peer, indicator and mode. */
  readonly matches: JsonRepository<MatchRecord>
  /** Small node state that must survive restarts (sequence numbers, peers' last digests). */
  readonly state: JsonRepository<unknown>
  /** Alerts to deliver: written with their match, deleted once delivered. */
  readonly outbox: JsonRepository<OutboxEntry>
  /** Last known addresses of members, kept across restarts so a node can redial them. */
  readonly addresses: JsonRepository<AddressEntry>
  readonly #matchLevel
  readonly #outboxLevel
  readonly #added
  readonly #seq = new Map<AddedStream, number>()
  #matchLogGaps = 0
  #stats: StoreStats = { indicators: {}, sightings: 0 }
  #queue: Promise<unknown> = Promise.resolve()
  #matchWrites = 0
  readonly #writes: WriteSupervisor
  /** Every sublevel: closed with the database, each reopened after it. */
  readonly #sublevels: { open(): Promise<void> }[]

  constructor(options: StoreOptions) {
    this.#options = { sync: true, ...options }
    this.#writes = new WriteSupervisor(
      { retryMs: options.writeRetryMs ?? 1000 },
      { reopen: () => this.#serialized(() => this.#reopen()), log: options.log ?? ((m) => log.warn('store writes', { detail: safe(m) })) },
    )
    const guard: WriteGuard = (work) => this.#writes.write(work)
    this.#db = (
      options.memory === true
        ? new MemoryLevel<string, unknown>({ keyEncoding: 'utf8', valueEncoding: 'json' })
        : new Level<string, unknown>(options.location, { keyEncoding: 'utf8', valueEncoding: 'json' })
    ) as Level<string, unknown>
    this.#meta = this.#db.sublevel<string, unknown>(SUBLEVELS.meta, { valueEncoding: 'json' })
    this.#indicators = this.#db.sublevel<string, Bytes>(SUBLEVELS.indicators, { valueEncoding: 'view' })
    this.#sightings = this.#db.sublevel<string, Bytes>(SUBLEVELS.sightings, { valueEncoding: 'view' })
    this.#rosterLevel = this.#db.sublevel<string, RosterEntry>(SUBLEVELS.roster, { valueEncoding: 'json' })
    this.roster = new JsonRepository(this.#rosterLevel, guard)
    this.#matchLevel = this.#db.sublevel<string, MatchRecord>(SUBLEVELS.matches, { valueEncoding: 'json' })
    this.matches = new JsonRepository(this.#matchLevel, guard)
    this.#outboxLevel = this.#db.sublevel<string, OutboxEntry>(SUBLEVELS.outbox, { valueEncoding: 'json' })
    this.outbox = new JsonRepository(this.#outboxLevel, guard)
    const addressLevel = this.#db.sublevel<string, AddressEntry>(SUBLEVELS.addresses, { valueEncoding: 'json' })
    this.addresses = new JsonRepository(addressLevel, guard)
    this.#added = this.#db.sublevel<string, string>(SUBLEVELS.added, { valueEncoding: 'utf8' })
    this.#stateLevel = this.#db.sublevel<string, unknown>(SUBLEVELS.state, { valueEncoding: 'json' })
    this.state = new JsonRepository(this.#stateLevel, guard)
    this.#sublevels = [
      this.#meta,
      this.#indicators,
      this.#sightings,
      this.#rosterLevel,
      this.#matchLevel,
      this.#outboxLevel,
      addressLevel,
      this.#added,
      this.#stateLevel,
    ]
  }

  /** Opens the database, creating it if needed; refuses a layout newer than this code's. */
  async start(): Promise<void> {
    try {
      await this.#db.open()
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new StoreLockedError(
          `database ${this.#options.location} is in use by another Sightline process (a running \`sightline start\`? status, peers, matches, query and import talk to it; stop it for the rest)`,
        )
      }
      throw err
    }
    const levels = { matches: this.#matchLevel, added: this.#added, meta: this.#meta, indicators: this.#indicators }
    const version = await migrateToCurrent(this.#db, levels, await this.#meta.get('schema'))
    if (version === undefined) {
      await this.#meta.put('schema', SCHEMA_VERSION)
    } else if (typeof version !== 'number' || version > SCHEMA_VERSION) {
      await this.#db.close()
      throw new SchemaTooNewError(
        `database ${this.#options.location} has schema version ${String(version)}, newer than the ${SCHEMA_VERSION} this Sightline reads; upgrade Sightline (the data was left untouched)`,
      )
    }
    this.#stats = ((await this.#meta.get('stats')) as StoreStats | undefined) ?? { indicators: {}, sightings: 0 }
    for (const stream of ['matches', 'shared'] as const)
      this.#seq.set(stream, ((await this.#meta.get(`seq/${stream}`)) as number | undefined) ?? 0)
    this.#matchLogGaps = ((await this.#meta.get(MATCH_LOG_GAPS)) as number | undefined) ?? 0
  }

  /** Matches held: one per log position, less the positions a migration emptied or a new version repeats. */
  matchCount(): number {
    return (this.#seq.get('matches') ?? 0) - this.#matchLogGaps
  }

  async stop(): Promise<void> {
    await this.#writes.stop()
    await this.#queue
    await this.#db.close()
  }

  /** Whether writes go through; after a failure the store reopens itself until they do. */
  writeHealth(): WriteHealth {
    return this.#writes.health()
  }

  /** Closes and reopens the database (clearing LevelDB's sticky background error), then proves a synced write. */
  async #reopen(): Promise<void> {
    await this.#db.close()
    await this.#db.open()
    for (const sublevel of this.#sublevels) await sublevel.open()
    await this.#meta.put('probe', Date.now(), { sync: true } as never)
  }

  get schemaVersion(): number {
    return SCHEMA_VERSION
  }

  stats(): StoreStats {
    return structuredClone(this.#stats)
  }

  /**
   * Merges indicators and sightings into the store in one atomic, synced batch. When the promise
   * resolves, every record is on disk. Calls are serialized: each reads what the previous wrote.
   */
  ingest(
    indicators: readonly IndicatorRecord[],
    sightings: readonly SightingRecord[] = [],
    options: { log?: AddedStream; idempotent?: boolean } = {},
  ): Promise<IngestResult> {
    return this.#serialized(() => this.#ingest(indicators, sightings, options.log, options.idempotent === true ? 'max' : 'add'))
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work)
    this.#queue = run.catch((err: unknown) => log.debug('serialized store work failed (its caller has the error)', { err }))
    return run
  }

  async #ingest(
    indicators: readonly IndicatorRecord[],
    sightings: readonly SightingRecord[],
    log: AddedStream | undefined,
    counts: 'add' | 'max',
  ): Promise<IngestResult> {
    const context = {
      batch: () => this.#db.batch(),
      indicators: this.#indicators,
      sightings: this.#sightings,
      added: this.#added,
      meta: this.#meta,
      stats: this.#stats,
      seq: this.#seq,
      sync: this.#options.sync,
      write: (work: () => Promise<void>) => this.#writes.write(work),
    }
    const { result, stats, seq } = await ingestBatch(context, indicators, sightings, log, counts)
    if (stats !== undefined) this.#stats = stats
    if (log !== undefined && seq !== undefined) this.#seq.set(log, seq)
    return result
  }

  /**
   * Records matches with their log positions and the outbox entries `alertsFor` makes of them, in
   * one atomic synced batch (recordMatchBatch says when a held match is logged or alerted again).
   */
  recordMatches(
    matches: readonly MatchRecord[],
    alertsFor: (match: MatchRecord, seq: number) => OutboxEntry[] = () => [],
  ): Promise<{ seq: number; match: MatchRecord }[]> {
    return this.#serialized(async () => {
      const { fresh, seq, relogged } = await recordMatchBatch(this.#matchContext(), matches, alertsFor)
      if (seq !== undefined && relogged !== undefined) this.#matchesWritten(seq, this.#matchLogGaps + relogged)
      return fresh
    })
  }

  /** Withdraws window `label` from `peer`'s matches its `epoch` comparison no longer confirms (withdrawSightedBatch). */
  withdrawSighted(peer: string, label: string, epoch: number, confirmed: ReadonlySet<string>): Promise<MatchRecord[]> {
    return this.#serialized(async () => {
      const { kept, seq, gaps } = await withdrawSightedBatch(this.#matchContext(), { peer, label, epoch, confirmed })
      if (gaps !== this.#matchLogGaps) this.#matchesWritten(seq, gaps)
      return kept
    })
  }

  #matchesWritten(seq: number, gaps: number): void {
    this.#seq.set('matches', seq)
    this.#matchLogGaps = gaps
    this.#matchWrites++
  }

  #matchContext(): MatchBatchContext {
    return {
      batch: () => this.#db.batch(),
      matches: this.matches,
      matchLevel: this.#matchLevel,
      added: this.#added,
      outbox: this.#outboxLevel,
      meta: this.#meta,
      seq: this.#seq.get('matches') as number,
      gaps: this.#matchLogGaps,
      write: (work: () => Promise<void>) => this.#writes.write(work),
    }
  }

  /** Grows at every write of matches: a reader's cache of them is current while it is unchanged. */
  get matchWrites(): number {
    return this.#matchWrites
  }

  /** Our sightings of one indicator, oldest first. */
  async sightingsOf(item: { type: IndicatorType; value: string }): Promise<SightingRecord[]> {
    const prefix = `${indicatorKey(item)}\u0000`
    const out: SightingRecord[] = []
    for await (const bytes of this.#sightings.values({ gte: prefix, lt: `${prefix}\uffff` })) out.push(decodeSighting(bytes))
    return out
  }

  /** The latest sequence number of a log (0 when empty). */
  lastSeq(stream: AddedStream): number {
    return this.#seq.get(stream) ?? 0
  }

  /** Up to `limit` positions of a log after sequence `after`, oldest first. */
  async addedAfter(stream: AddedStream, after: number, limit: number): Promise<Added[]> {
    const out: Added[] = []
    const options = { gt: addedKey(stream, after), lt: `${stream}0`, limit }
    for await (const [key, value] of this.#added.iterator(options)) {
      const space = value.indexOf(' ')
      out.push({ seq: Number(key.slice(stream.length + 1)), addedAt: Number(value.slice(0, space)), key: value.slice(space + 1) })
    }
    return out
  }

  /** Matches after sequence `after`, oldest first, with their sequence (the `since` cursor). */
  async matchesAfter(after: number, limit: number): Promise<{ seq: number; addedAt: number; match: MatchRecord }[]> {
    const added = await this.addedAfter('matches', after, limit)
    const records = await this.matches.getMany(added.map((a) => a.key))
    return added.flatMap((a, i) => {
      const match = records[i]
      return match === undefined ? [] : [{ seq: a.seq, addedAt: a.addedAt, match }]
    })
  }

  /** Indicators by store key (`type:value`), undefined where not held. */
  async indicatorsByKey(keys: readonly string[]): Promise<(IndicatorRecord | undefined)[]> {
    if (keys.length === 0) return []
    const held = await this.#indicators.getMany([...keys])
    return held.map((bytes) => (bytes === undefined ? undefined : decodeIndicator(bytes)))
  }

  /** Indicators in key order (`type:value`) within a key range: the pages of a listing. */
  indicatorRange(
    range: { gt?: string; gte?: string; lt?: string },
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<IndicatorRecord> {
    return decoded(this.#indicators.values(range), decodeIndicator, options.signal)
  }

  async getIndicator(item: { type: IndicatorType; value: string }): Promise<IndicatorRecord | undefined> {
    const bytes = await this.#indicators.get(indicatorKey(item))
    return bytes === undefined ? undefined : decodeIndicator(bytes)
  }

  indicators(options: { signal?: AbortSignal } = {}): AsyncGenerator<IndicatorRecord> {
    return this.indicatorRange({}, options)
  }

  sightings(options: { signal?: AbortSignal } = {}): AsyncGenerator<SightingRecord> {
    return decoded(this.#sightings.values(), decodeSighting, options.signal)
  }

  /**
   * A read-only view of indicators and sightings as of now, for an export that runs beside
   * imports: everything acknowledged before the call is in it, nothing written after. Close it.
   */
  exportView(): ExportView {
    return exportViewOf(this.#db.snapshot(), this.#indicators, this.#sightings)
  }

  /**
   * Replaces the members that came from a signed roster (local entries stay) and records the
   * roster itself, in one atomic batch: a crash never leaves half a roster.
   */
  async replaceSignedRoster(entries: readonly RosterEntry[], roster: unknown, version: number): Promise<void> {
    const batch = this.#db.batch()
    for (const held of await this.roster.all()) {
      if (held.source === 'signed') batch.del(held.peerId, { sublevel: this.#rosterLevel } as never)
    }
    for (const entry of entries) batch.put(entry.peerId, entry, { sublevel: this.#rosterLevel } as never)
    batch.put('roster/signed', roster, { sublevel: this.#stateLevel } as never)
    batch.put('roster/version', version, { sublevel: this.#stateLevel } as never)
    await this.#writes.write(() => batch.write({ sync: true } as never))
  }

  /** Test and maintenance hook: writes a raw meta value (used to simulate a newer layout). */
  async putMeta(key: string, value: unknown): Promise<void> {
    await this.#meta.put(key, value)
  }
}

/** Records decoded from stored bytes, stopping when `signal` aborts. */
async function* decoded<T>(values: AsyncIterable<Uint8Array>, decode: (bytes: Uint8Array) => T, signal?: AbortSignal): AsyncGenerator<T> {
  for await (const bytes of values) {
    signal?.throwIfAborted()
    yield decode(bytes)
  }
}
