import { join } from 'node:path'
import type { ParsedRow } from '../indicators/formats/row.ts'
import { forComponent } from '../logger.ts'
import { resolveConfig } from '../node/config.ts'
import { initDataDir } from '../node/data-dir.ts'
import type { PsiOptions } from '../psi/options.ts'
import type { RosterEntry } from '../store/repositories.ts'
import { type LaunchSpec, launchChild, launchLocal, type SimNode } from './host.ts'
import { inBatches, sleep } from './pacing.ts'
import type { Partition, Plan, PlannedItem } from './plan.ts'
import { foundExpected, honestRejected, redDone } from './progress.ts'
import type { SimulationResult } from './result-types.ts'
import { organization, sightingRows, toRows } from './rows.ts'
import type { Scenario } from './scenario.ts'
import type { Snapshot } from './snapshot.ts'
import type { Truth } from './truth.ts'

const log = forComponent('sightline:sim')

export const COMMUNITY = 'sim'
/** Time for announcements to spread over the mesh before members sync with whom they missed. */
const GOSSIP_SETTLE_MS = 1000

export interface Member {
  index: number
  organization: string
  role: 'honest' | 'malicious'
  dataDir: string
  peerId: string
  node: SimNode | undefined
  leftAt: number | undefined
  /** `peer|value` -> ms from the run start when first recorded as held by the peer. */
  found: Map<string, number>
  /** `peer|value` -> ms from the run start when first recorded as sighted by the peer (within a window). */
  sightedFound: Map<string, number>
  final: Snapshot | undefined
  /** Most members it was connected to at once (sampled). */
  peakConnected: number
  /** Its launch, once its join event started (a start-up can outlast the next sighting). */
  launching: Promise<void> | undefined
}

export interface CommunitySetup {
  scenario: Scenario
  plan: Plan
  truth: Truth
  policy: Partial<PsiOptions>
  /** Unique within this process: names the members' memory-transport addresses. */
  runId: string
  workDir: string
  wallStart: number
}

/**
 * The simulated community: its members (data directories, launch, leave), the links between
 * them (dials, address books, partitions), and what the run reads of them while it goes.
 */
export class Community {
  readonly members: Member[]
  readonly indexOf: Map<string, number>
  readonly roster: RosterEntry[]
  readonly timeline: SimulationResult['timeline'] = []
  /** Dials the simulator retried (a busy process can miss libp2p's upgrade timeout). */
  dialFailures = 0
  readonly #s: CommunitySetup
  readonly #itemsOf: PlannedItem[][]
  /** Data directory of the non-member that dials in (adversaries.nonMemberJoins), if any. */
  readonly #outsiderDir: string | undefined
  #t0 = Date.now()
  #activePartition: number[] | undefined
  #sampler: NodeJS.Timeout | undefined
  #outsider: SimNode | undefined

  private constructor(setup: CommunitySetup, prepared: { dataDir: string; peerId: string }[]) {
    this.#s = setup
    const { scenario, plan } = setup
    const malicious = new Set(plan.adversaries.malicious)
    this.members = prepared.slice(0, scenario.nodes).map((p, i) => ({
      index: i,
      organization: organization(i),
      role: malicious.has(i) ? 'malicious' : 'honest',
      ...p,
      node: undefined,
      leftAt: undefined,
      found: new Map(),
      sightedFound: new Map(),
      final: undefined,
      peakConnected: 0,
      launching: undefined,
    }))
    this.#outsiderDir = prepared[scenario.nodes]?.dataDir
    this.indexOf = new Map(this.members.map((m) => [m.peerId, m.index]))
    this.roster = this.members.map((m) => ({ peerId: m.peerId, organization: m.organization, source: 'local', addedAt: setup.wallStart }))
    this.#itemsOf = this.members.map(() => [])
    for (const item of plan.items) for (const h of item.holders) this.#itemsOf[h]?.push(item)
  }

  /** Creates every member's data directory and identity (and the outsider's, when one dials in). */
  static async prepare(setup: CommunitySetup): Promise<Community> {
    const { scenario, workDir, runId } = setup
    const count = scenario.nodes + (scenario.adversaries.nonMemberJoins > 0 ? 1 : 0)
    const prepared: { dataDir: string; peerId: string }[] = []
    await inBatches(
      Array.from({ length: count }, (_, i) => i),
      async (i) => {
        const config = resolveConfig({ dataDir: join(workDir, `${runId}-node${i}`), community: COMMUNITY }, {})
        prepared[i] = { dataDir: config.dataDir, peerId: (await initDataDir(config)).peerId }
      },
    )
    return new Community(setup, prepared)
  }

