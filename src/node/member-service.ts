import { sealEnvelope, VerifiedSignatures } from '../net/envelope.ts'
import { PROTOCOLS, topic } from '../net/options.ts'
import { decodeSync, encodeSync } from '../net/sync-message.ts'
import { ALL_MODES } from '../psi/enums.ts'
import { encode, type ListAnnouncement, Mode } from '../psi/messages.ts'
import { announcementOf } from '../psi/mutual.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { MatchRecord } from '../store/repositories.ts'
import { AnnouncementInbox } from './announcement-inbox.ts'
import { type DigestState, digestStateOf } from './digest-state.ts'
import { FeedService } from './feed-service.ts'
import { type AskAnswer, askMembers } from './member-query.ts'
import { MemberTimers } from './member-timers.ts'
import { membersAfter } from './pair-order.ts'

export type { AskAnswer } from './member-query.ts'

import { forComponent, safe } from '../logger.ts'
import { PsiExchange } from './psi-exchange.ts'
import { RosterRelay } from './roster-relay.ts'
import { nextSequence } from './sequence.ts'
import type { Startable } from './startable.ts'
import { traceStartup } from './startup-trace.ts'
import { SyncLedger } from './sync-ledger.ts'

const log = forComponent('sightline:member')

export type { DigestState } from './digest-state.ts'

import type { MemberServiceComponents, MemberServiceOptions, MemberStats } from './member-service-types.ts'

export type { MemberServiceComponents, MemberServiceOptions, MemberStats } from './member-service-types.ts'

/** Announcement kind of each mode's lists: the holds lists keep their names, sighted lists name their mode. */
function kindOf(mode: Mode): string {
  return mode === Mode.Items ? 'list-items' : mode === Mode.Count ? 'list-count' : `list-mode-${mode}`
}
const KINDS = ALL_MODES.map(kindOf)

/**
 * A member of the community: publishes our signed list announcements (gossip and sync), checks
 * members' announcements, and runs the DH-PSI with every roster member through PsiExchange; also
 * the feed, the roster relay, epoch rotation and a periodic reconcile.
 */
export class MemberService implements Startable {
  readonly #c: MemberServiceComponents
  readonly #topic: string
  readonly exchange: PsiExchange
  readonly #inbox: AnnouncementInbox
  readonly #listeners: ((match: MatchRecord) => void)[] = []
  readonly #feed: FeedService
  readonly #roster: RosterRelay
  #changing: Promise<void> = Promise.resolve()
  #queuedChange: Promise<void> | undefined
  /** Our lists of the epoch are published (members' announcements wait for them: see start). */
  #listsOut = false
  #stopping = false
  readonly #timers: MemberTimers
  readonly #ledger = new SyncLedger()
  readonly #reconcileMs: number
  readonly stats: MemberStats = { gossipAccepted: 0, gossipRejected: {}, digestsRefused: {}, matches: 0, errors: [] }
  digestState: DigestState | undefined

