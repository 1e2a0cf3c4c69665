import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { x25519Backend } from '../crypto/x25519-backend.ts'
import { ATTACK_COUNTERS, ATTACK_KINDS, type AttackCounts } from './adversary.ts'
import { addInto, type Member } from './community.ts'
import { type CostModel, modeledMs, zeroCounts } from './cost-model.ts'
import type { SimLoad } from './cpu-burn.ts'
import type { Plan } from './plan.ts'
import type { NodeResult, SimulationResult } from './result-types.ts'
import type { Scenario } from './scenario.ts'
import { pairKey, type Truth } from './truth.ts'

const require = createRequire(import.meta.url)

/**
 * The version of an installed package: its entry point resolved as Node resolves it, then the
 * nearest package.json of that name above it (packages that export no `./package.json` included).
 */
export function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name))
    for (;;) {
      const file = join(dir, 'package.json')
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
        if (pkg.name === name && pkg.version !== undefined) return pkg.version
      }
      const up = dirname(dir)
      if (up === dir) return 'unknown'
      dir = up
    }
  } catch {
    return 'unknown'
  }
}

function versions(): Record<string, string> {
  const own = require('../../package.json') as { version: string }
  return { sightline: own.version, node: process.version, libp2p: packageVersion('libp2p'), gossipsub: packageVersion('@libp2p/gossipsub') }
}

export interface ReportInput {
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

/** One member's matches against the ground truth, and when they came. */
interface Scored {
  node: NodeResult
  /** Its distinct matches (honest members' go into the results). */
  matches: [number, number, string][]
  expectedHit: number
  expected: number
  first: number | null
  last: number
  latencies: number[]
}

function score(m: Member, input: ReportInput): Scored {
  const { truth, plan } = input
  const distinct = new Map<string, { peer: number; value: string }>()
  for (const r of m.final?.matches ?? []) {
    const peer = input.indexOf.get(r.peer) ?? -1
    distinct.set(pairKey(m.index, peer, r.value), { peer, value: r.value })
  }
  let tp = 0
  let first: number | null = null
  for (const [key, { peer, value }] of distinct) {
    if (!truth.pairs.has(key)) continue
    tp++
    const at = m.found.get(`${peer}|${value}`)
    if (at !== undefined) first = first === null ? at : Math.min(first, at)
  }
  let expected = 0
  let expectedHit = 0
  let last = 0
  const latencies: number[] = []
  for (const key of truth.expected) {
    if (!key.startsWith(`${m.index}|`)) continue
    expected++
    const [, j, value] = key.split('|') as [string, string, string]
    const at = m.found.get(`${j}|${value}`)
    if (at === undefined || !distinct.has(key)) continue
    expectedHit++
    last = Math.max(last, at)
    latencies.push(Math.max(0, at - (truth.pairs.get(key) ?? 0)))
  }
  const leftEarly = m.leftAt !== undefined || plan.leaveAt[m.index] !== undefined
  const joinedAtMs = plan.joinAt[m.index] ?? 0
  const spent = spending(m, input)
  const node: NodeResult = {
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
    ...spent.sent,
    rejected: spent.rejected,
    red: leftEarly ? { expected: 0, counted: 0 } : redOf(m, input),
    errors: spent.errors,
    errorSamples: spent.errorSamples,
  }
  const matches = [...distinct.values()].map(({ peer, value }): [number, number, string] => [m.index, peer, value])
  return { node, matches, expectedHit, expected, first, last, latencies }
}

/** RED overlap with every member that stays: expected by the truth, counted by the node. */
function redOf(m: Member, input: ReportInput): { expected: number; counted: number } {
  const red = { expected: 0, counted: 0 }
  for (const peer of input.members) {
    const j = peer.index
    if (j === m.index || input.plan.leaveAt[j] !== undefined) continue
    red.expected += input.truth.red.get(`${m.index}|${j}`) ?? 0
    red.counted += m.final?.redCounts.get(peer.peerId) ?? 0
  }
  return red
}

/** What a member sent, spent and refused, from its own counters. */
function spending(m: Member, input: ReportInput) {
  const snap = m.final
  const counts = snap?.counts ?? zeroCounts()
  const cpuMs = input.modeled && input.costModel !== undefined ? modeledMs(counts, input.costModel) : (snap?.cpuMs ?? 0)
  return {
    sent: {
      bytesSent: snap?.bytes ?? 0,
      messagesSent: snap?.messages ?? 0,
      peakConnected: m.peakConnected,
      idleClosed: snap?.idleClosed ?? 0,
      cpuMs: Math.round(cpuMs * 10) / 10,
      processCpuMs: snap?.processCpuMs === undefined ? null : Math.round(snap.processCpuMs),
      dhOps: counts,
      pointsRaised: counts.raise,
      budgetRefusals: snap?.budgetRefusals ?? 0,
    },
    rejected: snap?.rejected ?? {},
    errors: snap?.errors ?? 0,
    errorSamples: snap?.errorSamples ?? [],
  }
}

function cryptoInfo(modeled: boolean, costModel: CostModel | undefined): SimulationResult['crypto'] {
  if (modeled)
    return {
      fidelity: 'modeled',
      backend: 'modeled',
      cpu: 'modeled',
      note: `MODELED crypto: X25519 replaced by multiplication modulo the group order (commutes like X25519, same messages and sizes; not secure). CPU ms = counted DH-PSI operations (elements published, points raised and tagged) x cost per element measured on the real ${costModel?.backend ?? 'X25519'} backend at start-up.`,
      ...(costModel === undefined ? {} : { costModel }),
    }
  return {
    fidelity: 'real',
    backend: x25519Backend().name,
    cpu: 'measured',
    note: `Real DH-PSI (sightline-dhpsi-x25519-v1, X25519 on ${x25519Backend().name}). CPU ms = CPU time measured inside each node’s DH-PSI operations (publish, raise and tag).`,
  }
}

function compareMatches(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)
}

