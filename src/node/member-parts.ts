import type { DhEngine } from '../crypto/dh-engine.ts'
import { DhPool } from '../crypto/dh-pool.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import { errorSummary, forComponent, safe } from '../logger.ts'
import { Network } from '../net/network.ts'
import { DEFAULT_NETWORK_OPTIONS, type NetworkOptions } from '../net/options.ts'
import type { BudgetEntry } from '../psi/budgets.ts'
import { DEFAULT_PSI_OPTIONS } from '../psi/options.ts'
import { PsiParty } from '../psi/party.ts'
import type { Store } from '../store/store.ts'
import { AddressBook } from './address-book.ts'
import { AddressExchange } from './address-exchange.ts'
import { DEFAULT_OUTBOX_OPTIONS } from './alert-options.ts'
import { alertDestinations } from './alert-sinks/from-config.ts'
import { ConnectionReaper, DEFAULT_CONNECTION_REAPER_OPTIONS } from './connection-reaper.ts'
import type { Identity } from './identity.ts'
import { MatchEngine } from './match-engine.ts'
import { MemberService } from './member-service.ts'
import { meshKeeper } from './mesh.ts'
import type { NetworkFeatures } from './node.ts'
import type { NodeConfig } from './options.ts'
import { Outbox } from './outbox.ts'
import { DEFAULT_REDIAL_OPTIONS } from './redial-options.ts'
import { Redialer } from './redialer.ts'
import type { RosterBook } from './roster-book.ts'
import type { Startable } from './startable.ts'
import { WireAudit } from './wire-audit.ts'

const log = forComponent('sightline:node')

/** A member's budget spending that did not reach the disk: a restart would forget it. */
const budgetNotPersisted = (entry: BudgetEntry) => (err: unknown) =>
  log.warn('budget spending not persisted', { peer: safe(entry.peer), mode: entry.mode, error: errorSummary(err) })

/** The parts that exist only when the node joins its community. */
export interface Member {
  network: Network
  service: MemberService
  engine: MatchEngine
  party: PsiParty
  audit: WireAudit | undefined
  addressBook: AddressBook
  redialer: Redialer | undefined
  /** Closes idle on-demand connections (when the node keeps a mesh smaller than the roster). */
  reaper: ConnectionReaper | undefined
  /** Application payloads sent, by protocol or topic. */
  sent: Map<string, { messages: number; bytes: number }>
}

const WEEK_MS = 7 * 24 * 3600 * 1000

function budgetKey(entry: BudgetEntry): string {
  return `budget/${entry.epoch}/${entry.mode}/${entry.peer}`
}

/** What the member parts are built from: the node's own parts and settings. */
export interface MemberContext {
  config: NodeConfig
  identity: Identity
  warninglists: Warninglists
  seed: Uint8Array
  features: NetworkFeatures
  store: Store
  roster: RosterBook
}

/** The member parts in start order, and what the HTTP API reads of them. */
export interface BuiltMember {
  member: Member
  parts: Startable[]
  outbox: Outbox
  /** Errors of the network parts outside the member service (address book). */
  errors: string[]
  sightingWindowsMs: readonly number[]
}

