import type { NodeStatus, NodeView, OutboxView, PeerView, QueryAnswer, QueryMember } from '../api/node-view.ts'
import { DH_SUITE } from '../crypto/dh-suite.ts'
import { psiElement } from '../indicators/element.ts'
import { normalize } from '../indicators/normalize.ts'
import type { Tlp } from '../indicators/tlp.ts'
import type { Observable } from '../indicators/types.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import { forComponent } from '../logger.ts'
import { isCountMode, windowOf } from '../psi/messages.ts'
import type { Store } from '../store/store.ts'
import type { AddressBook } from './address-book.ts'
import type { MatchEngine } from './match-engine.ts'
import type { AskAnswer, MemberService } from './member-service.ts'
import type { MemberReadModel } from './read-model.ts'
import type { Redialer } from './redialer.ts'
import type { SourceKindRules } from './source-kinds.ts'

const log = forComponent('sightline:node')

export interface NodeViewParts {
  peerId: string
  community: string
  store: Store
  /** The member's counters and actions (see MemberReadModel). */
  model: MemberReadModel
  service: Pick<MemberService, 'digestState' | 'ask'>
  engine: Pick<MatchEngine, 'redCountsByList' | 'modes' | 'listLabel'>
  addressBook: Pick<AddressBook, 'addressesOf'>
  /** Absent when the node does not redial (simulations). */
  redialer: Pick<Redialer, 'state' | 'bootstrapErrors'> | undefined
  organizationOf: (peer: string) => string | undefined
  defaultTlp: Tlp
  warninglists: Warninglists
  sightingWindowsMs: readonly number[]
  sourceKinds: SourceKindRules
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
    sightingWindowsMs: p.sightingWindowsMs,
    sourceKinds: p.sourceKinds,
    redCounts: () => p.engine.redCountsByList().map((c) => ({ ...c, organization: p.organizationOf(c.peer) ?? null })),
    status: () => nodeStatus(p),
    peers: () => peerViews(p),
    query: (values, red) => query(p, values, red),
    readiness: () => {
      if (!p.started()) return { ready: false, reason: 'starting' }
      const writes = p.store.writeHealth()
      if (!writes.writable) return { ready: false, reason: `the store cannot write: ${writes.error}` }
      if (p.service.digestState === undefined) return { ready: false, reason: 'digests not built' }
      return { ready: true }
    },
    localChange: () => {
      p.model.localChange().catch((err: unknown) => log.debug('local change failed (the member service noted it)', { err }))
    },
    retryDeadAlerts: async (destination) => (p.outbox === undefined ? 0 : p.outbox.retryDead(destination)),
  }
}

/** The node's status: one snapshot for the page, the API and metrics, read through the member's read-model. */
async function nodeStatus(p: NodeViewParts): Promise<NodeStatus> {
  const stats = p.store.stats()
  const digest = p.service.digestState
  const m = p.model.snapshot()
  const budget = m.budgetRefusals.items + m.budgetRefusals.count
  return {
    peerId: p.peerId,
    community: p.community,
    addresses: m.addresses,
    epoch: digest?.epoch ?? null,
    digests:
      digest === undefined
        ? null
        : {
            builtAt: new Date(digest.builtAt).toISOString(),
            bytes: digest.bytes,
            items: digest.items,
            deltas: digest.deltas,
            lists: digest.lists.map(({ mode: _mode, ...list }) => list),
          },
    connectedPeers: m.connectedPeers.length,
    connections: m.connections,
    members: (await p.store.roster.all()).length,
    matches: p.store.matchCount(),
    indicators: stats.indicators as Record<string, Record<string, number>>,
    sightings: stats.sightings,
    gossip: { accepted: m.gossipAccepted, rejected: m.gossipRejected },
    digestsRefused: m.digestsRefused,
    psi: {
      suite: DH_SUITE,
      raiseRequestsSent: m.psi.raiseRequestsSent,
      listsFetched: m.psi.listsFetched,
      elementsRaised: m.psi.elementsRaised,
      budgetRefusals: m.budgetRefusals,
      refusedByMembers: m.psi.refusedByMembers,
      refusedToMembers: m.psi.refusedToMembers,
      feedReceived: m.feedReceived,
    },
    sent: m.sent,
    outbox: p.outbox?.view() ?? null,
    recentErrors: [...m.errors, ...m.networkErrors].slice(-10),
    store: p.store.writeHealth(),
    refused: {
      gossip: { ...m.gossipRejected },
      sync: { ...m.digestsRefused },
      streams: { ...m.psi.refusedToMembers, ...(budget === 0 ? {} : { budget }) },
      api: Object.fromEntries(p.apiRefused),
    },
    bootstrapErrors: (p.redialer?.bootstrapErrors() ?? []).map((e) => ({ ...e, at: iso(e.at) as string })),
  }
}

