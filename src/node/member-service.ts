import { VerifiedSignatures } from '../net/envelope.ts'
import { LinkClosedError } from '../net/link-errors.ts'
import { topic } from '../net/options.ts'
import type { ListAnnouncement, Mode } from '../psi/messages.ts'
import type { MatchRecord } from '../store/repositories.ts'
import { AnnouncementInbox } from './announcement-inbox.ts'
import type { DigestState } from './digest-state.ts'
import { FeedService } from './feed-service.ts'
import { type AskAnswer, askMembers } from './member-query.ts'
import { MemberSync } from './member-sync.ts'
import { MemberTimers } from './member-timers.ts'
import { membersAfter } from './pair-order.ts'

export type { AskAnswer } from './member-query.ts'

import { forComponent, safe } from '../logger.ts'
import { PsiExchange } from './psi-exchange.ts'
import { LIST_KINDS, Publisher } from './publisher.ts'
import { RosterRelay } from './roster-relay.ts'
import type { Startable } from './startable.ts'
import { traceStartup } from './startup-trace.ts'
import { SyncLedger } from './sync-ledger.ts'

const log = forComponent('sightline:member')

export type { DigestState } from './digest-state.ts'

import type { MemberServiceComponents, MemberServiceOptions, MemberStats } from './member-service-types.ts'

export type { MemberServiceComponents, MemberServiceOptions, MemberStats } from './member-service-types.ts'

/**
 * A member of the community, composed of its parts: the publisher of our signed list
 * announcements, the inbox that checks members' announcements, the sync protocol, the DH-PSI with
 * every roster member (PsiExchange), the feed, the roster relay, and the timers of epoch rotation
 * and the periodic reconcile.
 */
export class MemberService implements Startable {
  readonly #c: MemberServiceComponents
  readonly #topic: string
  readonly exchange: PsiExchange
  readonly #inbox: AnnouncementInbox
  readonly #listeners: ((match: MatchRecord) => void)[] = []
  readonly #feed: FeedService
  readonly #roster: RosterRelay
  readonly #publisher: Publisher
  readonly #sync: MemberSync
  /** The start in the background: our lists published, every pair run, the timers started. */
  #starting: Promise<void> = Promise.resolve()
  #stopping = false
  readonly #timers: MemberTimers
  readonly #ledger = new SyncLedger()
  readonly #reconcileMs: number
  readonly stats: MemberStats = { gossipAccepted: 0, gossipRejected: {}, digestsRefused: {}, matches: 0, errors: [] }