  constructor(options: MemberServiceOptions, components: MemberServiceComponents) {
    this.#c = components
    this.#topic = topic(options.community, 'digest')
    this.#reconcileMs = options.reconcileMs
    const { network } = components
    this.exchange = new PsiExchange(options, {
      party: components.party,
      engine: components.engine,
      network,
      isMember: components.isMember,
      openAnnouncement: async (peer, envelope) => this.#inbox.openDirect(peer, envelope),
      sync: (peer) => this.#sync(peer),
      syncDue: (peer) => this.#ledger.isDue(peer),
      onMatches: (matches) => this.#emit(matches),
      onError: (message) => this.#error(message),
    })
    const verified = new VerifiedSignatures()
    const checks = {
      maxBytes: options.maxGossipBytes,
      maxSkewMs: options.maxSkewMs,
      isMember: components.isMember,
      lastSequence: new Map<string, number>(),
      kinds: new Set<string>(KINDS),
      verified,
    }
    const noteAnnouncement = (peer: string, announcement: ListAnnouncement) => {
      this.#ledger.heard(peer)
      this.exchange.noteAnnouncement(peer, announcement)
    }
    this.#inbox = new AnnouncementInbox(this.#topic, checks, {
      peerId: components.peerId,
      party: components.party,
      exchange: { noteAnnouncement, schedule: (peer) => this.exchange.schedule(peer) },
      epoch: () => (this.#listsOut ? this.epoch : -1),
      stats: this.stats,
      onError: (message) => this.#error(message),
    })
    this.#timers = new MemberTimers(
      {
        epochMs: options.epochMs,
        reconcileMs: options.reconcileMs,
        // Sightings age out of their windows: re-read our lists now and then (a list that lost a value is rebuilt).
        ...(components.engine.modes.length > 2 ? { refreshMs: options.windowRefreshMs ?? 3_600_000 } : {}),
      },
      {
        epoch: () => this.epoch,
        rotate: () => this.#rotate(),
        reconcile: () => this.#reconcileAll(),
        refresh: () => void this.localChange().catch((err: unknown) => log.debug('window refresh failed (noted)', { err })),
      },
    )
    this.#roster = new RosterRelay(options.community, { network, roster: components.roster, onError: (message) => this.#error(message) })
    this.#feed = new FeedService(options.community, {
      store: components.store,
      network,
      privateKey: components.privateKey,
      peerId: components.peerId,
      checks: { maxBytes: options.maxGossipBytes, maxSkewMs: options.maxSkewMs, isMember: components.isMember, verified },
      organizationOf: components.organizationOf,
      onError: (message) => this.#error(message),
      onRejected: (reason) => {
        this.stats.gossipRejected[reason] = (this.stats.gossipRejected[reason] ?? 0) + 1
      },
    })
  }

  onMatch(listener: (match: MatchRecord) => void): void {
    this.#listeners.push(listener)
  }

  /**
   * Registers the protocols, starts the network, then publishes the epoch's lists in the
   * background (a million items take a while): members connect meanwhile, and the exchange holds
   * every pair run and raise answer until our lists are out, then every member is synced and run.
   */
  async start(): Promise<void> {
    const { network } = this.#c
    this.#stopping = false
    this.exchange.start()
    network.handle(PROTOCOLS.sync, async (peer, bytes) => {
      await this.#acceptSync(peer, decodeSync(bytes))
      this.exchange.schedule(peer)
      return encodeSync(this.#syncMessage(peer))
    })
    network.subscribe(
      this.#topic,
      (peer, data) => this.#inbox.validate(peer, data),
      (_peer, data) => void this.#inbox.accept(undefined, [data]),
    )
    network.onPeerConnect((peer) => {
      traceStartup('connected')
      this.exchange.schedule(peer)
    })
    await network.start()
    traceStartup('listening')
    // Pairs wait for our lists only; the feed and roster go out after them (the feed reads the
    // whole store again), off the path to the first matches.
    const listsOut = this.#publishAtStart()
    this.exchange.holdUntil(listsOut)
    this.#changing = listsOut.then(() => this.#afterPublished())
  }

  async #publishAtStart(): Promise<void> {
    try {
      await this.#publish(await this.#c.engine.publishAll(this.#c.engine.epochAt(Date.now())), true)
      this.#listsOut = true
      traceStartup('published')
      for (const envelope of this.exchange.envelopes()) await this.#gossip(envelope)
    } catch (err) {
      this.#error(`publishing our lists at start: ${(err as Error).message}`)
    }
    // Every pair runs now; each starts with a sync (announcements were set aside until our lists
    // were out), which also hands our lists to members that synced with us before.
    this.runAll()
  }

  async #afterPublished(): Promise<void> {
    try {
      await this.#feed.publish(this.epoch)
      await this.#roster.publish()
    } catch (err) {
      this.#error(`publishing our feed and roster at start: ${(err as Error).message}`)
    }
    if (!this.#stopping) await this.#timers.start()
  }

  async stop(): Promise<void> {
    this.#stopping = true
    await this.#timers.stop()
    await this.#changing
    await this.exchange.stop()
    await this.#c.network.stop()
  }

  get epoch(): number {
    return this.#c.engine.epoch
  }

  /**
   * Local indicators changed (an import into the running node): the new ones go out as signed
   * deltas (or a new generation), CLEAR entries on the feed, and every member's pair runs again.
   * Changes arriving while one waits are covered by it (it reads the store when it starts); a
   * failed change is logged and never blocks the next.
   */
  localChange(): Promise<void> {
    if (this.#queuedChange !== undefined) return this.#queuedChange
    const run = this.#changing.then(async () => {
      this.#queuedChange = undefined
      await this.#publish(await this.#c.engine.publishChanges(), false)
      await this.#feed.publish(this.epoch)
      this.runAll()
    })
    this.#queuedChange = run
    this.#changing = run.catch((err: Error) => this.#error(`local change: ${err.message}`))
    return run
  }

  /**
   * Resolves when no local change or PSI run is running or queued (the demo's "settled"). Retries
   * waiting for a member (offline, or still raising our list) do not count: they may wait minutes.
   */
  async idle(): Promise<void> {
    await this.#changing
    await this.exchange.settled()
  }

  /**
   * Asks every member about `elements` now (an analyst's query), in each of `modes` (holds, and
   * each sighting window): per item, or in count modes only how many. Nothing is imported or
   * published; each question is charged to our budget at the member like a list.
   */
  ask(elements: Uint8Array[], modes: readonly Mode[]): Promise<AskAnswer[]> {
    return askMembers(
      this.exchange,
      this.#c.members().filter((peer) => peer !== this.#c.peerId),
      modes,
      elements,
    )
  }

  get feedReceived(): number {
    return this.#feed.received
  }

  /** Seals and keeps our new lists; announces them when asked. */
  async #publish(lists: PublishedList[], fresh: boolean): Promise<void> {
    const entries = []
    for (const list of lists) {
      const envelope = await sealEnvelope(this.#c.privateKey, this.#c.peerId, this.#topic, {
        epoch: list.epoch,
        sequence: await nextSequence(this.#c.store, kindOf(list.mode)),
        kind: kindOf(list.mode),
        payload: encode('ListAnnouncement', announcementOf(list)),
      })
      entries.push({ list, envelope })
    }
    this.exchange.publish(entries)
    this.digestState = digestStateOf(this.#c.party, this.#c.engine, this.epoch, fresh ? undefined : this.digestState)
    if (!fresh) for (const { envelope } of entries) await this.#gossip(envelope)
  }

  async #announceAll(): Promise<void> {
    for (const envelope of this.exchange.envelopes()) await this.#gossip(envelope)
    await this.#feed.publish(this.epoch)
    await this.#roster.publish()
  }

  async #gossip(envelope: Uint8Array): Promise<void> {
    await this.#c.network.publish(this.#topic, envelope).catch((err: Error) => this.#error(`publish: ${err.message}`))
  }

  /**
   * Announces our current lists again under new sequence numbers: the first announcement, at
   * start, reached only the members connected then (none, for a node that starts first).
   */
  reannounce(): Promise<void> {
    const run = this.#changing.then(() => this.#publish(this.exchange.ownLists(), false))
    this.#changing = run.catch((err: Error) => this.#error(`announce: ${err.message}`))
    return run
  }

  /** Runs the pair with every roster member (connected or not), within the PSI concurrency. */
  runAll(): void {
    for (const peer of membersAfter(this.#c.members(), this.#c.peerId)) this.exchange.schedule(peer)
  }

  /**
   * At each epoch boundary: new scalars and lists, announced; everything of two epochs back
   * forgotten. Queued behind local changes (and they behind it): the two never interleave.
   */
  #rotate(): Promise<void> {
    const run = this.#changing.then(async () => {
      await this.#publish(await this.#c.engine.publishAll(this.epoch + 1), true)
      this.#c.party.retireBefore(this.epoch - 1)
      this.exchange.retireBefore(this.epoch)
      await this.#announceAll()
      this.runAll()
    })
    this.#changing = run.catch((err: Error) => this.#error(`epoch rotation: ${err.message}`))
    return this.#changing
  }

  /**
   * Anti-entropy: every pair re-run, and synced first with each member not heard from for a
   * reconcile period, whatever was missed; within the PSI concurrency, not 99 dials at once.
   */
  #reconcileAll(): void {
    this.#ledger.markDue(membersAfter(this.#c.members(), this.#c.peerId), this.#reconcileMs)
    this.runAll()
  }

  #syncMessage(peer: string) {
    const roster = this.#roster.current()
    const peerRecords = this.#c.addressBook?.recordsFor(peer) ?? []
    return { envelopes: this.exchange.envelopes(), feed: this.#feed.batches, peerRecords, ...(roster === undefined ? {} : { roster }) }
  }

  async #sync(peer: string): Promise<void> {
    const reply = decodeSync(await this.#c.network.request(peer, PROTOCOLS.sync, encodeSync(this.#syncMessage(peer))))
    this.#ledger.heard(peer)
    await this.#acceptSync(peer, reply)
  }

  /** What a member sent on sync, asked or answering: its announcements, feed, roster and addresses. */
  async #acceptSync(peer: string, sync: ReturnType<typeof decodeSync>): Promise<void> {
    await this.#inbox.accept(peer, sync.envelopes)
    await this.#feed.accept(peer, sync.feed)
    await this.#roster.accept(sync.roster)
    await this.#c.addressBook?.acceptRecords(sync.peerRecords ?? [])
  }

  #emit(matches: MatchRecord[]): void {
    this.stats.matches += matches.length
    for (const match of matches) for (const listener of this.#listeners) listener(match)
  }

  #error(message: string): void {
    log.warn('member service error (also on the status page)', { error: safe(message) })
    this.stats.errors.push(message)
    if (this.stats.errors.length > 100) this.stats.errors.shift()
  }
}
