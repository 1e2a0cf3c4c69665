import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { x25519Backend } from '../crypto/x25519-backend.ts'
import type { ParsedRow } from '../indicators/formats/row.ts'
import { normalize } from '../indicators/normalize.ts'
import { forComponent } from '../logger.ts'
import { resolveConfig } from '../node/config.ts'
import { initDataDir } from '../node/data-dir.ts'
import { Mode } from '../psi/messages.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../psi/options.ts'
import { Adversary, ATTACK_COUNTERS, ATTACK_KINDS, type AttackCounts, type AttackKind, dialAsNonMember, noAttacks } from './adversary.ts'
import { type CostModel, measureCostModel, modeledMs, type OpCounts, zeroCounts } from './cost-model.ts'
import { type SimLoad, startCpuBurn } from './cpu-burn.ts'
import { type LaunchSpec, launchChild, launchLocal, type SimNode } from './host.ts'
import { makePlan, type Plan, type PlannedItem } from './plan.ts'
import type { Scenario } from './scenario.ts'
import type { Snapshot } from './snapshot.ts'

const log = forComponent('sightline:sim')

export interface SimulateOptions {
  /** Parent directory for the nodes' data directories (default: a temporary one, removed afterwards). */
  workDir?: string
  onProgress?: (progress: SimProgress) => void
  signal?: AbortSignal
  /** Competing load on the machine for the whole run (e.g. one core kept busy by another process). */
  load?: SimLoad
}

export interface SimProgress {
  phase: 'setup' | 'run' | 'attack' | 'report'
  message: string
  /** Expected matches found so far, of `total` (the ground truth honest members should find). */
  done: number
  total: number
  elapsedMs: number
}

export interface NodeResult {
  index: number
  organization: string
  peerId: string
  role: 'honest' | 'malicious'
  joinedAtMs: number
  leftAtMs: number | null
  items: number
  /** Matches this node should find (null for members that left: they could not). */
  expected: number | null
  found: number
  truePositives: number
  precision: number
  recall: number | null
  timeToFirstMatchMs: number | null
  timeToAllMatchesMs: number | null
  bytesSent: number
  messagesSent: number
  /** Most members it held a connection to at once (sampled twice a second). */
  peakConnected: number
  /** Connections it closed after they sat idle (outside its mesh). */
  idleClosed: number
  /** DH-PSI CPU milliseconds: measured (real crypto) or modeled (see SimulationResult.crypto). */
  cpuMs: number
  /** CPU of the member's whole process (transport `tcp` only, where each member has one). */
  processCpuMs: number | null
  /** DH-PSI operations by kind, in elements: own elements published, members' points raised. */
  dhOps: OpCounts
  /** Points of members' lists and questions this node raised (and tagged) for them. */
  pointsRaised: number
  /** Members' lists and questions this node refused to raise over their budget (both modes). */
  budgetRefusals: number
  rejected: Record<string, number>
  red: { expected: number; counted: number }
  errors: number
  /** The node's last few distinct error messages. */
  errorSamples: string[]
}

export interface SimulationResult {
  scenario: Scenario
  seed: number
  versions: Record<string, string>
  crypto: {
    fidelity: 'real' | 'modeled'
    backend: string
    /** How cpuMs was obtained. */
    cpu: 'measured' | 'modeled'
    note: string
    costModel?: CostModel
  }
  startedAt: string
  /** Competing load the run was given (none: the machine to itself, bar whatever else ran). */
  load: SimLoad
  wallMs: number
  /** Run time from the first node's start to the end of the run (setup and teardown excluded). */
  runMs: number
  converged: boolean
  groundTruth: {
    indicators: number
    shared: number
    warninglisted: number
    sightings: number
    byTlp: Record<string, number>
    /** Ordered (node, peer, value) triples two members both hold, RED and warninglisted excluded. */
    pairs: number
    /** Those honest members online at the end should find (recall is measured on these). */
    expected: number
    redPairs: number
    /** Up to 50 expected `node|peer|value` triples that were not found. */
    missing: string[]
  }
  summary: {
    precision: number
    recall: number
    found: number
    truePositives: number
    timeToFirstMatchMs: number | null
    timeToAllMatchesMs: number | null
    bytesPerNode: number
    messagesPerNode: number
    /** Most members any node held a connection to at once (its mesh plus on-demand PSI links). */
    peakConnected: number
    /** Idle on-demand connections the nodes closed, in all. */
    idleClosed: number
    cpuMsPerNode: number
    pointsRaised: number
    /** Budget refusals by honest members (both modes). */
    budgetRefusals: number
    rejected: Record<string, number>
    redExpected: number
    redCounted: number
    processCpuMs: number
    /** Dials the simulator retried (a busy process can miss libp2p's upgrade timeout). */
    dialFailures: number
  }
  adversaries: {
    malicious: number[]
    attempted: AttackCounts
    /**
     * Per kind: the honest members' counter that accounts for it, and how much it grew while the
     * adversaries acted (so benign duplicates before, such as an announcement by gossip and sync, do not count).
     */
    rejected: Record<AttackKind, { counter: string; count: number }>
    accounted: boolean
  }
  /** Honest rejections by reason over time. */
  timeline: { tMs: number; rejected: Record<string, number> }[]
  /** Time from an expected match becoming possible to its discovery, sorted (ms). */
  latenciesMs: number[]
  nodes: NodeResult[]
  /** Every match honest members recorded: [node, peer, value], sorted. */
  matches: [number, number, string][]
}

