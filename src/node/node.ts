import { join } from 'node:path'
import { Warninglists } from '../indicators/warninglist.ts'
import { Store } from '../store/store.ts'
import { loadDataDirIdentity, warninglistFiles } from './data-dir.ts'
import type { Identity } from './identity.ts'
import { DATA_FILES, type NodeConfig } from './options.ts'
import type { Startable } from './startable.ts'

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

  private constructor(config: NodeConfig, identity: Identity, warninglists: Warninglists) {
    this.config = config
    this.identity = identity
    this.warninglists = warninglists
    this.store = new Store({ location: join(config.dataDir, DATA_FILES.database) })
    this.#parts = [this.store]
  }

  /** Loads identity and warninglists of an initialized data directory; start() opens the rest. */
  static async create(config: NodeConfig): Promise<SightlineNode> {
    const identity = await loadDataDirIdentity(config.dataDir)
    const warninglists = Warninglists.load(await warninglistFiles(config))
    return new SightlineNode(config, identity, warninglists)
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
