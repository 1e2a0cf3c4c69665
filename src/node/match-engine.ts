import type { OprfEngine } from '../crypto/engine.ts'
import type { Oprf } from '../crypto/oprf.ts'
import { psiElement } from '../indicators/element.ts'
import { FEED_SOURCE_PREFIX, type IndicatorRecord } from '../indicators/types.ts'
import { type Evaluator, PsiClient } from '../psi/client.ts'
import { UnknownEpochError } from '../psi/errors.ts'
import { EpochKeys } from '../psi/keys.ts'
import { type Digest, type EvaluateRequest, type EvaluateResponse, type MatchNotice, Mode } from '../psi/messages.ts'
import { type PsiOptions, setSizeBucket } from '../psi/options.ts'
import { PsiServer } from '../psi/server.ts'
import { indicatorKey } from '../store/keys.ts'
import type { MatchRecord, OutboxEntry } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'

export interface MatchEngineOptions {
  psi: PsiOptions
  /** Epoch length: one OPRF key per epoch (default 7 days). */
  epochMs: number
}

export interface MatchEngineComponents {
  store: Store
  engine: OprfEngine
  oprf: Oprf
  /** 32-byte secret from which the per-epoch OPRF keys are derived. */
  seed: Uint8Array
  organizationOf: (peer: string) => string | undefined
  /** The outbox entries a new match raises, written atomically with it (none when absent). */
  alertsFor?: (match: MatchRecord, seq: number) => OutboxEntry[]
}

interface OwnSet {
  records: IndicatorRecord[]
  elements: Uint8Array[]
}

/**
 * The match engine (DESIGN sections 3 and 5): which of our indicators go into which digest, and
 * what peers' answers mean. TLP policy: CLEAR, GREEN, AMBER and AMBER+STRICT indicators are
 * matched per item (OPRF mode); RED only by count (cardinality mode). Warninglisted values and
 * CIDR ranges never enter a digest.
 */
export class MatchEngine {
  readonly #options: MatchEngineOptions
  readonly #c: MatchEngineComponents
  readonly server: PsiServer
  readonly client: PsiClient
  #sets: { epoch: number; oprf: OwnSet; cardinality: OwnSet; deltas: number } | undefined
  /** RED counts by peer, with what they were counted against and the ration spent this epoch. */
  readonly #counts = new Map<string, { count: number; version: string; epoch: number; spent: number }>()

  constructor(options: MatchEngineOptions, components: MatchEngineComponents) {
    this.#options = options
    this.#c = components
    const keys = new EpochKeys(components.oprf, components.seed, options.psi.community)
    this.server = new PsiServer(options.psi, { engine: components.engine, keys })
    this.client = new PsiClient(options.psi, { engine: components.engine, oprf: components.oprf })
  }

  epoch(now = Date.now()): number {
    return Math.floor(now / this.#options.epochMs)
  }

  /** Builds our digests for the epoch from the store (call again after local indicators change). */
  async buildDigests(epoch: number): Promise<{ oprf: Digest; cardinality: Digest }> {
    const { oprf, cardinality } = await this.#classify()
    const [oprfDigest, cardinalityDigest] = await Promise.all([
      this.server.buildDigest(epoch, Mode.Oprf, oprf.elements),
      this.server.buildDigest(epoch, Mode.Cardinality, cardinality.elements),
    ])
    // Set together with the server's output map, so a notice always resolves against this set.
    this.#sets = { epoch, oprf, cardinality, deltas: 0 }
    return { oprf: oprfDigest, cardinality: cardinalityDigest }
  }

  /**
   * After local additions: digests of only the new items (DESIGN: additions go out as signed
   * deltas), or `rebuild` when an item changed sets (a TLP raised to RED, a new warninglist
   * entry), which a delta cannot express. Empty when nothing changed.
   */
  async buildDeltas(epoch: number): Promise<Digest[] | 'rebuild'> {
    const held = this.#sets
    if (held?.epoch !== epoch) return 'rebuild'
    // Only what is new gets its PSI element computed: hashing the whole store on every import
    // into a running node would hold the event loop for long.
    const now = await this.#scan()
    const placed = new Map<string, Mode>()
    for (const r of held.oprf.records) placed.set(indicatorKey(r), Mode.Oprf)
    for (const r of held.cardinality.records) placed.set(indicatorKey(r), Mode.Cardinality)
    const added: Record<Mode, OwnSet> = { [Mode.Oprf]: { records: [], elements: [] }, [Mode.Cardinality]: { records: [], elements: [] } }
    let still = 0
    for (const [mode, set] of [
      [Mode.Oprf, now.oprf],
      [Mode.Cardinality, now.cardinality],
    ] as const) {
      set.forEach((record) => {
        const was = placed.get(indicatorKey(record))
        if (was === undefined) {
          added[mode].records.push(record)
          added[mode].elements.push(psiElement(record))
        } else if (was !== mode) {
          still = -1
        } else if (still >= 0) {
          still++
        }
      })
    }
    if (still < 0 || still !== placed.size) return 'rebuild'
    const digests: Digest[] = []
    for (const mode of [Mode.Oprf, Mode.Cardinality]) {
      const own = mode === Mode.Oprf ? held.oprf : held.cardinality
      const fresh = added[mode]
      if (fresh.records.length === 0) continue
      held.deltas++
      digests.push(await this.server.buildDigest(epoch, mode, fresh.elements, { sequence: held.deltas, baseSize: own.records.length }))
      own.records.push(...fresh.records)
      own.elements.push(...fresh.elements)
    }
    return digests
  }

  async #classify(): Promise<{ oprf: OwnSet; cardinality: OwnSet }> {
    const { oprf, cardinality } = await this.#scan()
    return {
      oprf: { records: oprf, elements: oprf.map(psiElement) },
      cardinality: { records: cardinality, elements: cardinality.map(psiElement) },
    }
  }