const COMMUNITY = 'sim'
const POLL_MS = 200
const SETTLE_MS = 1500
/** Time for announcements to spread over the mesh before members sync with whom they missed. */
const GOSSIP_SETTLE_MS = 1000
let runs = 0

interface Member {
  index: number
  organization: string
  role: 'honest' | 'malicious'
  dataDir: string
  peerId: string
  node: SimNode | undefined
  leftAt: number | undefined
  /** `peer|value` -> ms from the run start when first recorded. */
  found: Map<string, number>
  final: Snapshot | undefined
  /** Most members it was connected to at once (sampled). */
  peakConnected: number
  /** Its launch, once its join event started (a start-up can outlast the next sighting). */
  launching: Promise<void> | undefined
}

function organization(i: number): string {
  return `Member ${String(i).padStart(3, '0')}`
}

function packageVersion(path: string): string {
  try {
    return (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version: string }).version
  } catch (err) {
    log.debug('package version unreadable', { path, err })
    return 'unknown'
  }
}

function addInto(total: Record<string, number>, part: Record<string, number>): void {
  for (const [k, v] of Object.entries(part)) total[k] = (total[k] ?? 0) + v
}

interface Truth {
  /** `node|peer|value` -> ms from the start at which the match became possible. */
  pairs: Map<string, number>
  expected: Set<string>
  /** Expected RED overlap per ordered pair `node|peer`. */
  red: Map<string, number>
}

/**
 * Ground truth under the node's TLP policy (src/node/match-engine.ts): CLEAR, GREEN, AMBER and
 * AMBER+STRICT are matched per item, RED only counted, warninglisted values never; every pair of
 * members runs PSI, whether or not they share a mesh link.
 */
function groundTruth(plan: Plan): Truth {
  const pairs = new Map<string, number>()
  const expected = new Set<string>()
  const red = new Map<string, number>()
  for (const item of plan.items) {
    if (item.warninglisted) continue
    const value = normalize(item.value, item.type).value
    item.holders.forEach((i, a) => {
      item.holders.forEach((j, b) => {
        if (i === j) return
        if (item.tlp === 'red') {
          red.set(`${i}|${j}`, (red.get(`${i}|${j}`) ?? 0) + 1)
          return
        }
        const key = `${i}|${j}|${value}`
        const possible = Math.max(item.at[a] ?? 0, item.at[b] ?? 0, plan.joinAt[i] ?? 0, plan.joinAt[j] ?? 0)
        pairs.set(key, possible)
        const stays = plan.leaveAt[i] === undefined && plan.leaveAt[j] === undefined
        if (stays && !plan.adversaries.malicious.includes(i)) expected.add(key)
      })
    })
  }
  return { pairs, expected, red }
}

function toRows(items: PlannedItem[], organization: string): ParsedRow[] {
  return items.map((item, k) => ({
    kind: 'indicator',
    line: k + 1,
    value: item.value,
    type: item.type,
    tlp: item.tlp,
    source: organization,
  }))
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', abort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', abort, { once: true })
  })
}

