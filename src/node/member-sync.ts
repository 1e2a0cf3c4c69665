import type { Network } from '../net/network.ts'
import { PROTOCOLS } from '../net/options.ts'
import { decodeSync, encodeSync, type Sync } from '../net/sync-message.ts'
import type { AddressBook } from './address-book.ts'
import type { AnnouncementInbox } from './announcement-inbox.ts'
import type { FeedService } from './feed-service.ts'
import type { PsiExchange } from './psi-exchange.ts'
import type { RosterRelay } from './roster-relay.ts'

export interface MemberSyncComponents {
  network: Pick<Network, 'handle' | 'unhandle' | 'request'>
  exchange: Pick<PsiExchange, 'envelopes' | 'schedule'>
  inbox: Pick<AnnouncementInbox, 'accept'>
  feed: Pick<FeedService, 'batches' | 'accept'>
  roster: Pick<RosterRelay, 'current' | 'accept'>
  /** Members' signed addresses, exchanged on sync. */
  addressBook?: Pick<AddressBook, 'recordsFor' | 'acceptRecords'> | undefined
  /** We have the member's current announcements (see SyncLedger). */
  heard: (peer: string) => void
}

/**
 * The sync protocol: two members hand each other what they hold, whichever asked: our signed
 * list announcements, feed batches, the newest signed roster and members' peer records. A pair
 * run asks when it lacks the member's announcements (or the reconcile found it due); the member
 * asked runs the pair with us after accepting.
 */
export class MemberSync {
  readonly #c: MemberSyncComponents

  constructor(components: MemberSyncComponents) {
    this.#c = components
  }

  /** Registers the protocol handler; call before the network starts. */
  start(): void {
    this.#c.network.handle(PROTOCOLS.sync, async (peer, bytes) => {
      await this.#accept(peer, decodeSync(bytes))
      this.#c.exchange.schedule(peer)
      return encodeSync(this.#messageFor(peer))
    })
  }

  stop(): void {
    this.#c.network.unhandle(PROTOCOLS.sync)
  }

  /** Syncs with `peer`: sends ours and accepts its reply. */
  async sync(peer: string): Promise<void> {
    const reply = decodeSync(await this.#c.network.request(peer, PROTOCOLS.sync, encodeSync(this.#messageFor(peer))))
    this.#c.heard(peer)
    await this.#accept(peer, reply)
  }

  #messageFor(peer: string): Sync {
    const roster = this.#c.roster.current()
    const peerRecords = this.#c.addressBook?.recordsFor(peer) ?? []
    return { envelopes: this.#c.exchange.envelopes(), feed: this.#c.feed.batches, peerRecords, ...(roster === undefined ? {} : { roster }) }
  }

  /** What a member sent on sync, asked or answering: its announcements, feed, roster and addresses. */
  async #accept(peer: string, sync: Sync): Promise<void> {
    await this.#c.inbox.accept(peer, sync.envelopes)
    await this.#c.feed.accept(peer, sync.feed)
    await this.#c.roster.accept(sync.roster)
    await this.#c.addressBook?.acceptRecords(sync.peerRecords ?? [])
  }
}