  /** Our own indicators by the digest they belong in (DESIGN section 3), without their elements. */
  async #scan(): Promise<{ oprf: IndicatorRecord[]; cardinality: IndicatorRecord[] }> {
    const oprf: IndicatorRecord[] = []
    const cardinality: IndicatorRecord[] = []
    for await (const record of this.#c.store.indicators()) {
      // Indicators a member shared on the feed are theirs, not ours: matching them back would tell
      // the member nothing it does not know.
      const excluded =
        record.warninglist !== undefined ||
        record.type === 'ipv4-cidr' ||
        record.type === 'ipv6-cidr' ||
        record.source.startsWith(FEED_SOURCE_PREFIX)
      if (excluded) continue
      ;(record.tlp === 'red' ? cardinality : oprf).push(record)
    }
    return { oprf, cardinality }
  }

  /** A peer's digest arrived (verified by the network layer): remember it and allow its queries. */
  acceptPeerDigest(peer: string, digest: Digest): void {
    const size = this.client.acceptDigest(peer, digest)
    // Quotas follow what the peer's filters hold, not the bucket it claims.
    this.server.notePeerDigest(peer, { epoch: digest.epoch, mode: digest.mode, setSizeBucket: setSizeBucket(size) })
  }

  hasPeerDigest(peer: string, epoch: number, mode: Mode): boolean {
    return this.client.hasDigest(peer, epoch, mode)
  }

  /** Asks `peer` about our per-item set; records and returns new matches and the notice to send. */
  async queryPeer(
    peer: string,
    epoch: number,
    evaluate: Evaluator,
    signal?: AbortSignal,
  ): Promise<{ matches: MatchRecord[]; notice: MatchNotice; queried: number }> {
    const own = this.#own(epoch).oprf
    // A copy: a local change may append to our set while this query awaits; indices stay valid
    // because the set only ever grows by appending.
    const result = await this.client.query(peer, epoch, own.elements.slice(), evaluate, signal)
    const matches = await this.#record(
      peer,
      epoch,
      'oprf',
      result.matched.map((i) => own.records[i] as IndicatorRecord),
    )
    return { matches, notice: this.client.notice(epoch, result.matchedOutputs), queried: result.queried }
  }

  /** Counts how many of our RED indicators `peer` holds in its RED set. */
  async countPeer(peer: string, epoch: number, evaluate: Evaluator, signal?: AbortSignal): Promise<number> {
    const own = this.#own(epoch).cardinality
    const theirs = this.client.digestState(peer, epoch, Mode.Cardinality)
    // A count is asked again only when our RED set or the peer's RED digest changed, and only
    // within the ration the peer grants per epoch (PsiServer: one batch per maxBatch items of the
    // larger set, plus one): asking beyond it would only be refused. A count not refreshed in
    // this epoch stays as it was until the next one.
    const version = `${epoch}/${own.elements.length}/${theirs.filters}/${theirs.items}`
    const held = this.#counts.get(peer)
    if (held !== undefined && held.version === version) return held.count
    const maxBatch = this.#options.psi.maxBatch
    const batches = Math.max(1, Math.ceil(own.elements.length / maxBatch))
    const ration = Math.ceil(Math.max(own.elements.length, theirs.items) / maxBatch) + 1
    const spent = held?.epoch === epoch ? held.spent : 0
    if (held !== undefined && spent + batches > ration) return held.count
    const elements = own.elements.slice()
    const { count } = elements.length === 0 ? { count: 0 } : await this.client.cardinality(peer, epoch, elements, evaluate, signal)
    this.#counts.set(peer, { count, version, epoch, spent: spent + (elements.length === 0 ? 0 : batches) })
    return count
  }

  redCounts(): Map<string, number> {
    return new Map([...this.#counts].map(([peer, c]) => [peer, c.count]))
  }

  evaluate(peer: string, request: EvaluateRequest, signal?: AbortSignal): Promise<EvaluateResponse> {
    return this.server.evaluate(peer, request, signal)
  }

  /** A peer matched some of our items and told us which: record them as our matches too. */
  async handleNotice(peer: string, notice: MatchNotice): Promise<MatchRecord[]> {
    const own = this.#sets?.epoch === notice.epoch ? this.#sets.oprf : undefined
    if (own === undefined) return []
    const records = this.server.resolveNotice(notice).map((i) => own.records[i] as IndicatorRecord)
    return this.#record(peer, notice.epoch, 'notice', records)
  }

  /** Items in our current full digests by mode. */
  ownSizes(): { oprf: number; cardinality: number } {
    return { oprf: this.#sets?.oprf.records.length ?? 0, cardinality: this.#sets?.cardinality.records.length ?? 0 }
  }

  /** Drops keys, quotas, digests and cached outputs of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    this.server.retireBefore(epoch)
    this.client.retireBefore(epoch)
  }

  #own(epoch: number): { oprf: OwnSet; cardinality: OwnSet } {
    if (this.#sets?.epoch !== epoch) throw new UnknownEpochError(`digests of epoch ${epoch} are not built`)
    return this.#sets
  }

  async #record(peer: string, epoch: number, mode: MatchRecord['mode'], records: IndicatorRecord[]): Promise<MatchRecord[]> {
    const organization = this.#c.organizationOf(peer) ?? 'unknown'
    const now = Date.now()
    const matches = records.map(
      (r): MatchRecord => ({ peer, organization, type: r.type, value: r.value, tlp: r.tlp, mode, epoch, matchedAt: now }),
    )
    const fresh = await this.#c.store.recordMatches(matches, this.#c.alertsFor)
    return fresh.map((f) => f.match)
  }
}