/**
 * Runs a scenario: starts its members as real Sightline nodes (memory transport, in-memory
 * stores), plants the seeded indicators, plays churn, sightings and partitions on schedule, lets
 * the adversaries act once the honest members have converged, and measures what every node
 * learned and spent against the ground truth.
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<SimulationResult> {
  const wallStart = Date.now()
  const startedAt = new Date(wallStart).toISOString()
  const processCpu = process.cpuUsage()
  const load: SimLoad = { cpuBurnCores: options.load?.cpuBurnCores ?? 0 }
  const burn = load.cpuBurnCores > 0 ? await startCpuBurn(load.cpuBurnCores) : undefined
  try {
    return await run(scenario, options, { wallStart, startedAt, processCpu, load })
  } finally {
    await burn?.stop()
  }
}

async function run(
  scenario: Scenario,
  options: SimulateOptions,
  started: { wallStart: number; startedAt: string; processCpu: NodeJS.CpuUsage; load: SimLoad },
): Promise<SimulationResult> {
  const { wallStart, startedAt, processCpu } = started
  const signal = options.signal
  const say = (phase: SimProgress['phase'], message: string, done = 0, total = 0) =>
    options.onProgress?.({ phase, message, done, total, elapsedMs: Date.now() - wallStart })

  const plan = makePlan(scenario)
  const truth = groundTruth(plan)
  const modeled = scenario.crypto === 'modeled'
  say('setup', modeled ? 'measuring the real backend for the CPU model' : 'preparing')
  const costModel = modeled ? await measureCostModel() : undefined
  const policy = psiPolicy(scenario)
  const runId = `${process.pid}-${++runs}-${Date.now().toString(36)}`
  const ownDir = options.workDir === undefined
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'sightline-sim-')))
  await mkdir(workDir, { recursive: true })

  const members: Member[] = []
  const everyone = async <T>(items: T[], work: (item: T) => Promise<unknown>, width = 8) => {
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work))
  }
  const malicious = new Set(plan.adversaries.malicious)
  const indices = Array.from({ length: scenario.nodes + (scenario.adversaries.nonMemberJoins > 0 ? 1 : 0) }, (_, i) => i)
  const prepared: { dataDir: string; peerId: string }[] = []
  await everyone(indices, async (i) => {
    const config = resolveConfig({ dataDir: join(workDir, `${runId}-node${i}`), community: COMMUNITY }, {})
    prepared[i] = { dataDir: config.dataDir, peerId: (await initDataDir(config)).peerId }
  })
  for (let i = 0; i < scenario.nodes; i++) {
    const p = prepared[i] as { dataDir: string; peerId: string }
    members.push({
      index: i,
      organization: organization(i),
      role: malicious.has(i) ? 'malicious' : 'honest',
      ...p,
      node: undefined,
      leftAt: undefined,
      found: new Map(),
      final: undefined,
      peakConnected: 0,
      launching: undefined,
    })
  }
  const indexOf = new Map(members.map((m) => [m.peerId, m.index]))
  const roster = members.map((m) => ({ peerId: m.peerId, organization: m.organization, source: 'local' as const, addedAt: wallStart }))
  const itemsOf = members.map(() => [] as PlannedItem[])
  for (const item of plan.items) for (const h of item.holders) itemsOf[h]?.push(item)

  let t0 = Date.now()
  const now = () => Date.now() - t0
  let activePartition: number[] | undefined
  const spec = (index: number, rows: ParsedRow[], others: typeof roster, onMatch: LaunchSpec['onMatch']): LaunchSpec => ({
    index,
    dataDir: (prepared[index] as { dataDir: string }).dataDir,
    community: COMMUNITY,
    crypto: scenario.crypto,
    psi: policy,
    ...scenario.node,
    roster: others,
    mesh: [...(plan.neighbours[index] ?? [])].map((j) => (prepared[j] as { peerId: string }).peerId),
    rows,
    onMatch,
  })
  const start = (s: LaunchSpec) => (scenario.transport === 'tcp' ? launchChild(s) : launchLocal(s, runId))

  const launch = async (m: Member): Promise<void> => {
    const joinAt = plan.joinAt[m.index] ?? 0
    const rows = toRows(
      (itemsOf[m.index] ?? []).filter((item) => (item.at[item.holders.indexOf(m.index)] ?? 0) <= joinAt),
      m.organization,
    )
    const others = roster.filter((r) => r.peerId !== m.peerId)
    m.node = await start(
      spec(m.index, rows, others, (peer, value) => {
        const key = `${indexOf.get(peer) ?? -1}|${value}`
        if (!m.found.has(key)) m.found.set(key, now())
      }),
    )
  }

  const reachable = (a: number, b: number) => activePartition === undefined || activePartition[a] === activePartition[b]
  let dialFailures = 0
  const dial = async (from: Member, to: Member): Promise<void> => {
    const node = from.node
    const address = to.node?.address
    if (node === undefined || address === undefined || to.leftAt !== undefined) return
    // A busy process can miss an upgrade timeout; a member would simply dial again.
    for (let attempt = 0; attempt < 3 && !node.connected().includes(to.peerId); attempt++) {
      try {
        await node.dial(address)
      } catch (err) {
        log.debug('simulated dial failed', { err })
        dialFailures++
      }
    }
  }
  const online = () => members.filter((m) => m.node !== undefined && m.leftAt === undefined)
  /** Members outside `m`'s part of the active partition. */
  const cutOff = (m: Member) =>
    online()
      .filter((p) => !reachable(m.index, p.index))
      .map((p) => p.peerId)
  /** Everyone online learns where `joined` listen, and they learn where everyone else does. */
  const introduce = async (joined: Member[]) => {
    const addressOf = (m: Member): [string, string] => [m.peerId, (m.node as SimNode).address]
    const all = online().map(addressOf)
    const fresh = joined.map(addressOf)
    const set = new Set(joined)
    await everyone(online(), (m) => m.node?.learn(set.has(m) ? all : fresh) ?? Promise.resolve(), 16)
  }
  const dialNeighbours = async (m: Member, onlyHigher: boolean) => {
    const peers = [...(plan.neighbours[m.index] ?? [])]
      .filter((j) => (!onlyHigher || j > m.index) && reachable(m.index, j))
      .map((j) => members[j] as Member)
      .filter((p) => p.node !== undefined && p.leftAt === undefined)
    await Promise.all(peers.map((p) => dial(m, p)))
  }

  const leave = async (m: Member) => {
    if (m.node === undefined) return
    // A member leaves when it leaves: what it learned by then, no waiting for its retries.
    m.final = await m.node.snapshot([])
    m.leftAt = now()
    await m.node.stop()
  }

  const timeline: SimulationResult['timeline'] = []
  const honestRejected = (): Record<string, number> => {
    const total: Record<string, number> = {}
    for (const m of members) {
      if (m.role !== 'honest') continue
      if (m.final !== undefined) addInto(total, m.final.rejected)
      else if (m.node !== undefined) addInto(total, m.node.rejected())
    }
    return total
  }
  const foundExpected = () => {
    let n = 0
    for (const key of truth.expected) {
      const [i, j, value] = key.split('|') as [string, string, string]
      if (members[Number(i)]?.found.has(`${j}|${value}`)) n++
    }
    return n
  }
  const redDone = () => {
    for (const m of members) {
      if (m.role !== 'honest' || m.node === undefined || m.leftAt !== undefined) continue
      const counts = m.node.redCounts()
      for (const peer of members) {
        const j = peer.index
        if (j === m.index || peer.leftAt !== undefined || plan.leaveAt[j] !== undefined) continue
        if ((counts.get(peer.peerId) ?? 0) !== (truth.red.get(`${m.index}|${j}`) ?? 0)) return false
      }
    }
    return true
  }

  const outsider = scenario.adversaries.nonMemberJoins > 0 ? prepared[scenario.nodes] : undefined
  let outsiderNode: SimNode | undefined
  const adversaries: Adversary[] = []
  const attempts = noAttacks()
  let attackRejected: Record<string, number> = {}
  let sampler: NodeJS.Timeout | undefined
  try {
    say('setup', `starting ${plan.joinAt.filter((t) => t === 0).length} of ${scenario.nodes} members`, 0, truth.expected.size)
    const initial = members.filter((m) => (plan.joinAt[m.index] ?? 0) === 0)
    await everyone(initial, launch)
    // The clock starts once the first members run: node (and, over tcp, process) start-up is not protocol time.
    t0 = Date.now()
    sampler = setInterval(() => {
      timeline.push({ tMs: now(), rejected: honestRejected() })
      for (const m of online()) m.peakConnected = Math.max(m.peakConnected, m.node?.connected().length ?? 0)
      const done = foundExpected()
      say('run', `matches ${done} of ${truth.expected.size}`, done, truth.expected.size)
    }, 500)
    await introduce(initial)
    await everyone(initial, (m) => dialNeighbours(m, true), 16)
    // The mesh is up: announcements made at start reached nobody, so every member announces
    // again (gossip reaches all, and each announcement runs its issuer's pair), then runs its pair
    // with every member (its reconcile, early) for any announcement gossip has not brought yet.
    await everyone(initial, (m) => m.node?.reannounce() ?? Promise.resolve(), 16)
    await sleep(GOSSIP_SETTLE_MS, signal)
    await everyone(initial, (m) => m.node?.runAll() ?? Promise.resolve(), 16)

    // Scheduled events: joins, leaves, sightings, partitions and their healing.
    const events: { at: number; run: () => Promise<void> }[] = []
    members.forEach((m) => {
      const joinAt = plan.joinAt[m.index] ?? 0
      if (joinAt > 0)
        events.push({
          at: joinAt,
          run: async () => {
            m.launching = launch(m)
            await m.launching
            await introduce([m])
            if (activePartition !== undefined) await everyone(online(), (p) => p.node?.setUnreachable(cutOff(p)) ?? Promise.resolve(), 16)
            await dialNeighbours(m, false)
            await m.node?.runAll()
          },
        })
      const leaveAt = plan.leaveAt[m.index]
      if (leaveAt !== undefined) events.push({ at: leaveAt, run: () => leave(m) })
    })
    for (const item of plan.items) {
      item.holders.forEach((h, k) => {
        const at = item.at[k] ?? 0
        if (at === 0 || at <= (plan.joinAt[h] ?? 0)) return
        events.push({
          at,
          run: async () => {
            // The ground truth counts this sighting: a holder still starting up makes it once it runs.
            await members[h]?.launching
            const node = members[h]?.node
            if (node === undefined || members[h]?.leftAt !== undefined) return
            await node.sight(toRows([item], organization(h)))
          },
        })
      })
    }
    for (const p of plan.partitions) {
      const crossing = () =>
        members.flatMap((m) =>
          [...(plan.neighbours[m.index] ?? [])]
            .filter((j) => j > m.index && p.groupOf[j] !== p.groupOf[m.index])
            .map((j) => [m, members[j] as Member] as const),
        )
      events.push({
        at: p.atMs,
        run: async () => {
          activePartition = p.groupOf
          await everyone(online(), (m) => m.node?.setUnreachable(cutOff(m)) ?? Promise.resolve(), 16)
        },
      })
      events.push({
        at: p.healMs,
        run: async () => {
          activePartition = undefined
          await everyone(online(), (m) => m.node?.setUnreachable([]) ?? Promise.resolve(), 16)
          await Promise.all(crossing().map(([a, b]) => dial(a, b)))
          // Members retrying across the cut would wait out their backoff; a reconcile finds them now.
          await everyone(online(), (m) => m.node?.runAll() ?? Promise.resolve(), 16)
        },
      })
    }
    events.sort((a, b) => a.at - b.at)

    const pending = new Set<Promise<void>>()
    const deadline = t0 + scenario.timeoutMs
    const sample = () => timeline.push({ tMs: now(), rejected: honestRejected() })
    let next = 0
    let converged = false
    for (;;) {
      signal?.throwIfAborted()
      while (next < events.length && (events[next]?.at ?? 0) <= now()) {
        const event = events[next++] as (typeof events)[number]
        const run = event.run().catch((err: unknown) => log.debug('scheduled event failed', { err }))
        pending.add(run)
        void run.then(() => pending.delete(run))
      }
      const done = foundExpected()
      if (next >= events.length && pending.size === 0 && done >= truth.expected.size) {
        converged = true
        break
      }
      if (Date.now() > deadline) break
      await sleep(Math.min(POLL_MS, next < events.length ? (events[next]?.at ?? 0) - now() : POLL_MS), signal)
    }
    await Promise.allSettled([...pending])
    // RED counts run after the per-item queries; a refused recount (the RED ration) must not hang the run.
    for (let k = 0; converged && k < 15 && !redDone(); k++) await sleep(POLL_MS, signal)

    // Adversaries act on a settled community: replays then meet committed sequence numbers.
    const a = scenario.adversaries
    if (plan.adversaries.malicious.length > 0 || a.nonMemberJoins > 0) {
      say('attack', 'adversaries acting', truth.expected.size, truth.expected.size)
      const beforeAttacks = honestRejected()
      for (const index of plan.adversaries.malicious) {
        const local = members[index]?.node?.local
        if (local === undefined) continue
        const adversary = new Adversary(local, { ...DEFAULT_PSI_OPTIONS, ...policy, community: COMMUNITY })
        adversaries.push(adversary)
        const peerOf = (j: number) => (members[j] as Member).peerId
        for (const j of plan.adversaries.forgedIssuers.get(index) ?? []) await adversary.forgeSignature(peerOf(j))
        for (const j of plan.adversaries.replayVictims.get(index) ?? []) await adversary.replay(peerOf(j))
        for (let k = 0; k < a.oversizeDigests; k++) await adversary.oversizeDigest()
        for (const j of plan.adversaries.floodTargets.get(index) ?? []) await adversary.floodQueries(peerOf(j))
        sample()
      }
      if (outsider !== undefined) {
        // The outsider believes the members are its community; they do not list it.
        outsiderNode = await start(spec(scenario.nodes, [], roster, () => undefined))
        const local = outsiderNode.local
        for (const j of plan.adversaries.nonMemberTargets) {
          const address = members[j]?.node?.address
          if (address !== undefined && local !== undefined) await dialAsNonMember(local, address, attempts)
        }
      }
      for (const adversary of adversaries) for (const kind of ATTACK_KINDS) attempts[kind] += adversary.attempts[kind]
      await sleep(SETTLE_MS, signal)
      sample()
      const afterAttacks = honestRejected()
      attackRejected = Object.fromEntries(Object.entries(afterAttacks).map(([k, v]) => [k, v - (beforeAttacks[k] ?? 0)]))
    }
    // Work still under way (notices, retries) finishes before the books close: snapshots wait for it.
    say('report', 'collecting results', foundExpected(), truth.expected.size)
    await Promise.all(
      members.map(async (m) => {
        if (m.node !== undefined && m.leftAt === undefined) m.final = await m.node.snapshot(online().map((p) => p.peerId))
      }),
    )
    if (!converged) converged = foundExpected() >= truth.expected.size
    clearInterval(sampler)
    sample()
    const runMs = now()

    return report({
      scenario,
      plan,
      truth,
      members,
      indexOf,
      modeled,
      costModel,
      attempts,
      attackRejected,
      timeline,
      converged,
      startedAt,
      wallStart,
      load: started.load,
      runMs,
      processCpu,
      dialFailures,
    })
  } finally {
    clearInterval(sampler)
    await Promise.allSettled([outsiderNode?.stop(), ...members.map((m) => (m.leftAt === undefined ? m.node?.stop() : undefined))])
    if (ownDir) await rm(workDir, { recursive: true, force: true })
  }
}

