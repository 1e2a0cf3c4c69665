import type { Network } from '../net/network.ts'
import type { ListAnnouncement } from '../psi/messages.ts'
import type { PsiParty } from '../psi/party.ts'
import type { MatchRecord } from '../store/repositories.ts'
import type { MatchEngine } from './match-engine.ts'
import type { QueueClock, WorkQueueOptions } from './work-queue.ts'

export interface PsiExchangeOptions extends WorkQueueOptions {
  maxMessageBytes: number
  /** Largest list fetched from a member, in bytes. */
  maxListBytes: number
  /** How long a raise request waits for us to raise the asker's list before answering "pending". */
  pendingWaitMs: number
}

export interface PsiExchangeComponents {
  party: PsiParty
  engine: MatchEngine
  network: Pick<Network, 'request' | 'handle' | 'unhandle' | 'isConnected'>
  isMember: (peer: string) => boolean
  /** Verifies a member's signed announcement of a list (envelope bytes) and returns what it says. */
  openAnnouncement: (peer: string, envelope: Uint8Array) => Promise<ListAnnouncement>
  /** Brings the member's current announcements (the sync stream); run when none or `syncDue`. */
  sync: (peer: string) => Promise<void>
  syncDue?: (peer: string) => boolean
  onMatches: (matches: MatchRecord[]) => void
  onError: (message: string, err: unknown) => void
  clock?: QueueClock
}

/** Counters for status and metrics. */
export interface ExchangeStats {
  raiseRequestsSent: number
  listsFetched: number
  /** Refusals by code that members answered us, and that we answered members. */
  refusedByMembers: Record<string, number>
  refusedToMembers: Record<string, number>
  /** Member runs that failed and will be retried. */
  retries: number
}
