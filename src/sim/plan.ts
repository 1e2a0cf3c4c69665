import type { Tlp } from '../indicators/tlp.ts'
import { TLP_LEVELS } from '../indicators/tlp.ts'
import type { IndicatorType } from '../indicators/types.ts'
import { DEFAULT_CONFIG } from '../node/options.ts'
import { Mode } from '../psi/messages.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../psi/options.ts'
import { Random } from './random.ts'
import type { Scenario } from './scenario.ts'

/** One generated indicator and who holds it, from when (0: at the start). */
export interface PlannedItem {
  type: IndicatorType
  value: string
  tlp: Tlp
  holders: number[]
  /** When each holder sights it (ms from the start); the same order as holders. */
  at: number[]
  /** On the built-in warninglists: never matched. */
  warninglisted: boolean
  /**
   * Per holder (the same order as holders): how long before it starts it sighted the item in its
   * own telemetry (ms), or undefined when it did not (scenario `sighted`).
   */
  sightedAgoMs?: (number | undefined)[]
}

export interface Partition {
  atMs: number
  healMs: number
  /** Group of each node. */
  groupOf: number[]
}

export interface AdversaryPlan {
  /** Malicious members (node indices). */
  malicious: number[]
  /** Per malicious member: the honest members it floods, replays, forges as. */
  floodTargets: Map<number, number[]>
  replayVictims: Map<number, number[]>
  forgedIssuers: Map<number, number[]>
  /** Honest members the non-member dials, one per attempt. */
  nonMemberTargets: number[]
}

/** Everything the seed decides, before any node starts. */
export interface Plan {
  items: PlannedItem[]
  /** Neighbours of each node (whom it connects to). */
  neighbours: Set<number>[]
  /** Start time of each node (0, or later for joins). */
  joinAt: number[]
  /** Stop time of each node that leaves. */
  leaveAt: (number | undefined)[]
  partitions: Partition[]
  adversaries: AdversaryPlan
  /** The last scheduled event (sightings, churn, partitions heal). */
  lastEventMs: number
}

/** Known-benign values on the built-in warninglists. */
const BENIGN: { type: IndicatorType; value: string }[] = [
  { type: 'ipv4', value: '8.8.8.8' },
  { type: 'domain', value: 'google.com' },
  { type: 'domain', value: 'www.google.com' },
]
const FIRST_OCTETS = [45, 91, 103, 185, 193, 194]

function drawCount(spec: Scenario['itemsPerNode'], rng: Random): number {
  if (typeof spec === 'number') return spec
  if (spec.distribution === 'uniform') return rng.int(spec.min, spec.max)
  const x = Math.round(spec.mean + spec.sd * rng.normal())
  return Math.min(spec.max ?? Number.POSITIVE_INFINITY, Math.max(spec.min ?? 0, x))
}

/** Canonical values of the four common kinds, unique within a run. */
class ValueSource {
  readonly #rng: Random
  readonly #seen = new Set<string>()
  constructor(rng: Random) {
    this.#rng = rng
  }
  next(): { type: IndicatorType; value: string } {
    for (;;) {
      const r = this.#rng
      let item: { type: IndicatorType; value: string }
      switch (r.int(0, 3)) {
        case 0:
          item = { type: 'domain', value: `c2-${r.hex(10)}.sim.example` }
          break
        case 1:
          item = { type: 'ipv4', value: `${r.pick(FIRST_OCTETS)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}` }
          break
        case 2:
          item = { type: 'url', value: `https://h-${r.hex(8)}.sim.example/p/${r.hex(6)}` }
          break
        default:
          item = { type: 'sha256', value: r.hex(64) }
      }
      if (this.#seen.has(item.value)) continue
      this.#seen.add(item.value)
      return item
    }
  }
}

/**
 * The ring lattice of `degree` (each node linked to degree/2 on either side, in a seeded order), or
 * every pair. Connected for any degree >= 2, and no node has more links than the degree.
 */
function topology(s: Scenario, rng: Random): Set<number>[] {
  const n = s.nodes
  const neighbours = Array.from({ length: n }, () => new Set<number>())
  const link = (a: number, b: number) => {
    if (a === b) return
    neighbours[a]?.add(b)
    neighbours[b]?.add(a)
  }
  if (s.connections === 'full') {
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) link(a, b)
    return neighbours
  }
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i))
  const half = Math.max(1, Math.floor(s.connections.degree / 2))
  for (let p = 0; p < n; p++) for (let d = 1; d <= half; d++) link(order[p] as number, order[(p + d) % n] as number)
  return neighbours
}