  constructor(options: MemberServiceOptions, components: MemberServiceComponents) {
    this.#c = components
    this.#topic = topic(options.community, 'digest')
    this.#reconcileMs = options.reconcileMs
    const { network } = components
    const onError = (message: string, err?: unknown) => this.#error(message, err)
    this.exchange = new PsiExchange(options, {
      party: components.party,
      engine: components.engine,
      network,
      isMember: components.isMember,
      openAnnouncement: async (peer, envelope) => this.#inbox.openDirect(peer, envelope),
      sync: (peer) => this.#sync.sync(peer),
      syncDue: (peer) => this.#ledger.isDue(peer),
      onMatches: (matches) => this.#emit(matches),
      onError,
    })
    const verified = new VerifiedSignatures()
    this.#inbox = this.#newInbox(options, verified, onError)
    this.#timers = new MemberTimers(
      {
        epochMs: options.epochMs,
        reconcileMs: options.reconcileMs,
        // Sightings age out of their windows: re-read our lists now and then (a list that lost a value is rebuilt).
        ...(components.engine.modes.length > 2 ? { refreshMs: options.windowRefreshMs ?? 3_600_000 } : {}),
      },
      {
        epoch: () => this.epoch,
        rotate: () => this.#publisher.rotate(),
        reconcile: () => this.#reconcileAll(),
        refresh: () => void this.localChange().catch((err: unknown) => log.debug('window refresh failed (noted)', { err })),
      },
    )
    this.#roster = new RosterRelay(options.community, { network, roster: components.roster, onError })
    this.#feed = new FeedService(options.community, {
      store: components.store,
      network,
      privateKey: components.privateKey,
      peerId: components.peerId,
      checks: { maxBytes: options.maxGossipBytes, maxSkewMs: options.maxSkewMs, isMember: components.isMember, verified },
      organizationOf: components.organizationOf,
      onError,
      onRejected: (reason) => {
        this.stats.gossipRejected[reason] = (this.stats.gossipRejected[reason] ?? 0) + 1
      },
    })
    const { privateKey, peerId, store, engine, party } = components
    this.#publisher = new Publisher(this.#topic, {
      privateKey,
      peerId,
      store,
      engine,
      party,
      network,
      exchange: this.exchange,
      feed: this.#feed,
      roster: this.#roster,
      runAll: () => this.runAll(),
      onError,
    })
    this.#sync = new MemberSync({
      network,
      exchange: this.exchange,
      inbox: this.#inbox,
      feed: this.#feed,
      roster: this.#roster,
      addressBook: components.addressBook,
      heard: (peer) => this.#ledger.heard(peer),
    })
    network.onPeerConnect((peer) => {
      traceStartup('connected')
      this.exchange.schedule(peer)
    })
  }

  /** The inbox of members' list announcements (gossip, sync and raise requests). */
  #newInbox(options: MemberServiceOptions, verified: VerifiedSignatures, onError: (message: string) => void): AnnouncementInbox {
    const checks = {
      maxBytes: options.maxGossipBytes,
      maxSkewMs: options.maxSkewMs,
      isMember: this.#c.isMember,
      lastSequence: new Map<string, number>(),
      kinds: new Set<string>(LIST_KINDS),
      verified,
    }
    const noteAnnouncement = (peer: string, announcement: ListAnnouncement) => {
      this.#ledger.heard(peer)
      this.exchange.noteAnnouncement(peer, announcement)
    }
    return new AnnouncementInbox(this.#topic, checks, {
      peerId: this.#c.peerId,
      party: this.#c.party,
      exchange: { noteAnnouncement, schedule: (peer) => this.exchange.schedule(peer) },
      epoch: () => (this.#publisher.listsOut ? this.epoch : -1),
      stats: this.stats,
      onError,
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
    this.#sync.start()
    this.#feed.start()
    this.#roster.start()
    network.subscribe(
      this.#topic,
      (peer, data) => this.#inbox.validate(peer, data),
      (_peer, data) => void this.#inbox.accept(undefined, [data]),
    )
    await network.start()
    traceStartup('listening')
    this.#starting = this.#publishAtStart()
    this.exchange.holdUntil(this.#starting)
  }

  async #publishAtStart(): Promise<void> {
    await this.#publisher.publishAtStart()
    // Every pair runs now; each starts with a sync (announcements were set aside until our lists
    // were out), which also hands our lists to members that synced with us before.
    this.runAll()
    if (!this.#stopping) await this.#timers.start()
  }

  async stop(): Promise<void> {
    this.#stopping = true
    await this.#timers.stop()
    await this.#starting
    await this.#publisher.settled()
    await this.exchange.stop()
    this.#sync.stop()
    this.#feed.stop()
    this.#roster.stop()
    this.#c.network.unsubscribe(this.#topic)
    await this.#c.network.stop()
  }

  get epoch(): number {
    return this.#c.engine.epoch
  }

  /** Our lists of the current epoch, as status and metrics show them. */
  get digestState(): DigestState | undefined {
    return this.#publisher.digestState
  }

  /**
   * Local indicators changed (an import into the running node): see Publisher.localChange.
   * Changes arriving while one waits are covered by it; a failed change is reported and never
   * blocks the next.
   */
  localChange(): Promise<void> {
    return this.#publisher.localChange()
  }

  /**
   * Announces our current lists again under new sequence numbers: the first announcement, at
   * start, reached only the members connected then (none, for a node that starts first).
   */
  reannounce(): Promise<void> {
    return this.#publisher.reannounce()
  }

  /**
   * Resolves when no local change or PSI run is running or queued (the demo's "settled"). Retries
   * waiting for a member (offline, or still raising our list) do not count: they may wait minutes.
   */
  async idle(): Promise<void> {
    await this.#starting
    await this.#publisher.settled()
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

  /** Runs the pair with every roster member (connected or not), within the PSI concurrency. */
  runAll(): void {
    for (const peer of membersAfter(this.#c.members(), this.#c.peerId)) this.exchange.schedule(peer)
  }

  /**
   * Anti-entropy: every pair re-run, and synced first with each member not heard from for a
   * reconcile period, whatever was missed; within the PSI concurrency, not 99 dials at once.
   */
  #reconcileAll(): void {
    this.#ledger.markDue(membersAfter(this.#c.members(), this.#c.peerId), this.#reconcileMs)
    this.runAll()
  }

  #emit(matches: MatchRecord[]): void {
    this.stats.matches += matches.length
    for (const match of matches) for (const listener of this.#listeners) listener(match)
  }

  /** An error for the status page and the log; a link that closed (a member or we going away) is not one. */
  #error(message: string, err?: unknown): void {
    if (err instanceof LinkClosedError) {
      log.debug('member service: link closed', { message, err })
      return
    }
    log.warn('member service error (also on the status page)', { error: safe(message) })
    this.stats.errors.push(message)
    if (this.stats.errors.length > 100) this.stats.errors.shift()
  }
}