/** Builds and wires the parts of a node that joins its community (libp2p, PSI, match engine, alerts). */
export function buildMember(c: MemberContext): BuiltMember {
  const { identity, features, store, roster } = c
  const options = { ...DEFAULT_NETWORK_OPTIONS, ...features }
  const pool: DhEngine = features.dhEngine ?? new DhPool(features.workers === undefined ? {} : { size: features.workers })
  const audit = features.auditWire === undefined ? undefined : new WireAudit(features.auditWire)
  const isMember = (peer: string) => roster.isMember(peer)
  const sent = new Map<string, { messages: number; bytes: number }>()
  const errors: string[] = []
  const noteError = (message: string) => {
    log.warn('node error (also on the status page)', { error: safe(message) })
    errors.push(message)
    if (errors.length > 100) errors.shift()
  }
  const redial = features.redial ?? features.memoryStore !== true
  const onDemand = features.dialOnDemand ?? redial
  const sparse = meshOf(c)
  const keepOpen = sparse ?? (() => true)
  const addressBook = new AddressBook({
    addresses: store.addresses,
    privateKey: identity.privateKey,
    peerId: identity.peerId,
    isMember,
    onError: noteError,
  })
  const network = new Network(options, {
    privateKey: identity.privateKey,
    isMember,
    ...(onDemand ? { dialOnDemand: (peer: string, signal: AbortSignal) => (redialer as Redialer).dialNow(peer, signal) } : {}),
    ...(sparse === undefined ? {} : { gossipWith: sparse }),
    ...(features.encrypter === undefined ? {} : { encrypter: features.encrypter }),
    onSend: (peer, protocol, bytes) => {
      const counter = sent.get(protocol) ?? { messages: 0, bytes: 0 }
      counter.messages++
      counter.bytes += bytes.length
      sent.set(protocol, counter)
      audit?.record(peer, protocol, bytes)
    },
  })
  const { outbox, psi, party, engine, service, budgets } = matchingParts(c, { network, addressBook, pool, isMember, options })
  const { redialer, reaper, addressExchange } = dialingParts(c, {
    network,
    addressBook,
    isMember,
    noteError,
    options,
    redial,
    onDemand,
    sparse: sparse !== undefined,
    keepOpen,
  })
  const workers: Startable = { start: async () => {}, stop: () => pool.close() }
  const auditPart: Startable = { start: async () => {}, stop: async () => audit?.close() }
  service.onMatch(() => outbox.notify())
  // Our signed record names the addresses the network really has (announce, or listen with the chosen port).
  // ...and identify sends that record as it is, instead of sealing a new one per connection.
  const ownRecord: Startable = {
    start: () => addressBook.sealOwn(network.addresses).then((r) => network.setOwnPeerRecord(r)),
    stop: async () => {},
  }
  const parts: Startable[] = [
    addressBook,
    auditPart,
    workers,
    budgets,
    outbox,
    // Protocol handlers are registered before the service starts the network.
    addressExchange,
    service,
    ownRecord,
    ...(redialer === undefined ? [] : [redialer]),
    ...(reaper === undefined ? [] : [reaper]),
  ]
  return {
    member: { network, service, engine, party, audit, addressBook, redialer, reaper, sent },
    parts,
    outbox,
    errors,
    sightingWindowsMs: psi.sightingWindowsMs,
  }
}

/** Outbox, PSI party, match engine, member service, and the budgets they restore at start. */
function matchingParts(
  c: MemberContext,
  p: { network: Network; addressBook: AddressBook; pool: DhEngine; isMember: (peer: string) => boolean; options: NetworkOptions },
) {
  const { config, identity, warninglists, seed, features, store, roster } = c
  const { network, addressBook, pool, isMember, options } = p
  const epochMs = features.epochMs ?? WEEK_MS
  // Alerts of new matches are written with the match (outbox.alertsFor) and delivered from the
  // store; the outbox exists even with no destinations, to dead-letter entries of removed ones.
  const outbox = new Outbox(
    { ...DEFAULT_OUTBOX_OPTIONS, ...(config.alerts?.maxAttempts === undefined ? {} : { maxAttempts: config.alerts.maxAttempts }) },
    { store: store, destinations: alertDestinations(config.alerts), log: (m) => log.warn('alert outbox', { detail: safe(m) }) },
  )
  const psi = { ...DEFAULT_PSI_OPTIONS, sightingWindowsMs: config.sightingWindowsMs, ...features.psi, community: config.community }
  const party = new PsiParty(identity.peerId, psi, {
    engine: pool,
    seed,
    // Budgets outlive restarts: a member cannot reset them by waiting for ours.
    persistBudget: (entry) => void store.state.put(budgetKey(entry), entry).catch(budgetNotPersisted(entry)),
  })
  const engine = new MatchEngine(
    {
      epochMs,
      contextInPsi: config.contextInPsi,
      sightingWindowsMs: psi.sightingWindowsMs,
      sourceKinds: config.sourceKinds,
      alertPolicy: config.alertPolicy,
    },
    {
      store,
      party,
      organizationOf: (peer) => roster.organizationOf(peer),
      alertsFor: outbox.alertsFor,
      warninglisted: (item) => warninglists.match(item) !== undefined,
    },
  )
  const service = new MemberService(
    {
      community: config.community,
      epochMs,
      maxGossipBytes: options.maxGossipBytes,
      maxMessageBytes: options.maxMessageBytes,
      maxSkewMs: options.maxSkewMs,
      maxListBytes: psi.maxListPoints * 32,
      pendingWaitMs: 5_000,
      concurrency: features.psiConcurrency ?? config.psiConcurrency ?? 4,
      baseDelayMs: 500,
      maxDelayMs: 120_000,
      reconcileMs: features.reconcileMs ?? 120_000,
    },
    {
      store,
      network,
      engine,
      party,
      privateKey: identity.privateKey,
      peerId: identity.peerId,
      isMember,
      members: () => roster.members(),
      organizationOf: (p) => roster.organizationOf(p),
      roster,
      addressBook,
    },
  )
  const budgets: Startable = {
    start: async () => {
      const entries: BudgetEntry[] = []
      for (const [, value] of await store.state.range({ gte: 'budget/', lt: 'budget0' })) entries.push(value as BudgetEntry)
      party.budgets.restore(entries)
    },
    stop: async () => {},
  }
  return { outbox, psi, party, engine, service, budgets }
}

