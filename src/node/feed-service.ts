import type { PrivateKey } from '@libp2p/interface'
import { isActive } from '../indicators/activity.ts'
import { normalize } from '../indicators/normalize.ts'
import { parseTlp } from '../indicators/tlp.ts'
import { FEED_SOURCE_PREFIX, type IndicatorRecord } from '../indicators/types.ts'
import { checkCodeOf, commitSequence, type EnvelopeChecks, openEnvelope, sealEnvelope, verdictOf } from '../net/envelope.ts'
import type { Network } from '../net/network.ts'
import { topic } from '../net/options.ts'
import { decodeFeedBatch, encodeFeedBatch, type FeedEntry } from '../net/sync-message.ts'
import type { Store } from '../store/store.ts'
import { nextSequence } from './sequence.ts'

/** Indicators received on the feed are never re-shared nor put in our digests. */
export { FEED_SOURCE_PREFIX }

/** Batches stay well under the gossip limit (1 MiB) whatever the entries' lengths. */
const BATCH_BYTES = 512 * 1024
const MAX_BATCHES_PER_SYNC = 64

export interface FeedServiceComponents {
  store: Store
  network: Network
  privateKey: PrivateKey
  peerId: string
  checks: Omit<EnvelopeChecks, 'lastSequence'>
  organizationOf: (peer: string) => string | undefined
  onError: (message: string) => void
  onRejected: (reason: string) => void
}

/**
 * The feed entry of one of our indicators, or undefined when it is not offered as itself: only
 * CLEAR and GREEN, not a member's (feed-sourced), not warninglisted, and active (a revoked or
 * expired indicator is not offered to members as a live one).
 */
export function feedEntryOf(r: IndicatorRecord, now: number): FeedEntry | undefined {
  const shared = (r.tlp === 'clear' || r.tlp === 'green') && !r.source.startsWith(FEED_SOURCE_PREFIX) && r.warninglist === undefined
  if (!shared || !isActive(r, now)) return undefined
  return {
    type: r.type,
    value: r.value,
    tlp: r.tlp,
    ...(r.confidence === undefined ? {} : { confidence: r.confidence }),
    tags: r.tags,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
  }
}

/**
 * The community feed (DESIGN section 3): our TLP:CLEAR and TLP:GREEN indicators go out as
 * themselves, in signed batches on `/sightline/<community>/feed/1` (and in sync replies), and
 * members' entries are stored as indicators with their source. Nothing of TLP:AMBER or above is
 * ever put in a batch, and a batch that carries such an entry is refused whole.
 */
export class FeedService {
  readonly #c: FeedServiceComponents
  readonly #topic: string
  readonly #checks: EnvelopeChecks
  #batches: Uint8Array[] = []
  received = 0

  constructor(community: string, components: FeedServiceComponents) {
    this.#c = components
    this.#topic = topic(community, 'feed')
    this.#checks = { ...components.checks, lastSequence: new Map(), kinds: new Set(['feed']) }
  }

  /** Joins the feed topic; call before the network starts. */
  start(): void {
    const components = this.#c
    components.network.subscribe(
      this.#topic,
      async (_peer, data) => {
        try {
          const envelope = await openEnvelope(data, this.#topic, this.#checks)
          return envelope.issuer === components.peerId ? 'ignore' : 'accept'
        } catch (err) {
          components.onRejected(checkCodeOf(err))
          return verdictOf(err)
        }
      },
      (_peer, data) => void this.accept(undefined, [data]),
    )
  }

  stop(): void {
    this.#c.network.unsubscribe(this.#topic)
  }

  /** Our current feed batches (for sync replies). */
  get batches(): Uint8Array[] {
    return this.#batches
  }

  /**
   * Builds signed batches of our own CLEAR and GREEN indicators and publishes them: `entries` as
   * the match engine's scan found them, else read from the store.
   */
  async publish(epoch: number, entries?: FeedEntry[]): Promise<void> {
    if (entries === undefined) {
      entries = []
      const now = Date.now()
      for await (const record of this.#c.store.indicators()) {
        const entry = feedEntryOf(record, now)
        if (entry !== undefined) entries.push(entry)
      }
    }
    const batches: Uint8Array[] = []
    const chunks: FeedEntry[][] = []
    let chunk: FeedEntry[] = []
    let bytes = 0
    for (const entry of entries) {
      const size = entry.value.length + entry.tags.reduce((sum, t) => sum + t.length + 2, 0) + 48
      if (bytes + size > BATCH_BYTES && chunk.length > 0) {
        chunks.push(chunk)
        chunk = []
        bytes = 0
      }
      chunk.push(entry)
      bytes += size
    }
    if (chunk.length > 0) chunks.push(chunk)
    for (const part of chunks.slice(0, MAX_BATCHES_PER_SYNC)) {
      const payload = encodeFeedBatch(part)
      batches.push(
        await sealEnvelope(this.#c.privateKey, this.#c.peerId, this.#topic, {
          epoch,
          sequence: await nextSequence(this.#c.store, 'feed'),
          kind: 'feed',
          payload,
        }),
      )
    }
    this.#batches = batches
    for (const batch of batches)
      await this.#c.network.publish(this.#topic, batch).catch((err: Error) => this.#c.onError(`feed publish: ${err.message}`))
  }

  /** Checks and stores members' feed batches (from gossip, or from `sender`'s sync reply). */
  async accept(sender: string | undefined, batches: Uint8Array[]): Promise<void> {
    // On sync the issuer hands over its batches itself: their age is no staleness (replays still fail).
    const checks = sender === undefined ? this.#checks : { ...this.#checks, maxSkewMs: Number.POSITIVE_INFINITY }
    for (const bytes of batches.slice(0, MAX_BATCHES_PER_SYNC)) {
      try {
        const envelope = await openEnvelope(bytes, this.#topic, checks)
        if (envelope.issuer === this.#c.peerId || (sender !== undefined && envelope.issuer !== sender)) continue
        const source = `${FEED_SOURCE_PREFIX}${this.#c.organizationOf(envelope.issuer) ?? envelope.issuer}`
        const records: IndicatorRecord[] = decodeFeedBatch(envelope.payload).map((entry) => {
          const tlp = parseTlp(entry.tlp)
          if (tlp !== 'clear' && tlp !== 'green') throw new Error(`feed entry of TLP:${tlp.toUpperCase()} refused`)
          const item = normalize(entry.value, entry.type)
          if (item.value !== entry.value) throw new Error(`feed entry ${entry.value} is not in canonical form`)
          return {
            ...item,
            tlp,
            tags: entry.tags,
            source,
            firstSeen: entry.firstSeen,
            lastSeen: entry.lastSeen,
            count: 1,
            ...(entry.confidence === undefined ? {} : { confidence: entry.confidence }),
          }
        })
        // A republished batch (every import, every epoch) must not count entries again: keep only
        // what is new or newer than what this member told us before.
        const fresh: IndicatorRecord[] = []
        for (const record of records) {
          const held = await this.#c.store.getIndicator(record)
          if (held === undefined || (held.source === source && held.lastSeen < record.lastSeen)) fresh.push(record)
        }
        await this.#c.store.ingest(fresh, [], { log: 'shared' })
        commitSequence(this.#checks, envelope)
        this.received += fresh.length
      } catch (err) {
        if (verdictOf(err) !== 'ignore') this.#c.onError(`feed from ${sender ?? 'gossip'}: ${(err as Error).message}`)
      }
    }
  }
}
