import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ParsedRow } from '../indicators/formats/row.ts'
import { resolveConfig } from '../node/config.ts'
import { importItems } from '../node/importer.ts'
import { SightlineNode } from '../node/node.ts'
import type { PsiOptions } from '../psi/options.ts'
import type { RosterEntry } from '../store/repositories.ts'
import { meteredEngine, type OpCounts } from './cost-model.ts'
import type { NodeRequest } from './node-process.ts'
import { quiesce, rejectedOf, type Snapshot, snapshot } from './snapshot.ts'

/** How to start one member: the same for both transports. */
export interface LaunchSpec {
  index: number
  dataDir: string
  community: string
  crypto: 'real' | 'modeled'
  /** The community's PSI policy over the defaults (budgets, list limits). */
  psi: Partial<PsiOptions>
  roster: RosterEntry[]
  rows: ParsedRow[]
  /** Called once per new match: peer id, canonical value. */
  onMatch: (peer: string, value: string) => void
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
  /** Imports newly sighted indicators and announces them, as an import into a running node does. */
  sight(rows: ParsedRow[]): Promise<void>
  /** Rejections by reason (for a child process: as of its last report). */
  rejected(): Record<string, number>
  redCounts(): Map<string, number>
  /** Waits until no PSI work with a connected member is in flight or due (see quiesce), then reads the node's records. */
  snapshot(): Promise<Snapshot>
  stop(): Promise<void>
}

function rows(list: ParsedRow[]): AsyncIterable<ParsedRow> {
  return (async function* () {
    yield* list
  })()
}

/** Transport `memory`: a SightlineNode in this process with an in-memory store. */
export async function launchLocal(spec: LaunchSpec, runId: string): Promise<SimNode> {
  const meter = meteredEngine(spec.crypto)
  const node = await SightlineNode.create(resolveConfig({ dataDir: spec.dataDir, community: spec.community }, {}), {
    transport: 'memory',
    listen: [`/memory/sightline-sim-${runId}-${spec.index}`],
    memoryStore: true,
    psi: spec.psi,
    dhEngine: meter,
  })
  // The in-memory store is opened early to plant the member's data; start() finds it open.
  await node.store.start()
  await node.store.roster.putMany(spec.roster.map((r) => [r.peerId, r]))
  await importItems(node.store, 'sim', rows(spec.rows), { tlp: 'amber', sightings: false, warninglists: node.warninglists })
  node.member?.service.onMatch((match) => spec.onMatch(match.peer, match.value))
  await node.start()
  const network = node.member?.network
  if (network === undefined) throw new Error('a simulated node must be a member')
  return {
    peerId: node.peerId,
    address: network.addresses[0] as string,
    local: node,
    dial: (address) => network.dial(address),
    connected: () => network.connectedPeers(),
    hangUp: (peer) => network.hangUp(peer),
    sight: async (list) => {
      await importItems(node.store, 'sim', rows(list), { tlp: 'amber', sightings: false, warninglists: node.warninglists })
      await node.member?.service.localChange()
    },
    rejected: () => rejectedOf(node),
    redCounts: () => node.member?.engine.redCounts() ?? new Map(),
    snapshot: async () => {
      await quiesce(node)
      return snapshot(node, meter.counts, meter.cpuMs)
    },
    stop: () => node.stop(),
  }
}

const CHILD = fileURLToPath(new URL('./node-process.ts', import.meta.url))

/** Transport `tcp`: the member in a child process of its own, on 127.0.0.1 TCP. */
export async function launchChild(spec: LaunchSpec): Promise<SimNode> {
  const child: ChildProcess = fork(CHILD, [], { execArgv: ['--import=tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
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
    for (const p of pending.values()) p.reject(new Error(`member ${spec.index} exited`))
    pending.clear()
  })
  const call = <T>(request: NodeRequest): Promise<T> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`member ${spec.index} exited`))
      const id = next++
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.send({ id, request })
    })
  const { onMatch, index: _index, ...launch } = spec
  const started = await call<{ peerId: string; address: string }>({ op: 'launch', ...launch })
  let rejected: Record<string, number> = {}
  let redCounts = new Map<string, number>()
  let connected: string[] = []
  const poll = async () => {
    const s = await call<{
      found: [string, string, number][]
      rejected: Record<string, number>
      redCounts: [string, number][]
      connected: string[]
    }>({
      op: 'status',
    })
    for (const [peer, value] of s.found) onMatch(peer, value)
    rejected = s.rejected
    redCounts = new Map(s.redCounts)
    connected = s.connected
  }
  const timer = setInterval(() => void poll().catch(() => undefined), 200)
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
    sight: async (list) => {
      await call({ op: 'import', rows: list })
    },
    rejected: () => rejected,
    redCounts: () => redCounts,
    snapshot: async () => {
      await poll()
      const s = await call<Omit<Snapshot, 'redCounts' | 'counts'> & { redCounts: [string, number][]; counts: OpCounts }>({ op: 'snapshot' })
      await poll()
      return { ...s, redCounts: new Map(s.redCounts) }
    },
    stop: async () => {
      clearInterval(timer)
      if (exited) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      await call({ op: 'stop' }).catch(() => undefined)
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))])
      if (!exited) child.kill()
    },
  }
}