/** Every roster member with its connection and dial state. */
async function peerViews(p: NodeViewParts): Promise<PeerView[]> {
  const connected = new Set(p.model.snapshot().connectedPeers)
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
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

type Item = { input: string; item: Observable } | { input: string; error: string }

/**
 * Normalizes the values and asks every member about the valid ones, in the holds list and each
 * sighting window (per item, or with `red` only how many). Nothing is imported: analysts can ask
 * about values they do not want to hold. Says which members were asked, which answered and which
 * did not, and why.
 */
async function query(p: NodeViewParts, values: string[], red: boolean): Promise<QueryAnswer> {
  const items = values.map((input: string): Item => {
    try {
      return { input, item: normalize(input) }
    } catch (err) {
      return { input, error: (err as Error).message }
    }
  })
  const valid = items.filter((i): i is { input: string; item: Observable } => 'item' in i && !i.item.type.endsWith('-cidr'))
  const modes = p.engine.modes.filter((m) => isCountMode(m) === red)
  const answers =
    valid.length === 0
      ? []
      : await p.service.ask(
          valid.map((v) => psiElement(v.item)),
          modes,
        )
  const who = (peer: string) => ({ peer, organization: p.organizationOf(peer) ?? null })
  const answered = answers.filter((a) => a.modes.some((m) => m.error === undefined))
  const failures = answers.flatMap((a) =>
    a.modes
      .filter((m) => m.error !== undefined)
      .map((m) => ({ ...who(a.peer), list: p.engine.listLabel(m.mode), reason: m.error as string })),
  )
  return {
    red,
    lists: modes.map((m) => p.engine.listLabel(m)),
    asked: answers.map((a) => who(a.peer)),
    answered: answered.map((a) => who(a.peer)),
    unanswered: answers
      .filter((a) => !answered.includes(a))
      .map((a) => ({ ...who(a.peer), reason: a.modes.map((m) => m.error).join('; ') })),
    failures,
    counts: red
      ? answers.flatMap((a) =>
          a.modes
            .filter((m) => m.count !== undefined)
            .map((m) => ({ ...who(a.peer), list: p.engine.listLabel(m.mode), count: m.count as number })),
        )
      : [],
    values: items.map((i) => {
      if ('error' in i) return { input: i.input, error: i.error }
      const index = valid.findIndex((v) => v.input === i.input)
      const members = red || index < 0 ? [] : answers.flatMap((a) => memberAnswer(p, a, index))
      return { input: i.input, type: i.item.type, value: i.item.value, members }
    }),
  }
}

/** What one member said of one value: holds it, sighted it in which windows; nothing when neither. */
function memberAnswer(p: NodeViewParts, answer: AskAnswer, index: number): QueryMember[] {
  const holds = answer.modes.find((m) => windowOf(m.mode) === undefined)
  const sighted = answer.modes.filter((m) => windowOf(m.mode) !== undefined && m.matched?.includes(index) === true)
  const held = holds?.matched?.includes(index) === true
  if (!held && sighted.length === 0) return []
  return [
    {
      peer: answer.peer,
      organization: p.organizationOf(answer.peer) ?? null,
      holds: holds?.error === undefined ? held : null,
      sighted: sighted.map((m) => p.engine.listLabel(m.mode).replace(/^sighted /, '')),
    },
  ]
}