  /** Ms since the run clock started (the first members running). */
  now(): number {
    return Date.now() - this.#t0
  }

  get startedAt(): number {
    return this.#t0
  }

  online(): Member[] {
    return this.members.filter((m) => m.node !== undefined && m.leftAt === undefined)
  }

  member(index: number): Member | undefined {
    return this.members[index]
  }

  #spec(index: number, dataDir: string, rows: ParsedRow[], roster: RosterEntry[], onMatch: LaunchSpec['onMatch']): LaunchSpec {
    const { scenario, plan, policy } = this.#s
    return {
      index,
      dataDir,
      community: COMMUNITY,
      crypto: scenario.crypto,
      psi: policy,
      ...scenario.node,
      roster,
      mesh: [...(plan.neighbours[index] ?? [])].map((j) => this.members[j]?.peerId ?? ''),
      rows,
      onMatch,
    }
  }

  #start(spec: LaunchSpec): Promise<SimNode> {
    return this.#s.scenario.transport === 'tcp' ? launchChild(spec) : launchLocal(spec, this.#s.runId)
  }

  /** Starts a member with what it holds by its join time, and what it sighted before it started. */
  async launch(m: Member): Promise<void> {
    const joinAt = this.#s.plan.joinAt[m.index] ?? 0
    const items = (this.#itemsOf[m.index] ?? []).filter((item) => (item.at[item.holders.indexOf(m.index)] ?? 0) <= joinAt)
    const others = this.roster.filter((r) => r.peerId !== m.peerId)
    const rows = [...toRows(items, m.organization), ...sightingRows(items, m.index, m.organization, Date.now())]
    m.node = await this.#start(
      this.#spec(m.index, m.dataDir, rows, others, (peer, value, known) => {
        const key = `${this.indexOf.get(peer) ?? -1}|${value}`
        if (known.holds && !m.found.has(key)) m.found.set(key, this.now())
        if (known.sighted && !m.sightedFound.has(key)) m.sightedFound.set(key, this.now())
      }),
    )
  }

  /**
   * Starts the members there from the start, then links them: the mesh dialed, announcements made
   * at start (which reached nobody) made again, and every pair run (each member's reconcile, early)
   * for any announcement gossip has not brought yet. Sampling (`progress`) starts with the clock.
   */
  async startInitial(signal: AbortSignal | undefined, progress: (done: number) => void): Promise<void> {
    const initial = this.members.filter((m) => (this.#s.plan.joinAt[m.index] ?? 0) === 0)
    await inBatches(initial, (m) => this.launch(m))
    // The clock starts once the first members run: node (and, over tcp, process) start-up is not protocol time.
    this.#t0 = Date.now()
    this.#startSampling(progress)
    await this.introduce(initial)
    await inBatches(initial, (m) => this.dialNeighbours(m, true), 16)
    await inBatches(initial, (m) => m.node?.reannounce() ?? Promise.resolve(), 16)
    await sleep(GOSSIP_SETTLE_MS, signal)
    await inBatches(initial, (m) => m.node?.runAll() ?? Promise.resolve(), 16)
  }

  /** A member that joins late: started, introduced, cut off as a partition says, linked, its pairs run. */
  async join(m: Member): Promise<void> {
    m.launching = this.launch(m)
    await m.launching
    await this.introduce([m])
    if (this.#activePartition !== undefined) await this.#applyCut()
    await this.dialNeighbours(m, false)
    await m.node?.runAll()
  }

  /** A member leaves when it leaves: what it learned by then, no waiting for its retries. */
  async leave(m: Member): Promise<void> {
    if (m.node === undefined) return
    m.final = await m.node.snapshot([])
    m.leftAt = this.now()
    await m.node.stop()
  }

  /** A holder sights an item while running (the ground truth counts it once the holder runs). */
  async sight(holder: number, item: PlannedItem): Promise<void> {
    const m = this.members[holder]
    await m?.launching
    if (m?.node === undefined || m.leftAt !== undefined) return
    await m.node.sight(toRows([item], m.organization))
  }

  #reachable(a: number, b: number): boolean {
    return this.#activePartition === undefined || this.#activePartition[a] === this.#activePartition[b]
  }

  /** Members outside `m`'s part of the active partition. */
  #cutOff(m: Member): string[] {
    return this.online()
      .filter((p) => !this.#reachable(m.index, p.index))
      .map((p) => p.peerId)
  }

  #applyCut(): Promise<void> {
    return inBatches(this.online(), (m) => m.node?.setUnreachable(this.#cutOff(m)) ?? Promise.resolve(), 16)
  }

  async partition(p: Partition): Promise<void> {
    this.#activePartition = p.groupOf
    await this.#applyCut()
  }

  /** The cut heals: mesh links across it redialed, and every pair run now rather than after backoff. */
  async heal(p: Partition): Promise<void> {
    this.#activePartition = undefined
    await inBatches(this.online(), (m) => m.node?.setUnreachable([]) ?? Promise.resolve(), 16)
    const crossing = this.members.flatMap((m) =>
      [...(this.#s.plan.neighbours[m.index] ?? [])]
        .filter((j) => j > m.index && p.groupOf[j] !== p.groupOf[m.index])
        .map((j) => [m, this.members[j] as Member] as const),
    )
    await Promise.all(crossing.map(([a, b]) => this.dial(a, b)))
    await inBatches(this.online(), (m) => m.node?.runAll() ?? Promise.resolve(), 16)
  }

  async dial(from: Member, to: Member): Promise<void> {
    const node = from.node
    const address = to.node?.address
    if (node === undefined || address === undefined || to.leftAt !== undefined) return
    // A busy process can miss an upgrade timeout; a member would simply dial again.
    for (let attempt = 0; attempt < 3 && !node.connected().includes(to.peerId); attempt++) {
      try {
        await node.dial(address)
      } catch (err) {
        log.debug('simulated dial failed', { err })
        this.dialFailures++
      }
    }
  }

  /** Everyone online learns where `joined` listen, and they learn where everyone else does. */
  async introduce(joined: Member[]): Promise<void> {
    const addressOf = (m: Member): [string, string] => [m.peerId, (m.node as SimNode).address]
    const all = this.online().map(addressOf)
    const fresh = joined.map(addressOf)
    const set = new Set(joined)
    await inBatches(this.online(), (m) => m.node?.learn(set.has(m) ? all : fresh) ?? Promise.resolve(), 16)
  }

  async dialNeighbours(m: Member, onlyHigher: boolean): Promise<void> {
    const peers = [...(this.#s.plan.neighbours[m.index] ?? [])]
      .filter((j) => (!onlyHigher || j > m.index) && this.#reachable(m.index, j))
      .map((j) => this.members[j] as Member)
      .filter((p) => p.node !== undefined && p.leftAt === undefined)
    await Promise.all(peers.map((p) => this.dial(m, p)))
  }

  /** Starts the non-member that dials in; it believes the members are its community, they do not list it. */
  async startOutsider(): Promise<SimNode | undefined> {
    const dir = this.#outsiderDir
    if (dir === undefined) return undefined
    this.#outsider = await this.#start(this.#spec(this.#s.scenario.nodes, dir, [], this.roster, () => undefined))
    return this.#outsider
  }

  honestRejected(): Record<string, number> {
    return honestRejected(this.members)
  }

  /** Expected matches (holds and sighted) recorded so far. */
  foundExpected(): number {
    return foundExpected(this.members, this.#s.truth)
  }

  redDone(): boolean {
    return redDone(this.members, this.#s.plan, this.#s.truth)
  }

  /** Rejections on the timeline now. */
  sample(): void {
    this.timeline.push({ tMs: this.now(), rejected: honestRejected(this.members) })
  }

  /** Twice a second: the timeline, peak connections, and progress. */
  #startSampling(progress: (done: number) => void): void {
    this.#sampler = setInterval(() => {
      this.sample()
      for (const m of this.online()) m.peakConnected = Math.max(m.peakConnected, m.node?.connected().length ?? 0)
      progress(foundExpected(this.members, this.#s.truth))
    }, 500)
  }

  stopSampling(): void {
    clearInterval(this.#sampler)
  }

  /** Work still under way (notices, retries) finishes before the books close: snapshots wait for it. */
  async closeBooks(): Promise<void> {
    const online = this.online().map((p) => p.peerId)
    await Promise.all(
      this.members.map(async (m) => {
        if (m.node !== undefined && m.leftAt === undefined) m.final = await m.node.snapshot(online)
      }),
    )
    this.stopSampling()
    this.sample()
  }

  /** Stops every member still running, and the outsider. */
  async stop(): Promise<void> {
    this.stopSampling()
    await Promise.allSettled([this.#outsider?.stop(), ...this.members.map((m) => (m.leftAt === undefined ? m.node?.stop() : undefined))])
  }
}
