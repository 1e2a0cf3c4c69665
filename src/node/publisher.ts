import type { PrivateKey } from '@libp2p/interface'
import { sealEnvelope } from '../net/envelope.ts'
import type { Network } from '../net/network.ts'
import { ALL_MODES } from '../psi/enums.ts'
import { encode, Mode } from '../psi/messages.ts'
import { announcementOf } from '../psi/mutual.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { PsiParty } from '../psi/party.ts'
import { type DigestState, digestStateOf, type OwnListsOf } from './digest-state.ts'
import type { FeedService } from './feed-service.ts'
import type { MatchEngine } from './match-engine.ts'
import type { PsiExchange } from './psi-exchange.ts'
import type { RosterRelay } from './roster-relay.ts'
import { nextSequence, type SequenceStore } from './sequence.ts'
import { traceStartup } from './startup-trace.ts'

/** Announcement kind of each mode's lists: the holds lists keep their names, sighted lists name their mode. */
export function kindOf(mode: Mode): string {
  return mode === Mode.Items ? 'list-items' : mode === Mode.Count ? 'list-count' : `list-mode-${mode}`
}

/** Every kind a list announcement may carry (the digest topic's envelope check). */
export const LIST_KINDS: readonly string[] = ALL_MODES.map(kindOf)

export interface PublisherComponents {
  privateKey: PrivateKey
  peerId: string
  /** Where the sequence number of each kind is kept. */
  store: SequenceStore
  exchange: Pick<PsiExchange, 'publish' | 'envelopes' | 'ownLists' | 'retireBefore'>
  engine: Pick<
    MatchEngine,
    'publishAll' | 'publishChanges' | 'epoch' | 'epochAt' | 'modes' | 'listLabel' | 'ownSize' | 'ownSizes' | 'takeFeedEntries'
  >
  party: OwnListsOf & Pick<PsiParty, 'retireBefore'>
  network: Pick<Network, 'publish'>
  feed: Pick<FeedService, 'publish'>
  roster: Pick<RosterRelay, 'publish'>
  /** Our lists changed (a local change, a new epoch): run the pair with every member again. */
  runAll: () => void
  onError: (message: string, err: unknown) => void
}

/**
 * Publishes our lists (DESIGN section 5, "Publish"): each list is sealed into a signed
 * announcement under the next sequence number of its kind, handed to the exchange (which serves
 * it and sends it on sync) and gossiped. The publication at start, local changes, epoch
 * rotations and re-announcements run one at a time in the order asked, never interleaved; a
 * failed one is reported through onError and never blocks the next.
 */
export class Publisher {
  readonly #topic: string
  readonly #c: PublisherComponents
  /** The publications queued, one after another; never rejects (failures go to onError). */
  #changing: Promise<void> = Promise.resolve()
  /** The local change waiting for its turn: changes arriving meanwhile join it. */
  #queuedChange: Promise<void> | undefined
  #listsOut = false
  #digestState: DigestState | undefined

  /** `topic`: the community's digest topic, which our announcements are signed for and gossiped on. */
  constructor(topic: string, components: PublisherComponents) {
    this.#topic = topic
    this.#c = components
  }

  /** Our lists of the epoch are published (members' announcements wait for them). */
  get listsOut(): boolean {
    return this.#listsOut
  }

  /** Our current lists, as status and metrics show them (undefined until first published). */
  get digestState(): DigestState | undefined {
    return this.#digestState
  }

  /** Resolves when no publication runs or waits. */
  settled(): Promise<void> {
    return this.#changing
  }

  /**
   * Publishes our lists of the current epoch and gossips their announcements; resolves once they
   * are out (members' pairs wait for that alone) and never rejects. The feed and roster follow as
   * a publication of their own: the feed reads the whole store again, off the path to the first
   * matches.
   */
  publishAtStart(): Promise<void> {
    const lists = this.#enqueue('publishing our lists at start', async () => {
      const { engine } = this.#c
      await this.#publish(await engine.publishAll(engine.epochAt(Date.now())), true)
      this.#listsOut = true
      traceStartup('published')
      await this.#announceLists()
    })
    this.#enqueue('publishing our feed and roster at start', () => this.#announceOthers())
    // A failure was reported through onError by #enqueue.
    return lists.catch(() => undefined)
  }

  /**
   * Local indicators changed: the new ones go out as signed deltas (or a new generation), CLEAR
   * entries on the feed, and every member's pair runs again. A change arriving while one waits is
   * covered by it (it reads the store when it starts).
   */
  localChange(): Promise<void> {
    if (this.#queuedChange !== undefined) return this.#queuedChange
    const run = this.#enqueue('local change', async () => {
      this.#queuedChange = undefined
      await this.#publish(await this.#c.engine.publishChanges(), false)
      await this.#c.feed.publish(this.#c.engine.epoch, this.#c.engine.takeFeedEntries())
      this.#c.runAll()
    })
    this.#queuedChange = run
    return run
  }

  /**
   * Announces our current lists again under new sequence numbers: the first announcement, at
   * start, reached only the members connected then (none, for a node that starts first).
   */
  reannounce(): Promise<void> {
    return this.#enqueue('announce', () => this.#publish(this.#c.exchange.ownLists(), false))
  }

  /** At an epoch boundary: new lists, announced; everything of two epochs back forgotten. Never rejects. */
  rotate(): Promise<void> {
    this.#enqueue('epoch rotation', async () => {
      const { engine } = this.#c
      await this.#publish(await engine.publishAll(engine.epoch + 1), true)
      this.#c.party.retireBefore(engine.epoch - 1)
      this.#c.exchange.retireBefore(engine.epoch)
      await this.#announceAll()
      this.#c.runAll()
    })
    return this.#changing
  }

  /** Runs `work` after every publication queued before it; its failure is reported as `what`. */
  #enqueue(what: string, work: () => Promise<void>): Promise<void> {
    const run = this.#changing.then(work)
    this.#changing = run.catch((err: unknown) => this.#c.onError(`${what}: ${(err as Error).message}`, err))
    return run
  }

  /** Seals and keeps our new lists; gossips them unless `fresh` (a new epoch, announced whole by #announceAll). */
  async #publish(lists: readonly PublishedList[], fresh: boolean): Promise<void> {
    const { engine } = this.#c
    const entries = []
    for (const list of lists) {
      const kind = kindOf(list.mode)
      const envelope = await sealEnvelope(this.#c.privateKey, this.#c.peerId, this.#topic, {
        epoch: list.epoch,
        sequence: await nextSequence(this.#c.store, kind),
        kind,
        payload: encode('ListAnnouncement', announcementOf(list)),
      })
      entries.push({ list, envelope })
    }
    this.#c.exchange.publish(entries)
    this.#digestState = digestStateOf(this.#c.party, engine, engine.epoch, fresh ? undefined : this.#digestState)
    if (!fresh) for (const { envelope } of entries) await this.#gossip(envelope)
  }

  async #announceAll(): Promise<void> {
    await this.#announceLists()
    await this.#announceOthers()
  }

  async #announceLists(): Promise<void> {
    for (const envelope of this.#c.exchange.envelopes()) await this.#gossip(envelope)
  }

  /** Our feed (CLEAR and GREEN entries) and the signed roster we hold. */
  async #announceOthers(): Promise<void> {
    await this.#c.feed.publish(this.#c.engine.epoch, this.#c.engine.takeFeedEntries())
    await this.#c.roster.publish()
  }

  async #gossip(envelope: Uint8Array): Promise<void> {
    await this.#c.network.publish(this.#topic, envelope).catch((err: unknown) => this.#c.onError(`publish: ${(err as Error).message}`, err))
  }
}
