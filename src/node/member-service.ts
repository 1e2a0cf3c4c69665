import { createHash } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { commitSequence, type Envelope, type EnvelopeChecks, openEnvelope, sealEnvelope } from '../net/envelope.ts'
import type { Network } from '../net/network.ts'
import { PROTOCOLS, topic } from '../net/options.ts'
import {
  type Announcement,
  decodeAnnouncement,
  decodeDigestRequest,
  decodeDigestResponse,
  decodeSync,
  encodeAnnouncement,
  encodeDigestRequest,
  encodeDigestResponse,
  encodeNoticeResponse,
  encodeSync,
  NetStatus,
} from '../net/sync-message.ts'
import type { Evaluator } from '../psi/client.ts'
import { type Digest, decode, encode, Mode } from '../psi/messages.ts'
import type { MatchRecord } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'
import type { AddressBook } from './address-book.ts'
import { FeedService } from './feed-service.ts'
import type { MatchEngine } from './match-engine.ts'
import type { RosterBook } from './roster-book.ts'
import { RosterRelay } from './roster-relay.ts'
import { nextSequence } from './sequence.ts'
import type { Startable } from './startable.ts'

export interface MemberServiceOptions {
  community: string
  /** Epoch length: keys rotate at each multiple of it. */
  epochMs: number
  maxGossipBytes: number
  maxMessageBytes: number
  maxSkewMs: number
  /** Digests up to this size travel inline in announcements. */
  inlineDigestBytes: number
  /** Largest peer digest accepted. */
  maxDigestBytes: number
}

export interface MemberServiceComponents {
  store: Store
  network: Network
  engine: MatchEngine
  privateKey: PrivateKey
  peerId: string
  isMember: (peerId: string) => boolean
  organizationOf: (peerId: string) => string | undefined
  roster: RosterBook
  /** Members' signed addresses, exchanged on sync. */
  addressBook?: Pick<AddressBook, 'records' | 'acceptRecords'>
}

/** Counters of what the service saw, for status, the demo and (later) metrics. */
export interface MemberStats {
  gossipAccepted: number
  gossipRejected: Record<string, number>
  queriesSent: number
  /** Blinded elements we sent members for evaluation. */
  elementsRequested: number
  /** Announced digests that passed the envelope checks but were refused, by error name. */
  digestsRefused: Record<string, number>
  matches: number
  errors: string[]
}

/** Our digests of the current epoch, as status and metrics show them. */
export interface DigestState {
  epoch: number
  builtAt: number
  /** Filter bytes of the full digests by mode. */
  bytes: { oprf: number; cardinality: number }
  /** Items in each full digest. */
  items: { oprf: number; cardinality: number }
  /** Signed deltas announced since the last full build. */
  deltas: number
}

/** An announced digest over the size we accept: not fetched. */
export class OversizeDigestError extends Error {
  override name = 'OversizeDigestError'
}

/** A digest fetched by hash that is not the one announced. */
export class DigestMismatchError extends Error {
  override name = 'DigestMismatchError'
}

const DIGEST_KINDS = { [Mode.Oprf]: 'digest-oprf', [Mode.Cardinality]: 'digest-cardinality' } as const
/** Failures that retrying cannot mend. */
const FINAL_ERRORS = new Set([
  'QuotaExceededError',
  'OversizeError',
  'BadMessageError',
  'InvalidDigestError',
  'NotMemberError',
  'RangeError',
  'TypeError',
])
/** More announcements than a member ever holds (base and deltas of two digests) in one message. */
const MAX_SYNC_ENVELOPES = 2 * 66

/**
 * Connects the match engine to the network: publishes our signed digest announcements (gossip
 * and the sync protocol), validates peers' announcements, answers OPRF requests and match
 * notices, and queries each member whose digest arrives. Queries to one peer never overlap.
 */