export function makePlan(s: Scenario): Plan {
  const root = new Random(s.seed)
  const n = s.nodes
  const rngRoles = root.fork('roles')
  const malicious = rngRoles
    .shuffle(Array.from({ length: n }, (_, i) => i))
    .slice(0, s.adversaries.count)
    .sort((a, b) => a - b)
  const honest = Array.from({ length: n }, (_, i) => i).filter((i) => !malicious.includes(i))

  const rngChurn = root.fork('churn')
  const joinAt = Array.from({ length: n }, () => 0)
  const leaveAt: (number | undefined)[] = Array.from({ length: n }, () => undefined)
  if (s.churn !== undefined) {
    const churners = rngChurn.shuffle(honest).slice(0, s.churn.joins + s.churn.leaves)
    churners.forEach((node, i) => {
      const at = rngChurn.int(s.churn?.fromMs ?? 0, s.churn?.toMs ?? 0)
      if (i < (s.churn?.joins ?? 0)) joinAt[node] = at
      else leaveAt[node] = at
    })
  }

  const values = new ValueSource(root.fork('values'))
  const rngTlp = root.fork('tlp')
  const levels = TLP_LEVELS.filter((l) => (s.tlp[l] ?? 0) > 0)
  const weights = levels.map((l) => s.tlp[l] ?? 0)
  const tlp = (): Tlp => levels[rngTlp.weighted(weights)] as Tlp
  const items: PlannedItem[] = []
  const held = Array.from({ length: n }, () => 0)
  const add = (holders: number[], at?: number[]) => {
    const v = values.next()
    items.push({ ...v, tlp: tlp(), holders, at: at ?? holders.map(() => 0), warninglisted: false })
    for (const h of holders) held[h] = (held[h] ?? 0) + 1
  }

  const rngOverlap = root.fork('overlap')
  const { hot, pairwise, clusters } = s.overlap
  for (let k = 0; k < (hot?.count ?? 0); k++) {
    const holders = Array.from({ length: n }, (_, i) => i).filter(() => rngOverlap.chance(hot?.holderFraction ?? 0))
    if (holders.length > 0) add(holders)
  }
  if (pairwise !== undefined) {
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (!rngOverlap.chance(pairwise.probability)) continue
        for (let k = 0; k < pairwise.items; k++) add([a, b])
      }
    }
  }
  for (let c = 0; c < (clusters?.count ?? 0); c++) {
    const members = rngOverlap
      .shuffle(Array.from({ length: n }, (_, i) => i))
      .slice(0, clusters?.size ?? 0)
      .sort((a, b) => a - b)
    for (let k = 0; k < (clusters?.items ?? 0); k++) add(members)
  }
  const rngCount = root.fork('counts')
  for (let i = 0; i < n; i++) {
    const want = drawCount(s.itemsPerNode, rngCount)
    while ((held[i] ?? 0) < want) add([i])
  }
  for (const benign of BENIGN.slice(0, s.warninglisted)) {
    const all = Array.from({ length: n }, (_, i) => i)
    items.push({ ...benign, tlp: 'amber', holders: all, at: all.map(() => 0), warninglisted: true })
  }

  let lastEventMs = 0
  for (let i = 0; i < n; i++) lastEventMs = Math.max(lastEventMs, joinAt[i] ?? 0, leaveAt[i] ?? 0)

  // Sightings: Poisson arrivals, sighted by a member online then and to the end (so the truth of
  // who should match it is clear), and with some probability by a second such member.
  if (s.sightings !== undefined && s.sightings.perSecond > 0) {
    const rng = root.fork('sightings')
    const mean = 1000 / s.sightings.perSecond
    for (let t = rng.exponential(mean); t < s.sightings.durationMs; t += rng.exponential(mean)) {
      const at = Math.round(t)
      const eligible = honest.filter((i) => (joinAt[i] ?? 0) <= at && leaveAt[i] === undefined)
      if (eligible.length < 2) continue
      const first = rng.pick(eligible)
      const holders = [first]
      const when = [at]
      if (rng.chance(s.sightings.sharedProbability)) {
        holders.push(rng.pick(eligible.filter((i) => i !== first)))
        when.push(at + rng.int(0, 500))
      }
      add(holders, when)
      lastEventMs = Math.max(lastEventMs, ...when)
    }
  }

  if (s.sighted !== undefined) plantSighted(items, s.sighted, root.fork('sighted'))

  const rngPartition = root.fork('partitions')
  const partitions = s.partitions.map((p) => {
    const order = rngPartition.shuffle(Array.from({ length: n }, (_, i) => i))
    const groupOf = Array.from({ length: n }, () => 0)
    order.forEach((node, k) => {
      groupOf[node] = k % p.parts
    })
    lastEventMs = Math.max(lastEventMs, p.atMs + p.durationMs)
    return { atMs: p.atMs, healMs: p.atMs + p.durationMs, groupOf }
  })

  const neighbours = topology(s, root.fork('topology'))
  const rngAdv = root.fork('adversaries')
  const stayers = honest.filter((i) => leaveAt[i] === undefined)
  const targets = (m: number, count: number) =>
    rngAdv
      .shuffle(stayers.filter((h) => neighbours[m]?.has(h)))
      .slice(0, count)
      .sort((a, b) => a - b)
  const adversaries: AdversaryPlan = {
    malicious,
    floodTargets: new Map(malicious.map((m) => [m, targets(m, s.adversaries.queryFloods)])),
    // A replayed announcement is fetched from its issuer first: a neighbour.
    replayVictims: new Map(
      malicious.map((m) => {
        const near = stayers.filter((h) => neighbours[m]?.has(h))
        return [m, Array.from({ length: near.length === 0 ? 0 : s.adversaries.replays }, () => rngAdv.pick(near))]
      }),
    ),
    forgedIssuers: new Map(malicious.map((m) => [m, Array.from({ length: s.adversaries.forgedSignatures }, () => rngAdv.pick(stayers))])),
    nonMemberTargets: Array.from({ length: s.adversaries.nonMemberJoins }, () => rngAdv.pick(stayers)),
  }
  return { items, neighbours, joinAt, leaveAt, partitions, adversaries, lastEventMs }
}

