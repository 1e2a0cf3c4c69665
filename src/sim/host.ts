import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ParsedRow } from '../indicators/formats/row.ts'
import { forComponent } from '../logger.ts'
import { resolveConfig } from '../node/config.ts'
import { importItems } from '../node/importer.ts'
import { type NetworkFeatures, SightlineNode } from '../node/node.ts'
import type { PsiOptions } from '../psi/options.ts'
import type { RosterEntry } from '../store/repositories.ts'
import { type MeteredEngine, meteredEngine, type OpCounts } from './cost-model.ts'
import { modeledEncrypter } from './modeled-encrypter.ts'
import type { NodeRequest } from './node-process.ts'
import { quiesce, redSightedOf, rejectedOf, type Snapshot, snapshot } from './snapshot.ts'

const log = forComponent('sightline:sim')

/** How to start one member: the same for both transports. */
export interface LaunchSpec {
  index: number
  dataDir: string
  community: string
  crypto: 'real' | 'modeled'
  /** The community's PSI policy over the defaults (budgets, list limits). */
  psi: Partial<PsiOptions>
  roster: RosterEntry[]
  /** Members this one stays connected to (the gossip mesh); PSI reaches the others on demand. */
  mesh: string[]
  /** Idle time after which an on-demand connection closes (the node's default when absent). */
  idleCloseMs?: number
  /** PSI runs at once (the node's default when absent). */
  psiConcurrency?: number
  /** `modeled`: a plaintext MODEL of noise (memory transport only, no adversaries); default noise. */
  connectionEncryption?: 'noise' | 'modeled'
  rows: ParsedRow[]
  /** Called at every new or grown match: peer id, canonical value, what the member is now known to do. */
  onMatch: (peer: string, value: string, known: MatchKnown) => void
}

/** What a match says the member does: holds the value, sighted it within a window. */
export interface MatchKnown {
  holds: boolean
  sighted: boolean
}

/** One running member as the simulator drives it, in this process or in a child process. */
export interface SimNode {
  readonly peerId: string
  readonly address: string
  /** The node itself when it runs in this process (adversaries tamper through it). */
  readonly local: SightlineNode | undefined
  dial(address: string): Promise<void>
  connected(): string[]
  hangUp(peer: string): Promise<void>
  /** Tells the node where members listen (their address book), as a deployment's bootstrap list would. */
  learn(addresses: [peer: string, address: string][]): Promise<void>
  /** Members the node cannot reach (a partition): connections close, new ones are refused. */
  setUnreachable(peers: string[]): Promise<void>
  /** Runs the pair with every member now (the node's reconcile, without waiting for its timer). */
  runAll(): Promise<void>
  /** Announces the node's lists again by gossip (once the mesh is up, it reaches every member). */
  reannounce(): Promise<void>
  /** Imports newly sighted indicators and announces them, as an import into a running node does. */
  sight(rows: ParsedRow[]): Promise<void>
  /** Rejections by reason (for a child process: as of its last report). */
  rejected(): Record<string, number>
  redCounts(): Map<string, number>
  /** RED counts of the sighted lists by member. */
  redSighted(): Map<string, number>
  /** Waits until no PSI work with an `online` member is in flight or due (see quiesce), then reads the node's records. */
  snapshot(online: string[]): Promise<Snapshot>
  stop(): Promise<void>
}

function rows(list: ParsedRow[]): AsyncIterable<ParsedRow> {
  return (async function* () {
    yield* list
  })()
}

/**
 * Node features of a simulated member: no redial loop (the simulator drives the mesh links), PSI
 * with every member over connections opened on demand and closed when idle.
 */
export function simFeatures(spec: Omit<LaunchSpec, 'index' | 'onMatch'>, dhEngine: MeteredEngine): NetworkFeatures {
  return {
    memoryStore: true,
    psi: spec.psi,
    dhEngine,
    redial: false,
    dialOnDemand: true,
    meshPeers: spec.mesh,
    ...(spec.idleCloseMs === undefined ? {} : { idleCloseMs: spec.idleCloseMs }),
    ...(spec.psiConcurrency === undefined ? {} : { psiConcurrency: spec.psiConcurrency }),
    ...(spec.connectionEncryption === 'modeled' ? { encrypter: modeledEncrypter } : {}),
  }
}

/** What the simulator asks of a node, the same in this process and in a child process. */
export function learnAddresses(node: SightlineNode, addresses: [string, string][]): Promise<unknown> {
  const model = node.model
  return Promise.all(addresses.filter(([peer]) => peer !== node.peerId).map(([peer, address]) => model?.learnAddresses(peer, [address])))
}