export class MemberService implements Startable {
  readonly #o: MemberServiceOptions
  readonly #c: MemberServiceComponents
  readonly #checks: EnvelopeChecks
  readonly #topic: string
  #epoch = 0
  #envelopes: Uint8Array[] = []
  readonly #running = new Map<string, Promise<void>>()
  readonly #again = new Map<string, 'sync' | 'query'>()
  readonly #retries = new Map<string, number>()
  #changing: Promise<void> = Promise.resolve()
  #queuedChange: Promise<void> | undefined
  /** Delta numbers applied per issuer and epoch since its last base (see #noteDelta). */
  readonly #deltaNumbers = new Map<string, Set<number>>()
  #pendingRetries = 0
  readonly #listeners: ((match: MatchRecord) => void)[] = []
  readonly #feed: FeedService
  /** Our current encoded digests by SHA-256 (hex), served over the digest protocol. */
  readonly #digests = new Map<string, Uint8Array>()
  readonly #roster: RosterRelay
  #rotation: NodeJS.Timeout | undefined
  #rotating: Promise<void> = Promise.resolve()
  #stopped = false
  readonly stats: MemberStats = {
    gossipAccepted: 0,
    gossipRejected: {},
    queriesSent: 0,
    elementsRequested: 0,
    digestsRefused: {},
    matches: 0,
    errors: [],
  }
  digestState: DigestState | undefined

