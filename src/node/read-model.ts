import type { Network } from '../net/network.ts'
import type { Budgets } from '../psi/budgets.ts'
import { Mode } from '../psi/messages.ts'
import type { MatchRecord } from '../store/repositories.ts'
import type { AddressBook } from './address-book.ts'
import type { ConnectionReaper } from './connection-reaper.ts'
import type { MatchEngine } from './match-engine.ts'
import type { MemberService } from './member-service.ts'
import type { PsiExchange } from './psi-exchange.ts'

/** Payloads sent on one protocol or topic. */
export interface SentCounter {
  messages: number
  bytes: number
}

/**
 * What a member node has counted, copied at one moment: the one read of the node's counters for
 * the status page, the API, metrics, the simulator and the demo.
 */
export interface MemberSnapshot {
  addresses: string[]
  connectedPeers: string[]
  connections: number
  gossipAccepted: number
  /** Gossip refused by the topic validators, by reason (the error class of the failed check). */
  gossipRejected: Record<string, number>
  /** Announcements that passed the envelope checks but were refused, by error code. */
  digestsRefused: Record<string, number>
  /** Connections the roster gater refused, by stage. */
  gaterRefusals: Record<string, number>
  /** Lists and questions of members refused over their budget, by mode. */
  budgetRefusals: { items: number; count: number }
  /** Errors of the member service (PSI, announcements, feed, roster relay), oldest first. */
  errors: string[]
  /** Errors of the network parts outside the member service (address book), oldest first. */
  networkErrors: string[]
  feedReceived: number
  psi: {
    raiseRequestsSent: number
    listsFetched: number
    elementsRaised: number
    refusedByMembers: Record<string, number>
    refusedToMembers: Record<string, number>
  }
  /** Application payloads sent, by protocol or topic. */
  sent: Record<string, SentCounter>
  /** RED counts of the holds list by member. */
  redCounts: Map<string, number>
  /** RED counts by member and list. */
  redCountsByList: { peer: string; list: string; count: number }[]
  /** Connections closed after they sat idle. */
  idleClosed: number
}

/** What the read-model reads and drives: the member parts (see Member), narrowed to what it uses. */
export interface ReadModelComponents {
  network: Pick<Network, 'addresses' | 'connectedPeers' | 'connectionCount' | 'gaterRefusals' | 'dial' | 'hangUp' | 'setUnreachable'>
  service: Pick<MemberService, 'stats' | 'feedReceived' | 'idle' | 'runAll' | 'reannounce' | 'localChange' | 'onMatch'> & {
    exchange: Pick<PsiExchange, 'stats' | 'settled' | 'state'>
  }
  party: { budgets: Pick<Budgets, 'refusals'>; elementsRaised: number }
  engine: Pick<MatchEngine, 'redCounts' | 'redCountsByList'>
  addressBook: Pick<AddressBook, 'learn'>
  reaper: Pick<ConnectionReaper, 'closed'> | undefined
  sent: ReadonlyMap<string, SentCounter>
}

/**
 * The running member node as every reader outside src/node sees it: one typed snapshot of its
 * counters, and the few actions the simulator, the demo and the CLI take on it. The parts
 * themselves stay inside src/node.
 */
export class MemberReadModel {
  readonly #m: ReadModelComponents
  readonly #networkErrors: string[]

  constructor(member: ReadModelComponents, networkErrors: string[]) {
    this.#m = member
    this.#networkErrors = networkErrors
  }

  snapshot(): MemberSnapshot {
    const { network, service, party, engine, reaper, sent } = this.#m
    const { refusals } = party.budgets
    const exchange = service.exchange.stats
    return {
      addresses: [...network.addresses],
      connectedPeers: network.connectedPeers(),
      connections: network.connectionCount(),
      gossipAccepted: service.stats.gossipAccepted,
      gossipRejected: { ...service.stats.gossipRejected },
      digestsRefused: { ...service.stats.digestsRefused },
      gaterRefusals: { ...network.gaterRefusals },
      budgetRefusals: { items: refusals[Mode.Items], count: refusals[Mode.Count] },
      errors: [...service.stats.errors],
      networkErrors: [...this.#networkErrors],
      feedReceived: service.feedReceived,
      psi: {
        raiseRequestsSent: exchange.raiseRequestsSent,
        listsFetched: exchange.listsFetched,
        elementsRaised: party.elementsRaised,
        refusedByMembers: { ...exchange.refusedByMembers },
        refusedToMembers: { ...exchange.refusedToMembers },
      },
      sent: Object.fromEntries([...sent].map(([protocol, c]) => [protocol, { ...c }])),
      redCounts: engine.redCounts(),
      redCountsByList: engine.redCountsByList(),
      idleClosed: reaper?.closed ?? 0,
    }
  }

  /** The listen addresses of the node (with its peer id). */
  get addresses(): string[] {
    return this.#m.network.addresses
  }

  /** Resolves when our lists are out and no PSI pair runs or waits; pending retries do not count. */
  settled(): Promise<void> {
    return this.#m.service.exchange.settled()
  }

  /** Resolves when nothing runs, waits or waits for a retry (see MemberService.idle). */
  idle(): Promise<void> {
    return this.#m.service.idle()
  }

  /** True when the pair with `peer` waits for a retry. */
  retryPending(peer: string): boolean {
    return this.#m.service.exchange.state(peer)?.nextAttemptAt !== undefined
  }

  /** Runs the pair with every member now. */
  runAll(): void {
    this.#m.service.runAll()
  }

  /** Publishes our current announcements again. */
  reannounce(): Promise<void> {
    return this.#m.service.reannounce()
  }

  /** Our indicators changed: rebuild and publish our lists, then run the pairs. */
  localChange(): Promise<void> {
    return this.#m.service.localChange()
  }

  onMatch(listener: (match: MatchRecord) => void): void {
    this.#m.service.onMatch(listener)
  }

  dial(address: string): Promise<void> {
    return this.#m.network.dial(address)
  }

  hangUp(peer: string): Promise<void> {
    return this.#m.network.hangUp(peer)
  }

  setUnreachable(peers: readonly string[]): Promise<void> {
    return this.#m.network.setUnreachable(peers)
  }

  /** Notes addresses of a member (the simulator's stand-in for address exchange). */
  learnAddresses(peer: string, addresses: readonly string[]): Promise<void> {
    return this.#m.addressBook.learn(peer, addresses)
  }
}