const DAY_MS = 24 * 3600 * 1000
/** The members' sighting window: the node's default, which every simulated member keeps. */
export const SIGHTING_WINDOW_MS = DEFAULT_CONFIG.sightingWindowsMs[0] as number

/** Whether a planned sighting (ms before its member started) is within the window. */
export function inWindow(agoMs: number | undefined): agoMs is number {
  return agoMs !== undefined && agoMs <= SIGHTING_WINDOW_MS
}

/**
 * Sightings of items the members hold from their start: every holder of a shared item with
 * chance `shared`, otherwise each holder with chance `fraction`; a share `outsideWindow` of them
 * dated 1 to 23 days before the window, the rest within its first half.
 */
function plantSighted(items: PlannedItem[], spec: NonNullable<Scenario['sighted']>, rng: Random): void {
  const age = () =>
    rng.chance(spec.outsideWindow) ? SIGHTING_WINDOW_MS + rng.int(DAY_MS, 23 * DAY_MS) : rng.int(60_000, Math.floor(SIGHTING_WINDOW_MS / 2))
  for (const item of items) {
    const all = item.holders.length > 1 && rng.chance(spec.shared)
    item.sightedAgoMs = item.holders.map((_, k) => ((item.at[k] ?? 0) === 0 && (all || rng.chance(spec.fraction)) ? age() : undefined))
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