/** Transport `memory`: a SightlineNode in this process with an in-memory store. */
export async function launchLocal(spec: LaunchSpec, runId: string): Promise<SimNode> {
  const meter = meteredEngine(spec.crypto)
  const node = await SightlineNode.create(resolveConfig({ dataDir: spec.dataDir, community: spec.community }, {}), {
    ...simFeatures(spec, meter),
    transport: 'memory',
    listen: [`/memory/sightline-sim-${runId}-${spec.index}`],
  })
  // The in-memory store is opened early to plant the member's data; start() finds it open.
  await node.store.start()
  await node.store.roster.putMany(spec.roster.map((r) => [r.peerId, r]))
  await importItems(node.store, 'sim', rows(spec.rows), { tlp: 'amber', sightings: false, warninglists: node.warninglists })
  const model = node.model
  if (model === undefined) throw new Error('a simulated node must be a member')
  model.onMatch((match) => spec.onMatch(match.peer, match.value, { holds: match.holds, sighted: Object.keys(match.sighted).length > 0 }))
  await node.start()
  return {
    peerId: node.peerId,
    address: model.addresses[0] as string,
    local: node,
    dial: (address) => model.dial(address),
    connected: () => model.snapshot().connectedPeers,
    hangUp: (peer) => model.hangUp(peer),
    learn: async (addresses) => {
      await learnAddresses(node, addresses)
    },
    setUnreachable: (peers) => model.setUnreachable(peers),
    runAll: async () => model.runAll(),
    reannounce: () => model.reannounce(),
    sight: async (list) => {
      await importItems(node.store, 'sim', rows(list), { tlp: 'amber', sightings: false, warninglists: node.warninglists })
      await model.localChange()
    },
    rejected: () => rejectedOf(node),
    redCounts: () => model.snapshot().redCounts,
    redSighted: () => redSightedOf(node),
    snapshot: async (online) => {
      await quiesce(node, online)
      return snapshot(node, meter.counts, meter.cpuMs)
    },
    stop: () => node.stop(),
  }
}

// The src/ path from src/ and from dist/ alike: the child runs the TypeScript through tsx.
const CHILD = fileURLToPath(new URL('../../src/sim/node-process.ts', import.meta.url))
// Resolved here, not from the working directory (a bare `--import=tsx` fails outside the package).
const TSX = import.meta.resolve('tsx')

/** Transport `tcp`: the member in a child process of its own, on 127.0.0.1 TCP. */
export async function launchChild(spec: LaunchSpec): Promise<SimNode> {
  const child: ChildProcess = fork(CHILD, [], { execArgv: [`--import=${TSX}`], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const { call, exited } = childCalls(child, spec.index)
  const { onMatch, index: _index, ...launch } = spec
  const started = await call<{ peerId: string; address: string }>({ op: 'launch', ...launch })
  let rejected: Record<string, number> = {}
  let redCounts = new Map<string, number>()
  let redSighted = new Map<string, number>()
  let connected: string[] = []
  const poll = async () => {
    const s = await call<{
      found: [string, string, MatchKnown][]
      rejected: Record<string, number>
      redCounts: [string, number][]
      redSighted: [string, number][]
      connected: string[]
    }>({
      op: 'status',
    })
    for (const [peer, value, known] of s.found) onMatch(peer, value, known)
    rejected = s.rejected
    redCounts = new Map(s.redCounts)
    redSighted = new Map(s.redSighted)
    connected = s.connected
  }
  const timer = setInterval(() => void poll().catch((err: unknown) => log.debug('member poll failed', { err })), 200)
  timer.unref()
  return {
    peerId: started.peerId,
    address: started.address,
    local: undefined,
    dial: async (address) => {
      await call({ op: 'dial', address })
      await poll()
    },
    connected: () => connected,
    hangUp: async (peer) => {
      await call({ op: 'hangUp', peer })
    },
    learn: async (addresses) => {
      await call({ op: 'learn', addresses })
    },
    setUnreachable: async (peers) => {
      await call({ op: 'setUnreachable', peers })
    },
    runAll: async () => {
      await call({ op: 'runAll' })
    },
    reannounce: async () => {
      await call({ op: 'reannounce' })
    },
    sight: async (list) => {
      await call({ op: 'import', rows: list })
    },
    rejected: () => rejected,
    redCounts: () => redCounts,
    redSighted: () => redSighted,
    snapshot: async (online) => {
      await poll()
      type Sent = Omit<Snapshot, 'redCounts' | 'redSighted' | 'counts'> & {
        redCounts: [string, number][]
        redSighted: [string, number][]
        counts: OpCounts
      }
      const s = await call<Sent>({ op: 'snapshot', online })
      await poll()
      return { ...s, redCounts: new Map(s.redCounts), redSighted: new Map(s.redSighted) }
    },
    stop: async () => {
      clearInterval(timer)
      if (exited()) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      await call({ op: 'stop' }).catch((err: unknown) => log.debug('member stop call failed', { err }))
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))])
      if (!exited()) child.kill()
    },
  }
}

/** Requests to a member's child process over IPC, each answered by the reply with its id. */
function childCalls(child: ChildProcess, index: number): { call: <T>(request: NodeRequest) => Promise<T>; exited: () => boolean } {
  let next = 0
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let exited = false
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id)
    pending.delete(m.id)
    if (m.error !== undefined) p?.reject(new Error(m.error))
    else p?.resolve(m.result)
  })
  child.on('exit', () => {
    exited = true
    for (const p of pending.values()) p.reject(new Error(`member ${index} exited`))
    pending.clear()
  })
  const call = <T>(request: NodeRequest): Promise<T> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`member ${index} exited`))
      const id = next++
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.send({ id, request })
    })
  return { call, exited: () => exited }
}