  constructor(options: MemberServiceOptions, components: MemberServiceComponents) {
    this.#o = options
    this.#c = components
    this.#topic = topic(options.community, 'digest')
    this.#checks = {
      maxBytes: options.maxGossipBytes,
      maxSkewMs: options.maxSkewMs,
      isMember: components.isMember,
      lastSequence: new Map(),
      kinds: new Set(Object.values(DIGEST_KINDS)),
    }
    const { network, engine } = components
    this.#roster = new RosterRelay(options.community, { network, roster: components.roster, onError: (message) => this.#error(message) })
    this.#feed = new FeedService(options.community, {
      store: components.store,
      network,
      privateKey: components.privateKey,
      peerId: components.peerId,
      checks: { maxBytes: options.maxGossipBytes, maxSkewMs: options.maxSkewMs, isMember: components.isMember },
      organizationOf: components.organizationOf,
      onError: (message) => this.#error(message),
      onRejected: (reason) => {
        this.stats.gossipRejected[reason] = (this.stats.gossipRejected[reason] ?? 0) + 1
      },
    })
    network.handle(PROTOCOLS.oprf, async (peer, bytes, signal) =>
      encode('EvaluateResponse', await engine.evaluate(peer, decode('EvaluateRequest', bytes, options.maxMessageBytes), signal)),
    )
    network.handle(PROTOCOLS.sync, async (peer, bytes) => {
      const sync = decodeSync(bytes)
      await this.#acceptEnvelopes(peer, sync.envelopes)
      await this.#feed.accept(peer, sync.feed)
      await this.#roster.accept(sync.roster)
      await this.#c.addressBook?.acceptRecords(sync.peerRecords ?? [])
      return encodeSync(this.#syncMessage())
    })
    network.handle(PROTOCOLS.notice, async (peer, bytes) => {
      const matches = await engine.handleNotice(peer, decode('MatchNotice', bytes, options.maxMessageBytes))
      this.#emit(matches)
      return encodeNoticeResponse(NetStatus.Ok, matches.length)
    })
    network.handle(PROTOCOLS.digest, async (_peer, bytes) => {
      const digest = this.#digests.get(Buffer.from(decodeDigestRequest(bytes)).toString('hex'))
      return digest === undefined ? encodeDigestResponse(NetStatus.NotFound) : encodeDigestResponse(NetStatus.Ok, digest)
    })
    network.subscribe(
      this.#topic,
      (peer, data) => this.#validate(peer, data),
      (peer, data) => void this.#deliver(peer, data),
    )
    network.onPeerConnect((peer) => {
      if (components.isMember(peer)) this.#schedule(peer, 'sync')
    })
  }

  onMatch(listener: (match: MatchRecord) => void): void {
    this.#listeners.push(listener)
  }

  /** Builds the epoch's digests and starts the network; then announces them. */
  async start(): Promise<void> {
    await this.refresh()
    await this.#c.network.start()
    try {
      await this.#announce()
    } catch (err) {
      await this.#c.network.stop()
      throw err
    }
    this.#scheduleRotation()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#rotation)
    await this.#rotating
    await this.#changing
    await Promise.allSettled([...this.#running.values()])
    await this.#c.network.stop()
  }

  /** Rebuilds our digests from the store (after an import) and announces them when running. */
  async refresh(): Promise<void> {
    const epoch = this.#c.engine.epoch()
    const digests = await this.#c.engine.buildDigests(epoch)
    const previous = new Map(this.#digests)
    this.#digests.clear()
    const envelopes = await Promise.all([this.#seal(digests.oprf), this.#seal(digests.cardinality)])
    // Peers may still fetch the digests they were announced a moment ago.
    for (const [hash, digest] of previous) if (!this.#digests.has(hash)) this.#digests.set(hash, digest)
    this.#epoch = epoch
    this.#envelopes = envelopes
    this.digestState = {
      epoch,
      builtAt: Date.now(),
      bytes: { oprf: digests.oprf.filter.length, cardinality: digests.cardinality.filter.length },
      items: this.#c.engine.ownSizes(),
      deltas: 0,
    }
  }

  /**
   * At each epoch boundary: new keys and digests, announced, then a sync with every connected
   * member (whichever side rotates second sees both new digests). Keys, quotas and cached
   * outputs of epochs before the previous one are dropped: outputs cannot be linked across epochs.
   */
  #scheduleRotation(): void {
    if (this.#stopped) return
    const next = (this.#epoch + 1) * this.#o.epochMs
    this.#rotation = setTimeout(
      () => {
        this.#rotating = (async () => {
          try {
            await this.refresh()
            this.#c.engine.retireBefore(this.#epoch - 1)
            for (const key of this.#deltaNumbers.keys())
              if (Number(key.slice(key.lastIndexOf('/') + 1)) < this.#epoch - 1) this.#deltaNumbers.delete(key)
            await this.#announce()
            for (const peer of this.#c.network.connectedPeers()) if (this.#c.isMember(peer)) this.#schedule(peer, 'sync')
          } catch (err) {
            this.#error(`epoch rotation: ${(err as Error).message}`)
          }
          this.#scheduleRotation()
        })()
      },
      Math.max(0, next - Date.now()) + 50,
    )
    this.#rotation.unref()
  }

  /**
   * Local indicators changed (an import into the running node): announce the additions as signed
   * deltas (or full digests when a delta cannot express the change), share new CLEAR entries, and
   * query members for the new items only (cached outputs cover the rest).
   */
  localChange(): Promise<void> {
    // Imports arriving while a change waits its turn are covered by that change: it reads the
    // store when it starts. So a burst of API submissions costs one rebuild, not one each.
    if (this.#queuedChange !== undefined) return this.#queuedChange
    const run = this.#changing.then(() => {
      this.#queuedChange = undefined
      return this.#localChange()
    })
    this.#queuedChange = run
    this.#changing = run.catch((err: Error) => this.#error(`local change: ${err.message}`))
    return run
  }

  async #localChange(): Promise<void> {
    const deltas = await this.#c.engine.buildDeltas(this.#epoch)
    if (deltas === 'rebuild') {
      await this.refresh()
      await this.#announce()
    } else {
      for (const delta of deltas) {
        const envelope = await this.#seal(delta)
        this.#envelopes.push(envelope)
        if (this.digestState !== undefined) this.digestState.deltas++
        await this.#c.network.publish(this.#topic, envelope).catch((err: Error) => this.#error(`publish: ${err.message}`))
      }
      await this.#feed.publish(this.#epoch)
    }
    for (const peer of this.#c.network.connectedPeers()) if (this.#c.isMember(peer)) this.#schedule(peer, 'query')
  }

  /** Resolves when no query or sync is in flight (the demo's "settled"). */
  async idle(): Promise<void> {
    await this.#changing
    while (this.#running.size > 0 || this.#pendingRetries > 0) {
      await Promise.allSettled([...this.#running.values()])
      if (this.#pendingRetries > 0) await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async #announce(): Promise<void> {
    for (const envelope of this.#envelopes) {
      await this.#c.network.publish(this.#topic, envelope).catch((err: Error) => this.#error(`publish: ${err.message}`))
    }
    await this.#feed.publish(this.#epoch)
    await this.#roster.publish()
  }

  #syncMessage() {
    const roster = this.#roster.current()
    const peerRecords = this.#c.addressBook?.records() ?? []
    return { envelopes: this.#envelopes, feed: this.#feed.batches, peerRecords, ...(roster === undefined ? {} : { roster }) }
  }

  /** Evaluation requests refused for quota since start. */
  get evaluationsServed(): number {
    return this.#c.engine.server.evaluationsServed
  }

  get quotaRefusals(): number {
    return this.#c.engine.server.quotaRefusals
  }

  /** Indicators received on the community feed so far. */
  get feedReceived(): number {
    return this.#feed.received
  }

  async #seal(digest: Digest): Promise<Uint8Array> {
    const kind = DIGEST_KINDS[digest.mode]
    const sequence = await nextSequence(this.#c.store, kind)
    const encoded = encode('Digest', digest)
    this.#digests.set(createHash('sha256').update(encoded).digest('hex'), encoded)
    return sealEnvelope(this.#c.privateKey, this.#c.peerId, this.#topic, {
      epoch: digest.epoch,
      sequence,
      kind,
      payload: encodeAnnouncement(encoded, this.#o.inlineDigestBytes),
    })
  }

  async #validate(_from: string, data: Uint8Array): Promise<'accept' | 'reject' | 'ignore'> {
    try {
      const envelope = await openEnvelope(data, this.#topic, this.#checks)
      if (envelope.issuer === this.#c.peerId) return 'ignore'
      return 'accept'
    } catch (err) {
      const name = (err as Error).name
      this.stats.gossipRejected[name] = (this.stats.gossipRejected[name] ?? 0) + 1
      // A replay is usually the same announcement by two paths (gossip and sync): not misbehaviour.
      return name === 'ReplayError' ? 'ignore' : 'reject'
    }
  }

  async #deliver(_from: string, data: Uint8Array): Promise<void> {
    await this.#acceptEnvelopes(undefined, [data])
  }

  /** Opens, checks and applies announcements; queries their issuers unless the caller will. */
  async #acceptEnvelopes(sender: string | undefined, envelopes: Uint8Array[], schedule = true): Promise<void> {
    if (envelopes.length > MAX_SYNC_ENVELOPES) {
      this.#error(`${sender ?? 'gossip'} sent ${envelopes.length} announcements at once; ignored`)
      return
    }
    // On the sync stream the issuer itself hands us its current announcements, sealed when it last
    // announced: their age is no sign of staleness there. Nor are they replays: the list is the
    // issuer's whole current state (base digests, then every delta, in order), straight from the
    // issuer, so it is applied whole. That repairs a delta gossip delivered late (after a newer
    // one had raised the issuer's sequence) or not at all.
    const checks =
      sender === undefined
        ? this.#checks
        : { ...this.#checks, maxSkewMs: Number.POSITIVE_INFINITY, lastSequence: new Map<string, number>() }
    for (const bytes of envelopes) {
      let envelope: Envelope
      try {
        envelope = await openEnvelope(bytes, this.#topic, checks)
      } catch (err) {
        if ((err as Error).name !== 'ReplayError') this.#error(`announcement from ${sender ?? 'gossip'}: ${(err as Error).message}`)
        continue
      }
      if (sender !== undefined && envelope.issuer !== sender) continue
      try {
        if (envelope.epoch !== this.#epoch) continue
        const digest = decode('Digest', await this.#digestOf(envelope.issuer, decodeAnnouncement(envelope.payload)), this.#o.maxDigestBytes)
        if (digest.epoch !== envelope.epoch) throw new Error('digest epoch differs from its announcement')
        // Gossip can deliver a delta before its base (a new link, a partition healing). Applied, it
        // would raise the issuer's sequence past the base, which would then be refused as a replay,
        // leaving us a partial digest until the issuer's next full one. Leave it uncommitted: a
        // sync (the one a new link starts, or this one) hands over base and deltas in order.
        if (digest.delta && !this.#c.engine.hasPeerDigest(envelope.issuer, digest.epoch, digest.mode)) {
          if (sender === undefined && this.#c.network.connectedPeers().includes(envelope.issuer)) this.#schedule(envelope.issuer, 'sync')
          continue
        }
        this.#c.engine.acceptPeerDigest(envelope.issuer, digest)
        commitSequence(this.#checks, envelope)
        // A gap in the issuer's delta numbers means gossip lost one or will deliver it after a newer
        // one (it would then look like a replay): a sync with the issuer brings the whole list.
        if (this.#noteDelta(envelope.issuer, digest) && sender === undefined && this.#c.network.connectedPeers().includes(envelope.issuer))
          this.#schedule(envelope.issuer, 'sync')
        this.stats.gossipAccepted++
        if (schedule) this.#schedule(envelope.issuer, 'query')
      } catch (err) {
        const reason = (err as Error).name
        this.stats.digestsRefused[reason] = (this.stats.digestsRefused[reason] ?? 0) + 1
        this.#error(`digest from ${envelope.issuer}: ${(err as Error).message}`)
      }
    }
  }

  /**
   * Records which of an issuer's delta numbers (counted across both modes since its last base)
   * we applied in this epoch; true when one below the highest is missing.
   */
  #noteDelta(issuer: string, digest: Digest): boolean {
    const key = `${issuer}/${digest.epoch}`
    if (!digest.delta) {
      this.#deltaNumbers.set(key, new Set())
      return false
    }
    const seen = this.#deltaNumbers.get(key) ?? new Set<number>()
    seen.add(digest.sequence)
    this.#deltaNumbers.set(key, seen)
    return Math.max(...seen) > seen.size
  }

  /** The announced digest: inline, or fetched from its issuer by hash and checked against it. */
  async #digestOf(issuer: string, announcement: Announcement): Promise<Uint8Array> {
    if (announcement.digest !== undefined) return announcement.digest
    if (announcement.size > this.#o.maxDigestBytes)
      throw new OversizeDigestError(`announced digest of ${announcement.size} bytes is over ${this.#o.maxDigestBytes}`)
    const reply = decodeDigestResponse(
      await this.#c.network.request(
        issuer,
        PROTOCOLS.digest,
        encodeDigestRequest(announcement.hash),
        undefined,
        this.#o.maxDigestBytes + 1024,
      ),
    )
    if (reply.status !== NetStatus.Ok) throw new Error(`digest fetch answered ${NetStatus[reply.status]}`)
    if (!createHash('sha256').update(reply.digest).digest().equals(announcement.hash))
      throw new DigestMismatchError('fetched digest does not match its announced hash')
    return reply.digest
  }

  /** Runs sync or query work for a peer, one at a time per peer; a request during a run runs once more after. */
  #schedule(peer: string, what: 'sync' | 'query'): void {
    if (this.#running.has(peer)) {
      // A sync asked for during a run is not lost to a mere query: it carries rosters and feeds.
      if (what === 'sync' || !this.#again.has(peer)) this.#again.set(peer, what)
      return
    }
    const run = (async () => {
      try {
        if (what === 'sync') await this.#sync(peer)
        else await this.#query(peer)
        this.#retries.delete(peer)
      } catch (err) {
        // Around an epoch change or a first contact a peer may refuse until it has our new digest
        // (reciprocity), and a stream can die with a connection that is being replaced: try again
        // shortly. A refusal on the merits (quota, size, malformed) is final.
        const transient = !FINAL_ERRORS.has((err as Error).name)
        const attempt = (this.#retries.get(peer) ?? 0) + 1
        if (transient && attempt <= 5 && !this.#stopped) {
          this.#retries.set(peer, attempt)
          this.#pendingRetries++
          setTimeout(
            () => {
              this.#pendingRetries--
              if (!this.#stopped) this.#schedule(peer, what)
            },
            100 * 2 ** attempt,
          ).unref()
        } else {
          this.#retries.delete(peer)
          this.#error(`${what} with ${peer}: ${(err as Error).message}`)
        }
      } finally {
        this.#running.delete(peer)
        const next = this.#again.get(peer)
        this.#again.delete(peer)
        if (next !== undefined) this.#schedule(peer, next)
      }
    })()
    this.#running.set(peer, run)
  }

  async #sync(peer: string): Promise<void> {
    const reply = decodeSync(await this.#c.network.request(peer, PROTOCOLS.sync, encodeSync(this.#syncMessage())))
    await this.#acceptEnvelopes(peer, reply.envelopes, false)
    await this.#feed.accept(peer, reply.feed)
    await this.#roster.accept(reply.roster)
    await this.#c.addressBook?.acceptRecords(reply.peerRecords ?? [])
    await this.#query(peer)
  }

  /**
   * Asks every member whose digest we hold about `elements` now: per item (which members hold
   * each) or, for RED, only how many. Peers that fail are reported, not fatal.
   */
  async ask(elements: Uint8Array[], mode: Mode): Promise<{ peer: string; matched?: number[]; count?: number; error?: string }[]> {
    const peers = this.#c.network.connectedPeers().filter((peer) => this.#c.engine.hasPeerDigest(peer, this.#epoch, mode))
    return Promise.all(
      peers.map(async (peer) => {
        try {
          if (mode === Mode.Cardinality) {
            const { count } = await this.#c.engine.client.cardinality(peer, this.#epoch, elements, this.#evaluator(peer))
            return { peer, count }
          }
          const { matched } = await this.#c.engine.client.query(peer, this.#epoch, elements, this.#evaluator(peer))
          return { peer, matched }
        } catch (err) {
          return { peer, error: `${(err as Error).name}: ${(err as Error).message}` }
        }
      }),
    )
  }

  #evaluator(peer: string): Evaluator {
    return async (request, signal) => {
      this.stats.queriesSent++
      this.stats.elementsRequested += request.elements.length / 32
      const reply = await this.#c.network.request(peer, PROTOCOLS.oprf, encode('EvaluateRequest', request), signal)
      return decode('EvaluateResponse', reply, this.#o.maxMessageBytes)
    }
  }

  get epoch(): number {
    return this.#epoch
  }

  async #query(peer: string): Promise<void> {
    const engine = this.#c.engine
    const evaluate = this.#evaluator(peer)
    if (engine.hasPeerDigest(peer, this.#epoch, Mode.Oprf)) {
      const { matches, notice } = await engine.queryPeer(peer, this.#epoch, evaluate)
      this.#emit(matches)
      if (notice.outputs.length > 0) await this.#c.network.request(peer, PROTOCOLS.notice, encode('MatchNotice', notice))
    }
    if (engine.hasPeerDigest(peer, this.#epoch, Mode.Cardinality)) await engine.countPeer(peer, this.#epoch, evaluate)
  }

  #emit(matches: MatchRecord[]): void {
    this.stats.matches += matches.length
    for (const match of matches) for (const listener of this.#listeners) listener(match)
  }

  #error(message: string): void {
    this.stats.errors.push(message)
    if (this.stats.errors.length > 100) this.stats.errors.shift()
  }
}
