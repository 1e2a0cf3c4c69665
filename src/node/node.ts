import { join } from 'node:path'
import type { HttpApi } from '../api/server.ts'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { Warninglists } from '../indicators/warninglist.ts'
import { forComponent, safe } from '../logger.ts'
import type { NetworkComponents } from '../net/network.ts'
import type { NetworkOptions } from '../net/options.ts'
import type { PsiOptions } from '../psi/options.ts'
import { Store } from '../store/store.ts'
import { loadDataDirIdentity, warninglistFiles } from './data-dir.ts'
import type { Identity } from './identity.ts'
import { keepMemberParts } from './internals.ts'
import { buildMember } from './member-parts.ts'
import { buildApi } from './node-api.ts'
import { DATA_FILES, type NodeConfig } from './options.ts'
import { MemberReadModel } from './read-model.ts'
import type { RedialOptions } from './redial-options.ts'
import { RosterBook } from './roster-book.ts'
import { loadOrCreateSeed } from './secrets.ts'
import type { Startable } from './startable.ts'

const log = forComponent('sightline:node')

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
  /** The one read-model of a member node (absent without network): snapshot and actions. */
  readonly model: MemberReadModel | undefined
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
    const built = buildMember({ config, identity, warninglists, seed, features, store: this.store, roster: this.roster })
    const model = new MemberReadModel(built.member, built.errors)
    this.#parts.push(...built.parts)
    if (features.apiToken !== undefined) {
      const { api, parts } = buildApi({
        config,
        identity,
        warninglists,
        store: this.store,
        roster: this.roster,
        features: { ...features, apiToken: features.apiToken },
        built,
        model,
        started: () => this.#started.length === this.#parts.length,
      })
      this.#parts.push(...parts)
      this.api = api
    }
    keepMemberParts(this, built.member)
    this.model = model
  }

  /**
   * Loads identity and warninglists of an initialized data directory; start() opens the rest.
   * With `network`, the node also joins its community (libp2p, PSI, match engine).
   */
  static async create(config: NodeConfig, network?: NetworkFeatures): Promise<SightlineNode> {
    const identity = await loadDataDirIdentity(config.dataDir)
    const warninglists = Warninglists.load(await warninglistFiles(config))
    // An entry Sightline cannot use is skipped, never fatal; say so once, where the operator looks.
    for (const p of warninglists.problems)
      log.warn('warninglist entry skipped', { list: safe(p.list), where: safe(p.where), reason: safe(p.reason) })
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