function groundTruthOf(plan: Plan, truth: Truth, matches: [number, number, string][]): SimulationResult['groundTruth'] {
  const byTlp: Record<string, number> = {}
  for (const item of plan.items) byTlp[item.tlp] = (byTlp[item.tlp] ?? 0) + 1
  const got = new Set(matches.map(([i, j, value]) => pairKey(i, j, value)))
  return {
    indicators: plan.items.length,
    shared: plan.items.filter((i) => i.holders.length > 1 && !i.warninglisted).length,
    warninglisted: plan.items.filter((i) => i.warninglisted).length,
    sightings: plan.items.filter((i) => i.at.some((t) => t > 0)).length,
    byTlp,
    pairs: truth.pairs.size,
    expected: truth.expected.size,
    redPairs: truth.red.size,
    missing: [...truth.expected].filter((key) => !got.has(key)).slice(0, 50),
  }
}

/** The run's results: every member scored against the ground truth, honest members summed up. */
export function report(input: ReportInput): SimulationResult {
  const { scenario, plan, truth } = input
  const scored = input.members.map((m) => score(m, input))
  const nodes = scored.map((s) => s.node)
  const honest = scored.filter((s) => s.node.role === 'honest')
  const matches = honest.flatMap((s) => s.matches).sort(compareMatches)
  const sum = (f: (s: Scored) => number, of = honest) => of.reduce((total, s) => total + f(s), 0)
  const mean = (f: (n: NodeResult) => number) => (nodes.length === 0 ? 0 : Math.round(nodes.reduce((s, n) => s + f(n), 0) / nodes.length))
  const rejected: Record<string, number> = {}
  for (const s of honest) addInto(rejected, s.node.rejected)
  const firsts = honest.flatMap((s) => (s.first === null ? [] : [s.first]))
  const complete = honest.every((s) => s.expectedHit >= s.expected)
  const found = sum((s) => s.node.found)
  const truePositives = sum((s) => s.node.truePositives)
  const rejectedByKind = Object.fromEntries(
    ATTACK_KINDS.map((kind) => [kind, { counter: ATTACK_COUNTERS[kind], count: input.attackRejected[ATTACK_COUNTERS[kind]] ?? 0 }]),
  ) as SimulationResult['adversaries']['rejected']
  const cpu = process.cpuUsage(input.processCpu)
  return {
    scenario,
    seed: scenario.seed,
    versions: versions(),
    crypto: cryptoInfo(input.modeled, input.costModel),
    startedAt: input.startedAt,
    load: input.load,
    wallMs: Date.now() - input.wallStart,
    runMs: input.runMs,
    converged: input.converged,
    groundTruth: groundTruthOf(plan, truth, matches),
    summary: {
      precision: found === 0 ? 1 : truePositives / found,
      recall: truth.expected.size === 0 ? 1 : sum((s) => s.expectedHit) / truth.expected.size,
      found,
      truePositives,
      timeToFirstMatchMs: firsts.length === 0 ? null : Math.min(...firsts),
      timeToAllMatchesMs: complete ? Math.max(0, ...honest.map((s) => s.last)) : null,
      bytesPerNode: mean((n) => n.bytesSent),
      messagesPerNode: mean((n) => n.messagesSent),
      peakConnected: nodes.reduce((most, n) => Math.max(most, n.peakConnected), 0),
      idleClosed: nodes.reduce((total, n) => total + n.idleClosed, 0),
      cpuMsPerNode: mean((n) => n.cpuMs),
      pointsRaised: nodes.reduce((total, n) => total + n.pointsRaised, 0),
      budgetRefusals: sum((s) => s.node.budgetRefusals),
      rejected,
      redExpected: sum((s) => s.node.red.expected),
      redCounted: sum((s) => s.node.red.counted),
      processCpuMs: Math.round((cpu.user + cpu.system) / 1000 + nodes.reduce((total, n) => total + (n.processCpuMs ?? 0), 0)),
      dialFailures: input.dialFailures,
    },
    adversaries: {
      malicious: plan.adversaries.malicious,
      attempted: input.attempts,
      rejected: rejectedByKind,
      accounted: ATTACK_KINDS.every((kind) => rejectedByKind[kind].count >= input.attempts[kind]),
    },
    timeline: input.timeline,
    latenciesMs: honest.flatMap((s) => s.latencies).sort((a, b) => a - b),
    nodes,
    matches,
  }
}