/** Address exchange, the redialer and the reaper of idle on-demand connections. */
function dialingParts(
  c: MemberContext,
  p: {
    network: Network
    addressBook: AddressBook
    isMember: (peer: string) => boolean
    noteError: (message: string) => void
    options: NetworkOptions
    redial: boolean
    onDemand: boolean
    /** The node keeps a mesh smaller than the roster (idle on-demand links are closed). */
    sparse: boolean
    keepOpen: (peer: string) => boolean
  },
) {
  const { identity, features, roster } = c
  const { network, addressBook, isMember, noteError, options, redial, onDemand, sparse, keepOpen } = p
  network.onPeerIdentify(({ peer, peerRecord, listenAddresses }) => {
    addressBook
      .acceptRecords(peerRecord === undefined ? [] : [peerRecord])
      .then(() => addressBook.learn(peer, listenAddresses))
      .catch((err: Error) => noteError(`address book: ${err.message}`))
  })
  const exchange = new AddressExchange({ network, book: addressBook, isMember, onError: noteError })
  const redialer =
    redial || onDemand
      ? new Redialer(
          { ...DEFAULT_REDIAL_OPTIONS, ...features.redialOptions, bootstrap: options.bootstrap },
          {
            network,
            members: () => roster.members().filter((peer) => peer !== identity.peerId),
            // Without the redial loop (simulations) the redialer only serves on-demand dials.
            keep: (peer) => redial && keepOpen(peer),
            addressesOf: (peer) => addressBook.addressesOf(peer),
            learn: (peer, addresses) => addressBook.learn(peer, addresses),
            dialFailed: (peer) => exchange.refresh(peer),
            warn: (message) => log.warn('redial', { detail: safe(message) }),
          },
        )
      : undefined
  const reaper =
    onDemand && sparse
      ? new ConnectionReaper(
          {
            ...DEFAULT_CONNECTION_REAPER_OPTIONS,
            ...(features.idleCloseMs === undefined ? {} : { idleCloseMs: features.idleCloseMs }),
          },
          { network, keep: keepOpen, onError: noteError },
        )
      : undefined
  return { redialer, reaper, addressExchange: exchange }
}

/** Which members to stay connected to: the simulator's `meshPeers`, else config `meshDegree` (mesh.ts); undefined: all. */
function meshOf(c: MemberContext): ((peer: string) => boolean) | undefined {
  const { features, config, roster, identity } = c
  if (features.meshPeers !== undefined) {
    const mesh = new Set(features.meshPeers)
    return (peer) => mesh.has(peer)
  }
  const degree = config.meshDegree
  return degree === undefined ? undefined : meshKeeper(() => roster.members(), identity.peerId, degree)
}
