import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { x25519Backend } from '../crypto/x25519-backend.ts'
import { forComponent } from '../logger.ts'
import { ATTACK_COUNTERS, ATTACK_KINDS, type AttackCounts } from './adversary.ts'
import type { Member } from './community.ts'
import { type CostModel, modeledMs, zeroCounts } from './cost-model.ts'
import type { SimLoad } from './cpu-burn.ts'
import { inWindow, type Plan } from './plan.ts'
import { addInto } from './progress.ts'
import { type KindScore, kindQuality, scoreKind } from './quality.ts'
import type { CountQuality, NodeResult, SimulationResult } from './result-types.ts'
import type { Scenario } from './scenario.ts'
import { type KindTruth, pairKey, type Truth } from './truth.ts'

const log = forComponent('sightline:sim')

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
  } catch (err) {
    log.debug('package version unreadable', { name, err })
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

/** One member's matches of both kinds against the ground truth, and when they came. */
interface Scored {
  node: NodeResult
  holds: KindScore
  sighted: KindScore
}

function triples(score: KindScore, node: number): [number, number, string][] {
  return [...score.records.values()].map(({ peer, value }): [number, number, string] => [node, peer, value])
}

function score(m: Member, input: ReportInput): Scored {
  const { truth, plan } = input
  const holds = scoreKind(m, 'holds', truth, truth.tlpOf, input.indexOf)
  const sighted = scoreKind(m, 'sighted', truth.sighted, truth.tlpOf, input.indexOf)
  const leftEarly = m.leftAt !== undefined || plan.leaveAt[m.index] !== undefined
  const joinedAtMs = plan.joinAt[m.index] ?? 0
  const spent = spending(m, input)
  const recall = (s: KindScore) => (leftEarly ? null : s.expected === 0 ? 1 : s.expectedFound / s.expected)
  const precision = (s: KindScore) => (s.found === 0 ? 1 : s.truePositives / s.found)
  const node: NodeResult = {
    index: m.index,
    organization: m.organization,
    peerId: m.peerId,
    role: m.role,
    joinedAtMs,
    leftAtMs: m.leftAt ?? null,
    items: plan.items.filter((item) => item.holders.includes(m.index)).length,
    expected: leftEarly ? null : holds.expected,
    found: holds.found,
    truePositives: holds.truePositives,
    precision: precision(holds),
    recall: recall(holds),
    timeToFirstMatchMs: holds.first === null ? null : Math.max(0, holds.first - joinedAtMs),
    timeToAllMatchesMs: leftEarly || holds.expectedFound < holds.expected ? null : Math.max(0, holds.last - joinedAtMs),
    ...spent.sent,
    rejected: spent.rejected,
    red: leftEarly ? { expected: 0, counted: 0 } : redOf(m, input, truth.red, m.final?.redCounts),
    sighted: {
      expected: leftEarly ? null : sighted.expected,
      found: sighted.found,
      truePositives: sighted.truePositives,
      precision: precision(sighted),
      recall: recall(sighted),
    },
    redSighted: leftEarly ? { expected: 0, counted: 0 } : redOf(m, input, truth.sighted.red, m.final?.redSighted),
    errors: spent.errors,
    errorSamples: spent.errorSamples,
  }
  return { node, holds, sighted }
}

/** RED overlap with every member that stays: expected by the truth, counted by the node. */
function redOf(m: Member, input: ReportInput, truth: KindTruth['red'], counts: Map<string, number> | undefined): CountQuality {
  const red = { expected: 0, counted: 0 }
  for (const peer of input.members) {
    const j = peer.index
    if (j === m.index || input.plan.leaveAt[j] !== undefined) continue
    red.expected += truth.get(`${m.index}|${j}`) ?? 0
    red.counted += counts?.get(peer.peerId) ?? 0
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

function missing(expected: Set<string>, matches: [number, number, string][]): string[] {
  const got = new Set(matches.map(([i, j, value]) => pairKey(i, j, value)))
  return [...expected].filter((key) => !got.has(key)).slice(0, 50)
}

function sightedTruthOf(plan: Plan, truth: Truth, matches: [number, number, string][]): SimulationResult['groundTruth']['sighted'] {
  const ages = plan.items.flatMap((i) => (i.warninglisted ? [] : (i.sightedAgoMs ?? []).filter((ms) => ms !== undefined)))
  const shared = plan.items.filter((i) => !i.warninglisted && (i.sightedAgoMs ?? []).filter(inWindow).length > 1)
  return {
    sightings: ages.length,
    outsideWindow: ages.filter((ms) => !inWindow(ms)).length,
    sharedValues: shared.length,
    pairs: truth.sighted.pairs.size,
    expected: truth.sighted.expected.size,
    redPairs: truth.sighted.red.size,
    missing: missing(truth.sighted.expected, matches),
  }
}

function groundTruthOf(plan: Plan, truth: Truth, matches: [number, number, string][], sighted: [number, number, string][]) {
  const byTlp: Record<string, number> = {}
  for (const item of plan.items) byTlp[item.tlp] = (byTlp[item.tlp] ?? 0) + 1
  return {
    indicators: plan.items.length,
    shared: plan.items.filter((i) => i.holders.length > 1 && !i.warninglisted).length,
    warninglisted: plan.items.filter((i) => i.warninglisted).length,
    sightings: plan.items.filter((i) => i.at.some((t) => t > 0)).length,
    byTlp,
    pairs: truth.pairs.size,
    expected: truth.expected.size,
    redPairs: truth.red.size,
    missing: missing(truth.expected, matches),
    sighted: sightedTruthOf(plan, truth, sighted),
  }
}

/** The run's results: every member scored against the ground truth, honest members summed up. */
export function report(input: ReportInput): SimulationResult {
  const { scenario, plan } = input
  const scored = input.members.map((m) => score(m, input))
  const nodes = scored.map((s) => s.node)
  const honest = scored.filter((s) => s.node.role === 'honest')
  const matches = honest.flatMap((s) => triples(s.holds, s.node.index)).sort(compareMatches)
  const sightedMatches = honest.flatMap((s) => triples(s.sighted, s.node.index)).sort(compareMatches)
  const sum = (f: (n: NodeResult) => number) => honest.reduce((total, s) => total + f(s.node), 0)
  const mean = (f: (n: NodeResult) => number) => (nodes.length === 0 ? 0 : Math.round(nodes.reduce((s, n) => s + f(n), 0) / nodes.length))
  const rejected: Record<string, number> = {}
  for (const s of honest) addInto(rejected, s.node.rejected)
  const firsts = honest.flatMap((s) => (s.holds.first === null ? [] : [s.holds.first]))
  const complete = honest.every((s) => s.holds.expectedFound >= s.holds.expected)
  const red = { expected: sum((n) => n.red.expected), counted: sum((n) => n.red.counted) }
  const holds = kindQuality(
    honest.map((s) => s.holds),
    red,
  )
  const sighted = kindQuality(
    honest.map((s) => s.sighted),
    { expected: sum((n) => n.redSighted.expected), counted: sum((n) => n.redSighted.counted) },
  )
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
    groundTruth: groundTruthOf(plan, input.truth, matches, sightedMatches),
    summary: {
      precision: holds.precision,
      recall: holds.recall,
      holds,
      sighted,
      found: holds.found,
      truePositives: holds.truePositives,
      timeToFirstMatchMs: firsts.length === 0 ? null : Math.min(...firsts),
      timeToAllMatchesMs: complete ? Math.max(0, ...honest.map((s) => s.holds.last)) : null,
      bytesPerNode: mean((n) => n.bytesSent),
      messagesPerNode: mean((n) => n.messagesSent),
      peakConnected: nodes.reduce((most, n) => Math.max(most, n.peakConnected), 0),
      idleClosed: nodes.reduce((total, n) => total + n.idleClosed, 0),
      cpuMsPerNode: mean((n) => n.cpuMs),
      pointsRaised: nodes.reduce((total, n) => total + n.pointsRaised, 0),
      budgetRefusals: sum((n) => n.budgetRefusals),
      rejected,
      redExpected: red.expected,
      redCounted: red.counted,
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
    latenciesMs: honest.flatMap((s) => s.holds.latencies).sort((a, b) => a - b),
    nodes,
    matches,
    sightedMatches,
  }
}
