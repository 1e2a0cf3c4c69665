import type { PrivateKey } from '@libp2p/interface'
import type { Network } from '../net/network.ts'
import type { PsiParty } from '../psi/party.ts'
import type { Store } from '../store/store.ts'
import type { AddressBook } from './address-book.ts'
import type { MatchEngine } from './match-engine.ts'
import type { PsiExchangeOptions } from './psi-exchange.ts'
import type { RosterBook } from './roster-book.ts'

export interface MemberServiceOptions extends PsiExchangeOptions {
  community: string
  /** Epoch length: scalars rotate at each multiple of it. */
  epochMs: number
  maxGossipBytes: number
  maxSkewMs: number
  /** Every member is synced and its pair re-checked this often (anti-entropy). */
  reconcileMs: number
  /** With sighting windows: our lists are re-read this often, so expired sightings leave them (default 1 hour). */
  windowRefreshMs?: number
}

export interface MemberServiceComponents {
  store: Store
  network: Network
  engine: MatchEngine
  party: PsiParty
  privateKey: PrivateKey
  peerId: string
  isMember: (peerId: string) => boolean
  members: () => string[]
  organizationOf: (peerId: string) => string | undefined
  roster: RosterBook
  /** Members' signed addresses, exchanged on sync. */
  addressBook?: Pick<AddressBook, 'recordsFor' | 'acceptRecords'>
}

/** Counters of what the service saw, for status, the demo and metrics. */
export interface MemberStats {
  gossipAccepted: number
  gossipRejected: Record<string, number>
  /** Announcements that passed the envelope checks but were refused, by error code. */
  digestsRefused: Record<string, number>
  matches: number
  errors: string[]
}
