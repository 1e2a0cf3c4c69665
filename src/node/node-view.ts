import type { NodeStatus, NodeView, OutboxView, PeerView, QueryAnswer } from '../api/node-view.ts'
import { DH_SUITE } from '../crypto/dh-suite.ts'
import { psiElement } from '../indicators/element.ts'
import { normalize } from '../indicators/normalize.ts'
import type { Tlp } from '../indicators/tlp.ts'
import type { Observable } from '../indicators/types.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import type { Network } from '../net/network.ts'
import { Mode } from '../psi/messages.ts'
import type { PsiParty } from '../psi/party.ts'
import type { Store } from '../store/store.ts'
import type { AddressBook } from './address-book.ts'
import type { MemberService } from './member-service.ts'
import type { Redialer } from './redialer.ts'

export interface NodeViewParts {
  peerId: string
  community: string
  store: Store
  network: Network
  service: MemberService
  party: PsiParty
  addressBook: Pick<AddressBook, 'addressesOf'>
  /** Absent when the node does not redial (simulations). */
  redialer: Pick<Redialer, 'state' | 'bootstrapErrors'> | undefined
  /** Errors of the network parts outside the member service (address book). */
  errors: string[]
  organizationOf: (peer: string) => string | undefined
  defaultTlp: Tlp
  warninglists: Warninglists
  /** Application payloads sent, by protocol or topic. */
  sent: Map<string, { messages: number; bytes: number }>
  /** API requests refused (4xx), by error code. */
  apiRefused: Map<string, number>
  outbox: { view: () => OutboxView; retryDead: (destination?: string) => Promise<number> } | undefined
  /** True once every part of the node has started. */
  started: () => boolean
}

/** The running member node as the HTTP API sees it (see NodeView). */
export function memberNodeView(p: NodeViewParts): NodeView {
  return {
    peerId: p.peerId,
    community: p.community,
    store: p.store,
    defaultTlp: p.defaultTlp,
    warninglists: p.warninglists,
    status: async (): Promise<NodeStatus> => {
      const stats = p.store.stats()
      const digest = p.service.digestState
      return {
        peerId: p.peerId,
        community: p.community,
        addresses: p.network.addresses,
        epoch: digest?.epoch ?? null,
        digests:
          digest === undefined
            ? null
            : { builtAt: new Date(digest.builtAt).toISOString(), bytes: digest.bytes, items: digest.items, deltas: digest.deltas },
        connectedPeers: p.network.connectedPeers().length,
        connections: p.network.connectionCount(),
        members: (await p.store.roster.all()).length,
        matches: p.store.lastSeq('matches'),
        indicators: stats.indicators as Record<string, Record<string, number>>,
        sightings: stats.sightings,
        gossip: { accepted: p.service.stats.gossipAccepted, rejected: { ...p.service.stats.gossipRejected } },
        digestsRefused: { ...p.service.stats.digestsRefused },
        psi: {
          suite: DH_SUITE,
          raiseRequestsSent: p.service.exchange.stats.raiseRequestsSent,
          listsFetched: p.service.exchange.stats.listsFetched,
          elementsRaised: p.party.elementsRaised,
          budgetRefusals: { items: p.party.budgets.refusals[Mode.Items], count: p.party.budgets.refusals[Mode.Count] },
          refusedByMembers: { ...p.service.exchange.stats.refusedByMembers },
          refusedToMembers: { ...p.service.exchange.stats.refusedToMembers },
          feedReceived: p.service.feedReceived,
        },
        sent: Object.fromEntries(p.sent),
        outbox: p.outbox?.view() ?? null,
        recentErrors: [...p.service.stats.errors, ...p.errors].slice(-10),
        store: p.store.writeHealth(),
        refused: {
          gossip: { ...p.service.stats.gossipRejected },
          sync: { ...p.service.stats.digestsRefused },
          streams: {
            ...p.service.exchange.stats.refusedToMembers,
            ...(p.party.budgets.refusals[Mode.Items] + p.party.budgets.refusals[Mode.Count] === 0
              ? {}
              : { budget: p.party.budgets.refusals[Mode.Items] + p.party.budgets.refusals[Mode.Count] }),
          },
          api: Object.fromEntries(p.apiRefused),
        },
        bootstrapErrors: (p.redialer?.bootstrapErrors() ?? []).map((e) => ({ ...e, at: iso(e.at) as string })),
      }
    },
    peers: async (): Promise<PeerView[]> => {
      const connected = new Set(p.network.connectedPeers())
      return (await p.store.roster.all()).map((entry) => {
        const dial = p.redialer?.state(entry.peerId)
        return {
          peerId: entry.peerId,
          organization: entry.organization,
          connected: connected.has(entry.peerId),
          source: entry.source,
          lastSeen: iso(dial?.lastSeen ?? null),
          lastError: dial?.lastError ?? null,
          nextAttemptAt: connected.has(entry.peerId) ? null : iso(dial?.nextAttemptAt ?? null),
          addresses: p.addressBook.addressesOf(entry.peerId),
        }
      })
    },
    query: (values, red) => query(p, values, red),
    readiness: () => {
      if (!p.started()) return { ready: false, reason: 'starting' }
      const writes = p.store.writeHealth()
      if (!writes.writable) return { ready: false, reason: `the store cannot write: ${writes.error}` }
      if (p.service.digestState === undefined) return { ready: false, reason: 'digests not built' }
      return { ready: true }
    },
    localChange: () => {
      p.service.localChange().catch(() => undefined)
    },
    retryDeadAlerts: async (destination) => (p.outbox === undefined ? 0 : p.outbox.retryDead(destination)),
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

type Item = { input: string; item: Observable } | { input: string; error: string }

/** Normalizes the values and asks connected members about the valid ones. */
async function query(p: NodeViewParts, values: string[], red: boolean): Promise<QueryAnswer> {
  const items = values.map((input: string): Item => {
    try {
      return { input, item: normalize(input) }
    } catch (err) {
      return { input, error: (err as Error).message }
    }
  })
  const valid = items.filter((i): i is { input: string; item: Observable } => 'item' in i && !i.item.type.endsWith('-cidr'))
  const mode = red ? Mode.Count : Mode.Items
  const answers =
    valid.length === 0
      ? []
      : await p.service.ask(
          valid.map((v) => psiElement(v.item)),
          mode,
        )
  if (mode === Mode.Count) {
    return {
      mode: 'cardinality',
      values: items.map((i) => ('error' in i ? { input: i.input, error: i.error } : { input: i.input, ...i.item })),
      peers: answers.map((a) => ({ peer: a.peer, organization: p.organizationOf(a.peer), count: a.count, error: a.error })),
    }
  }
  return {
    mode: 'oprf',
    values: items.map((i) => {
      if ('error' in i) return { input: i.input, error: i.error }
      const index = valid.findIndex((v) => v.input === i.input)
      const holders =
        index < 0
          ? []
          : answers.filter((a) => a.matched?.includes(index)).map((a) => ({ peer: a.peer, organization: p.organizationOf(a.peer) }))
      return { input: i.input, ...i.item, holders }
    }),
    errors: answers.filter((a) => a.error !== undefined).map((a) => ({ peer: a.peer, error: a.error })),
    asked: answers.map((a) => ({ peer: a.peer, organization: p.organizationOf(a.peer), answered: a.error === undefined })),
  }
}
