import type { Tlp } from '../indicators/tlp.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import type { SourceKindRules } from '../node/source-kinds.ts'
import type { Store } from '../store/store.ts'
import type { WriteHealth } from '../store/write-health.ts'

/** Delivery state of the alert outbox. */
export interface OutboxView {
  pending: number
  dead: number
  /** ms since the epoch of the oldest pending entry, or null. */
  oldestPendingAt: number | null
  delivered: number
  failedAttempts: number
}

/** What /v1/status, /metrics and the status page show; one snapshot of a running node. */
export interface NodeStatus {
  peerId: string
  community: string
  addresses: string[]
  epoch: number | null
  digests: {
    builtAt: string
    bytes: { oprf: number; cardinality: number }
    items: { oprf: number; cardinality: number }
    deltas: number
    /** Every list we publish (holds and each sighting window): values, padded bytes, deltas. */
    lists: { list: string; count: boolean; items: number; bytes: number; deltas: number }[]
  } | null
  connectedPeers: number
  /** Open libp2p connections. */
  connections: number
  members: number
  matches: number
  indicators: Record<string, Record<string, number>>
  sightings: number
  gossip: { accepted: number; rejected: Record<string, number> }
  /** Announced digests refused after the envelope checks (oversize, hash mismatch, malformed), by reason. */
  digestsRefused: Record<string, number>
  psi: {
    suite: string
    /** Raise requests we sent members (for their tags of our lists, and analysts' questions). */
    raiseRequestsSent: number
    /** Members' lists we fetched. */
    listsFetched: number
    /** Elements of members' lists we raised with our scalar. */
    elementsRaised: number
    /** Members' lists we refused for their budget, by mode (`items`, `count`). */
    budgetRefusals: { items: number; count: number }
    /** Refusals members answered us, and we answered members, by code. */
    refusedByMembers: Record<string, number>
    refusedToMembers: Record<string, number>
    feedReceived: number
  }
  sent: Record<string, { messages: number; bytes: number }>
  outbox: OutboxView | null
  recentErrors: string[]
  /**
   * Everything refused, by path and reason: gossip messages, announcements handed over in a sync,
   * PSI stream requests of members (and lists refused for their budget), API requests (by code).
   */
  refused: { gossip: Record<string, number>; sync: Record<string, number>; streams: Record<string, number>; api: Record<string, number> }
  /** Whether the store can write (false after a failed write until it reopens and writes again). */
  store: WriteHealth
  /** Bootstrap addresses whose last dial failed (retried with backoff until reached). */
  bootstrapErrors: { address: string; error: string; at: string }[]
}

export interface PeerView {
  peerId: string
  organization: string
  connected: boolean
  source: 'local' | 'signed'
  /** When a connection to the member last opened or closed (ISO 8601), null if never since start. */
  lastSeen: string | null
  /** Why the last dial failed, null after a success. */
  lastError: string | null
  /** When the next dial is due (ISO 8601), null while connected or when the node does not redial. */
  nextAttemptAt: string | null
  /** Last known multiaddrs of the member (signed ones first). */
  addresses: string[]
}

/** What one member said of one value: `holds` null when its holds list did not answer. */
export interface QueryMember {
  peer: string
  organization: string | null
  holds: boolean | null
  /** Sighting windows (`7d`) in which it sighted the value. */
  sighted: string[]
}

/** The answer to an analyst's question (`sightline query`, POST /v1/query). */
export interface QueryAnswer {
  /** Count only (TLP:RED): `counts` instead of per-value members. */
  red: boolean
  /** The lists asked: `holds`, `sighted 7d`, ... */
  lists: string[]
  asked: { peer: string; organization: string | null }[]
  /** Members that answered at least one list. */
  answered: { peer: string; organization: string | null }[]
  /** Members that answered none, and why. */
  unanswered: { peer: string; organization: string | null; reason: string }[]
  /** Every list a member did not answer, and why (also of members that answered others). */
  failures: { peer: string; organization: string | null; list: string; reason: string }[]
  /** RED: how many of the values each member holds or sighted, per list. */
  counts: { peer: string; organization: string | null; list: string; count: number }[]
  values: ({ input: string; error: string } | { input: string; type: string; value: string; members: QueryMember[] })[]
}

/**
 * The node as the HTTP API sees it: the API depends on this small interface, never on the
 * node's parts, and tests can serve a stub of it.
 */
export interface NodeView {
  peerId: string
  community: string
  store: Store
  defaultTlp: Tlp
  warninglists: Warninglists
  /** Sighting windows (ms) and the config's source kinds, for the analyst's pages. */
  sightingWindowsMs: readonly number[]
  sourceKinds: SourceKindRules
  /** RED counts learned from members, per member and list (`holds`, `sighted 7d`). */
  redCounts(): { peer: string; organization: string | null; list: string; count: number }[]
  status(): Promise<NodeStatus>
  peers(): Promise<PeerView[]>
  /** Asks connected members now (OPRF, or counts only with `red`). */
  query(values: string[], red: boolean): Promise<QueryAnswer>
  /** Ready to serve: store open, digests built, network started. */
  readiness(): { ready: boolean; reason?: string }
  /** Local indicators changed (an import through the API): update digests and query members. */
  localChange(): void
  /** Puts dead-lettered alerts (of one destination, or all) back to pending; returns how many. */
  retryDeadAlerts(destination?: string): Promise<number>
}
