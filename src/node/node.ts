import { rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { analystPagesPlugin } from '../api/analyst-pages.ts'
import { MatchExplorer } from '../api/match-explorer.ts'
import { Metrics } from '../api/metrics.ts'
import { openApiPlugin } from '../api/openapi.ts'
import { restPlugin } from '../api/rest.ts'
import { DEFAULT_MAX_BODY_BYTES, HttpApi } from '../api/server.ts'
import { statusPagePlugin } from '../api/status-page.ts'
import { taxiiPlugin } from '../api/taxii/routes.ts'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { DhPool } from '../crypto/dh-pool.ts'
import { Warninglists } from '../indicators/warninglist.ts'
import { Network, type NetworkComponents } from '../net/network.ts'
import { DEFAULT_NETWORK_OPTIONS, type NetworkOptions } from '../net/options.ts'
import type { BudgetEntry } from '../psi/budgets.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../psi/options.ts'
import { PsiParty } from '../psi/party.ts'
import { Store } from '../store/store.ts'
import { AddressBook } from './address-book.ts'
import { AddressExchange } from './address-exchange.ts'
import { DEFAULT_OUTBOX_OPTIONS } from './alert-options.ts'
import { alertDestinations } from './alert-sinks/from-config.ts'
import { ConnectionReaper, DEFAULT_CONNECTION_REAPER_OPTIONS } from './connection-reaper.ts'
import { loadDataDirIdentity, warninglistFiles } from './data-dir.ts'
import type { Identity } from './identity.ts'
import { MatchEngine } from './match-engine.ts'
import { MemberService } from './member-service.ts'
import { memberNodeView } from './node-view.ts'
import { DATA_FILES, type NodeConfig } from './options.ts'
import { Outbox } from './outbox.ts'
import { DEFAULT_REDIAL_OPTIONS, type RedialOptions } from './redial-options.ts'
import { Redialer } from './redialer.ts'
import { RosterBook } from './roster-book.ts'
import { loadOrCreateSeed } from './secrets.ts'
import type { Startable } from './startable.ts'
import { WireAudit } from './wire-audit.ts'

export interface NetworkFeatures extends Partial<NetworkOptions> {
  /** Control API port on 127.0.0.1 (default 0: any free port, written to <data-dir>/api.json). */
  apiPort?: number
  /** Control API bearer token (the data directory's api-token). */
  apiToken?: string
  /** Append every outbound payload to this file (see WireAudit). */
  auditWire?: string
  /** Epoch length in ms (default 7 days). */
  epochMs?: number
  /** Worker threads for X25519 work (default: one per core). */
  workers?: number
  /** PSI settings (budgets, list limits) over DEFAULT_PSI_OPTIONS. */
  psi?: Partial<PsiOptions>
  /** Keep the database in memory, nothing on disk (simulations). */
  memoryStore?: boolean
  /** X25519 batch work: this engine instead of a worker pool of its own (simulations); closed with the node. */
  dhEngine?: DhEngine
  /** PSI runs with members at once (default 4). */
  psiConcurrency?: number
  /** Every member is synced and re-checked this often (default 2 minutes). */
  reconcileMs?: number
  /**
   * Keep dialing every member not connected (default true, except for in-memory simulation nodes,
   * whose links the simulator drives).
   */
  redial?: boolean
  /** A request to a member not connected dials it first (default: as `redial`). */
  dialOnDemand?: boolean
  /**
   * The members to stay connected to (the gossip mesh); connections to the others are opened on
   * demand and closed once idle for `idleCloseMs`. Default: every member stays connected.
   */
  meshPeers?: readonly string[]
  /** Idle time after which an on-demand connection (outside `meshPeers`) closes. */
  idleCloseMs?: number
  /** A MODEL in place of noise (simulations on the memory transport only; see src/sim/modeled-encrypter.ts). */
  encrypter?: NetworkComponents['encrypter']
  /** Backoff settings of the redialer over DEFAULT_REDIAL_OPTIONS. */
  redialOptions?: Partial<RedialOptions>
}

/** The parts that exist only when the node joins its community. */
interface Member {
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

/**
 * The composition root: the one place that builds and wires the node's parts. Parts start in
 * the order listed and stop in reverse. The network, PSI and API parts join here in later issues.
 */
export class SightlineNode implements Startable {
  readonly config: NodeConfig
  readonly identity: Identity
  readonly store: Store
  readonly warninglists: Warninglists
  readonly #parts: Startable[]
  #started: Startable[] = []
  /** Members (local and signed roster), for the gater and validators. */
  readonly roster: RosterBook
  readonly member: Member | undefined
  /** The local HTTP API, when the node serves one. */
  readonly api: HttpApi | undefined

  private constructor(config: NodeConfig, identity: Identity, warninglists: Warninglists, seed?: Uint8Array, features?: NetworkFeatures) {
    this.config = config
    this.identity = identity
    this.warninglists = warninglists
    this.store = new Store({
      location: join(config.dataDir, DATA_FILES.database),
      ...(features?.memoryStore === true ? { memory: true } : {}),
    })
    this.roster = new RosterBook({ community: config.community, trustedAdmins: config.rosterAdmins }, this.store)
    this.#parts = [this.store, this.roster]
    if (seed === undefined || features === undefined) return
    const options = { ...DEFAULT_NETWORK_OPTIONS, ...features }
    const pool: DhEngine = features.dhEngine ?? new DhPool(features.workers === undefined ? {} : { size: features.workers })
    const audit = features.auditWire === undefined ? undefined : new WireAudit(features.auditWire)
    const isMember = (peer: string) => this.roster.isMember(peer)
    const sent = new Map<string, { messages: number; bytes: number }>()
    const errors: string[] = []
    const noteError = (message: string) => {
      errors.push(message)
      if (errors.length > 100) errors.shift()
    }
    const redial = features.redial ?? features.memoryStore !== true
    const onDemand = features.dialOnDemand ?? redial
    const mesh = features.meshPeers === undefined ? undefined : new Set(features.meshPeers)
    const keepOpen = (peer: string) => mesh === undefined || mesh.has(peer)
    const addressBook = new AddressBook({
      addresses: this.store.addresses,
      privateKey: identity.privateKey,
      peerId: identity.peerId,
      isMember,
      onError: noteError,
    })
    const network = new Network(options, {
      privateKey: identity.privateKey,
      isMember,
      ...(onDemand ? { dialOnDemand: (peer: string, signal: AbortSignal) => (redialer as Redialer).dialNow(peer, signal) } : {}),
      gossipWith: keepOpen,
      ...(features.encrypter === undefined ? {} : { encrypter: features.encrypter }),
      onSend: (peer, protocol, bytes) => {
        const counter = sent.get(protocol) ?? { messages: 0, bytes: 0 }
        counter.messages++
        counter.bytes += bytes.length
        sent.set(protocol, counter)
        audit?.record(peer, protocol, bytes)
      },
    })
    const epochMs = features.epochMs ?? WEEK_MS
    // Alerts of new matches are written with the match (outbox.alertsFor) and delivered from the
    // store; the outbox exists even with no destinations, to dead-letter entries of removed ones.
    const outbox = new Outbox(
      { ...DEFAULT_OUTBOX_OPTIONS, ...(config.alerts?.maxAttempts === undefined ? {} : { maxAttempts: config.alerts.maxAttempts }) },
      { store: this.store, destinations: alertDestinations(config.alerts), log: (m) => process.stderr.write(`${m}\n`) },
    )
    const psi = { ...DEFAULT_PSI_OPTIONS, sightingWindowsMs: config.sightingWindowsMs, ...features.psi, community: config.community }
    const party = new PsiParty(identity.peerId, psi, {
      engine: pool,
      seed,
      // Budgets outlive restarts: a member cannot reset them by waiting for ours.
      persistBudget: (entry) => void this.store.state.put(budgetKey(entry), entry).catch(() => undefined),
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
        store: this.store,
        party,
        organizationOf: (peer) => this.roster.organizationOf(peer),
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
        concurrency: features.psiConcurrency ?? 4,
        baseDelayMs: 500,
        maxDelayMs: 120_000,
        reconcileMs: features.reconcileMs ?? 120_000,
      },
      {
        store: this.store,
        network,
        engine,
        party,
        privateKey: identity.privateKey,
        peerId: identity.peerId,
        isMember,
        members: () => this.roster.members(),
        organizationOf: (p) => this.roster.organizationOf(p),
        roster: this.roster,
        addressBook,
      },
    )
    const budgets: Startable = {
      start: async () => {
        const entries: BudgetEntry[] = []
        for (const [, value] of await this.store.state.range({ gte: 'budget/', lt: 'budget0' })) entries.push(value as BudgetEntry)
        party.budgets.restore(entries)
      },
      stop: async () => {},
    }
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
              members: () => this.roster.members().filter((peer) => peer !== identity.peerId),
              // Without the redial loop (simulations) the redialer only serves on-demand dials.
              keep: (peer) => redial && keepOpen(peer),
              addressesOf: (peer) => addressBook.addressesOf(peer),
              learn: (peer, addresses) => addressBook.learn(peer, addresses),
              dialFailed: (peer) => exchange.refresh(peer),
              warn: (message) => process.stderr.write(`${message}\n`),
            },
          )
        : undefined
    const reaper =
      onDemand && mesh !== undefined
        ? new ConnectionReaper(
            {
              ...DEFAULT_CONNECTION_REAPER_OPTIONS,
              ...(features.idleCloseMs === undefined ? {} : { idleCloseMs: features.idleCloseMs }),
            },
            { network, keep: keepOpen, onError: noteError },
          )
        : undefined
    const workers: Startable = { start: async () => {}, stop: () => pool.close() }
    const auditPart: Startable = { start: async () => {}, stop: async () => audit?.close() }
    service.onMatch(() => outbox.notify())
    // Our signed record names the addresses the network really has (announce, or listen with the chosen port).
    // ...and identify sends that record as it is, instead of sealing a new one per connection.
    const ownRecord: Startable = {
      start: () => addressBook.sealOwn(network.addresses).then((r) => network.setOwnPeerRecord(r)),
      stop: async () => {},
    }
    this.#parts.push(
      addressBook,
      auditPart,
      workers,
      budgets,
      outbox,
      service,
      ownRecord,
      ...(redialer === undefined ? [] : [redialer]),
      ...(reaper === undefined ? [] : [reaper]),
    )
    if (features.apiToken !== undefined) {
      const apiRefused = new Map<string, number>()
      const view = memberNodeView({
        peerId: identity.peerId,
        community: config.community,
        store: this.store,
        network,
        service,
        party,
        engine,
        addressBook,
        redialer,
        errors,
        organizationOf: (p) => this.roster.organizationOf(p),
        sent,
        apiRefused,
        defaultTlp: config.defaultTlp,
        sightingWindowsMs: psi.sightingWindowsMs,
        sourceKinds: config.sourceKinds,
        warninglists,
        outbox: {
          view: () => {
            const h = outbox.health()
            return {
              pending: h.pending,
              dead: h.dead,
              oldestPendingAt: h.oldestPendingAt,
              delivered: h.delivered,
              failedAttempts: h.failedAttempts,
            }
          },
          retryDead: (destination) => outbox.retryDead(destination),
        },
        started: () => this.#started.length === this.#parts.length,
      })
      const metrics = new Metrics(() => view.status())
      const api = new HttpApi(
        {
          ...config.api,
          ...(features.apiPort === undefined ? {} : { port: features.apiPort }),
          token: features.apiToken,
          maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
        },
        [
          openApiPlugin(),
          restPlugin(view),
          taxiiPlugin({
            store: this.store,
            community: config.community,
            peerId: identity.peerId,
            defaultTlp: config.defaultTlp,
            warninglists,
            onLocalChange: () => view.localChange(),
          }),
          metrics.plugin(),
          statusPagePlugin(view),
          analystPagesPlugin(view, new MatchExplorer(this.store)),
        ],
        {
          observe: (method, route, status, seconds) => metrics.observeRequest(method, route, status, seconds),
          onRefused: (code) => apiRefused.set(code, (apiRefused.get(code) ?? 0) + 1),
        },
      )
      const endpoint = join(config.dataDir, DATA_FILES.apiEndpoint)
      this.#parts.push(api, {
        // With TLS the CLI trusts the node's own certificate (often self-signed) for this URL.
        start: () =>
          writeFile(
            endpoint,
            `${JSON.stringify({ url: api.url, pid: process.pid, ...(config.api.tlsCert === undefined ? {} : { ca: resolve(config.api.tlsCert) }) })}\n`,
            { mode: 0o600 },
          ),
        stop: () => rm(endpoint, { force: true }),
      })
      this.api = api
    }
    this.member = { network, service, engine, party, audit, addressBook, redialer, reaper, sent }
  }

  /**
   * Loads identity and warninglists of an initialized data directory; start() opens the rest.
   * With `network`, the node also joins its community (libp2p, PSI, match engine).
   */
  static async create(config: NodeConfig, network?: NetworkFeatures): Promise<SightlineNode> {
    const identity = await loadDataDirIdentity(config.dataDir)
    const warninglists = Warninglists.load(await warninglistFiles(config))
    // An entry Sightline cannot use is skipped, never fatal; say so once, where the operator looks.
    for (const p of warninglists.problems) process.stderr.write(`sightline: warninglist ${p.list}: ${p.where}: ${p.reason}\n`)
    const seed = network === undefined ? undefined : await loadOrCreateSeed(join(config.dataDir, DATA_FILES.psiSeed))
    return new SightlineNode(config, identity, warninglists, seed, network)
  }

  get peerId(): string {
    return this.identity.peerId
  }

  async start(): Promise<void> {
    for (const part of this.#parts) {
      try {
        await part.start()
      } catch (err) {
        await this.stop()
        throw err
      }
      this.#started.push(part)
    }
  }

  async stop(): Promise<void> {
    const started = this.#started.reverse()
    this.#started = []
    for (const part of started) await part.stop()
  }
}