interface ReportInput {
  scenario: Scenario
  plan: Plan
  truth: Truth
  members: Member[]
  indexOf: Map<string, number>
  modeled: boolean
  costModel: CostModel | undefined
  attempts: AttackCounts
  /** Honest rejections by reason added while the adversaries acted. */
  attackRejected: Record<string, number>
  timeline: SimulationResult['timeline']
  converged: boolean
  startedAt: string
  wallStart: number
  load: SimLoad
  runMs: number
  processCpu: NodeJS.CpuUsage
  dialFailures: number
}

function report(input: ReportInput): SimulationResult {
  const { scenario, plan, truth, members, indexOf, modeled, costModel } = input
  const nodes: NodeResult[] = []
  const matches: [number, number, string][] = []
  const latencies: number[] = []
  const totalRejected: Record<string, number> = {}
  let found = 0
  let truePositives = 0
  let expectedFound = 0
  let redExpected = 0
  let redCounted = 0
  let firstMatch: number | null = null
  let allMatches: number | null = 0
  for (const m of members) {
    const snap = m.final
    const distinct = new Map<string, { peer: number; value: string }>()
    for (const r of snap?.matches ?? []) {
      const peer = indexOf.get(r.peer) ?? -1
      distinct.set(`${m.index}|${peer}|${r.value}`, { peer, value: r.value })
    }
    let tp = 0
    let expected = 0
    let expectedHit = 0
    let first: number | null = null
    let last = 0
    for (const [key, { peer, value }] of distinct) {
      if (truth.pairs.has(key)) {
        tp++
        const at = m.found.get(`${peer}|${value}`)
        if (at !== undefined) first = first === null ? at : Math.min(first, at)
      }
    }
    for (const key of truth.expected) {
      if (!key.startsWith(`${m.index}|`)) continue
      expected++
      const [, j, value] = key.split('|') as [string, string, string]
      const at = m.found.get(`${j}|${value}`)
      if (at !== undefined && distinct.has(key)) {
        expectedHit++
        last = Math.max(last, at)
        latencies.push(Math.max(0, at - (truth.pairs.get(key) ?? 0)))
      }
    }
    const leftEarly = m.leftAt !== undefined || plan.leaveAt[m.index] !== undefined
    const red = { expected: 0, counted: 0 }
    if (!leftEarly) {
      for (let j = 0; j < members.length; j++) {
        if (j === m.index || plan.leaveAt[j] !== undefined) continue
        red.expected += truth.red.get(`${m.index}|${j}`) ?? 0
        red.counted += snap?.redCounts.get((members[j] as Member).peerId) ?? 0
      }
    }
    const joinedAtMs = plan.joinAt[m.index] ?? 0
    const counts = snap?.counts ?? zeroCounts()
    const cpuMs = modeled && costModel !== undefined ? modeledMs(counts, costModel) : (snap?.cpuMs ?? 0)
    const rejected = snap?.rejected ?? {}
    nodes.push({
      index: m.index,
      organization: m.organization,
      peerId: m.peerId,
      role: m.role,
      joinedAtMs,
      leftAtMs: m.leftAt ?? null,
      items: plan.items.filter((item) => item.holders.includes(m.index)).length,
      expected: leftEarly ? null : expected,
      found: distinct.size,
      truePositives: tp,
      precision: distinct.size === 0 ? 1 : tp / distinct.size,
      recall: leftEarly ? null : expected === 0 ? 1 : expectedHit / expected,
      timeToFirstMatchMs: first === null ? null : Math.max(0, first - joinedAtMs),
      timeToAllMatchesMs: leftEarly || expectedHit < expected ? null : Math.max(0, last - joinedAtMs),
      bytesSent: snap?.bytes ?? 0,
      messagesSent: snap?.messages ?? 0,
      peakConnected: m.peakConnected,
      idleClosed: snap?.idleClosed ?? 0,
      cpuMs: Math.round(cpuMs * 10) / 10,
      processCpuMs: snap?.processCpuMs === undefined ? null : Math.round(snap.processCpuMs),
      dhOps: counts,
      pointsRaised: counts.raise,
      budgetRefusals: snap?.budgetRefusals ?? 0,
      rejected,
      red,
      errors: snap?.errors ?? 0,
      errorSamples: snap?.errorSamples ?? [],
    })
    if (m.role !== 'honest') continue
    for (const { peer, value } of distinct.values()) matches.push([m.index, peer, value])
    found += distinct.size
    truePositives += tp
    expectedFound += expectedHit
    redExpected += red.expected
    redCounted += red.counted
    addInto(totalRejected, rejected)
    if (first !== null) firstMatch = firstMatch === null ? first : Math.min(firstMatch, first)
    if (allMatches !== null) allMatches = expectedHit < expected ? null : Math.max(allMatches, last)
  }
  matches.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0))
  latencies.sort((a, b) => a - b)
  const honestNodes = nodes.filter((n) => n.role === 'honest')
  const got = new Set(matches.map(([i, j, value]) => `${i}|${j}|${value}`))
  const missing = [...truth.expected].filter((key) => !got.has(key)).slice(0, 50)
  const mean = (f: (n: NodeResult) => number) => (nodes.length === 0 ? 0 : Math.round(nodes.reduce((s, n) => s + f(n), 0) / nodes.length))
  const rejectedByKind = Object.fromEntries(
    ATTACK_KINDS.map((kind) => [kind, { counter: ATTACK_COUNTERS[kind], count: input.attackRejected[ATTACK_COUNTERS[kind]] ?? 0 }]),
  ) as SimulationResult['adversaries']['rejected']
  const byTlp: Record<string, number> = {}
  for (const item of plan.items) byTlp[item.tlp] = (byTlp[item.tlp] ?? 0) + 1
  const cpu = process.cpuUsage(input.processCpu)
  return {
    scenario,
    seed: scenario.seed,
    versions: {
      sightline: packageVersion('../../package.json'),
      node: process.version,
      libp2p: packageVersion('../../node_modules/libp2p/package.json'),
      gossipsub: packageVersion('../../node_modules/@libp2p/gossipsub/package.json'),
    },
    crypto: modeled
      ? {
          fidelity: 'modeled',
          backend: 'modeled',
          cpu: 'modeled',
          note: `MODELED crypto: X25519 replaced by multiplication modulo the group order (commutes like X25519, same messages and sizes; not secure). CPU ms = counted DH-PSI operations (elements published, points raised and tagged) x cost per element measured on the real ${costModel?.backend ?? 'X25519'} backend at start-up.`,
          ...(costModel === undefined ? {} : { costModel }),
        }
      : {
          fidelity: 'real',
          backend: x25519Backend().name,
          cpu: 'measured',
          note: `Real DH-PSI (sightline-dhpsi-x25519-v1, X25519 on ${x25519Backend().name}). CPU ms = CPU time measured inside each node’s DH-PSI operations (publish, raise and tag).`,
        },
    startedAt: input.startedAt,
    load: input.load,
    wallMs: Date.now() - input.wallStart,
    runMs: input.runMs,
    converged: input.converged,
    groundTruth: {
      indicators: plan.items.length,
      shared: plan.items.filter((i) => i.holders.length > 1 && !i.warninglisted).length,
      warninglisted: plan.items.filter((i) => i.warninglisted).length,
      sightings: plan.items.filter((i) => i.at.some((t) => t > 0)).length,
      byTlp,
      pairs: truth.pairs.size,
      expected: truth.expected.size,
      redPairs: truth.red.size,
      missing,
    },
    summary: {
      precision: found === 0 ? 1 : truePositives / found,
      recall: truth.expected.size === 0 ? 1 : expectedFound / truth.expected.size,
      found,
      truePositives,
      timeToFirstMatchMs: firstMatch,
      timeToAllMatchesMs: allMatches,
      bytesPerNode: mean((n) => n.bytesSent),
      messagesPerNode: mean((n) => n.messagesSent),
      peakConnected: nodes.reduce((most, n) => Math.max(most, n.peakConnected), 0),
      idleClosed: nodes.reduce((sum, n) => sum + n.idleClosed, 0),
      cpuMsPerNode: mean((n) => n.cpuMs),
      pointsRaised: nodes.reduce((s, n) => s + n.pointsRaised, 0),
      budgetRefusals: honestNodes.reduce((s, n) => s + n.budgetRefusals, 0),
      rejected: totalRejected,
      redExpected,
      redCounted,
      processCpuMs: Math.round((cpu.user + cpu.system) / 1000 + nodes.reduce((sum, n) => sum + (n.processCpuMs ?? 0), 0)),
      dialFailures: input.dialFailures,
    },
    adversaries: {
      malicious: plan.adversaries.malicious,
      attempted: input.attempts,
      rejected: rejectedByKind,
      accounted: ATTACK_KINDS.every((kind) => rejectedByKind[kind].count >= input.attempts[kind]),
    },
    timeline: input.timeline,
    latenciesMs: latencies,
    nodes,
    matches,
  }
}

/**
 * The scenario's PSI policy as node options: each mode's budget rule over the defaults (a node
 * replaces `budget` whole, so both modes are always given), and the list limits.
 */
export function psiPolicy(scenario: Scenario): Partial<PsiOptions> {
  const { budget, ...limits } = scenario.psi
  const out: Partial<PsiOptions> = { ...limits }
  if (budget !== undefined) {
    out.budget = {
      ...DEFAULT_PSI_OPTIONS.budget,
      [Mode.Items]: { ...DEFAULT_PSI_OPTIONS.budget[Mode.Items], ...budget.items },
      [Mode.Count]: { ...DEFAULT_PSI_OPTIONS.budget[Mode.Count], ...budget.count },
    }
  }
  return out
}
