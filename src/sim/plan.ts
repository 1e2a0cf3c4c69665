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

/** Generated indicators, each a fresh value with a seeded TLP, and how many each member holds. */
class ItemBag {
  readonly items: PlannedItem[] = []
  readonly held: number[]
  readonly #values: ValueSource
  readonly #tlp: () => Tlp

  constructor(s: Scenario, root: Random) {
    this.held = Array.from({ length: s.nodes }, () => 0)
    this.#values = new ValueSource(root.fork('values'))
    const rngTlp = root.fork('tlp')
    const levels = TLP_LEVELS.filter((l) => (s.tlp[l] ?? 0) > 0)
    const weights = levels.map((l) => s.tlp[l] ?? 0)
    this.#tlp = () => levels[rngTlp.weighted(weights)] as Tlp
  }

  add(holders: number[], at?: number[]): void {
    const v = this.#values.next()
    this.items.push({ ...v, tlp: this.#tlp(), holders, at: at ?? holders.map(() => 0), warninglisted: false })
    for (const h of holders) this.held[h] = (this.held[h] ?? 0) + 1
  }
}

/** Members that join late and leave for good, at seeded times (honest members only). */
function planChurn(s: Scenario, honest: number[], rng: Random): { joinAt: number[]; leaveAt: (number | undefined)[] } {
  const joinAt = Array.from({ length: s.nodes }, () => 0)
  const leaveAt: (number | undefined)[] = Array.from({ length: s.nodes }, () => undefined)
  if (s.churn === undefined) return { joinAt, leaveAt }
  const churners = rng.shuffle(honest).slice(0, s.churn.joins + s.churn.leaves)
  churners.forEach((node, i) => {
    const at = rng.int(s.churn?.fromMs ?? 0, s.churn?.toMs ?? 0)
    if (i < (s.churn?.joins ?? 0)) joinAt[node] = at
    else leaveAt[node] = at
  })
  return { joinAt, leaveAt }
}

/** Shared indicators of the overlap models, then each member's own up to its count, then the benign values. */
function plantHeld(s: Scenario, bag: ItemBag, root: Random): void {
  const n = s.nodes
  const rngOverlap = root.fork('overlap')
  const { hot, pairwise, clusters } = s.overlap
  for (let k = 0; k < (hot?.count ?? 0); k++) {
    const holders = Array.from({ length: n }, (_, i) => i).filter(() => rngOverlap.chance(hot?.holderFraction ?? 0))
    if (holders.length > 0) bag.add(holders)
  }
  if (pairwise !== undefined) {
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (!rngOverlap.chance(pairwise.probability)) continue
        for (let k = 0; k < pairwise.items; k++) bag.add([a, b])
      }
    }
  }
  for (let c = 0; c < (clusters?.count ?? 0); c++) {
    const members = rngOverlap
      .shuffle(Array.from({ length: n }, (_, i) => i))
      .slice(0, clusters?.size ?? 0)
      .sort((a, b) => a - b)
    for (let k = 0; k < (clusters?.items ?? 0); k++) bag.add(members)
  }
  const rngCount = root.fork('counts')
  for (let i = 0; i < n; i++) {
    const want = drawCount(s.itemsPerNode, rngCount)
    while ((bag.held[i] ?? 0) < want) bag.add([i])
  }
  for (const benign of BENIGN.slice(0, s.warninglisted)) {
    const all = Array.from({ length: n }, (_, i) => i)
    bag.items.push({ ...benign, tlp: 'amber', holders: all, at: all.map(() => 0), warninglisted: true })
  }
}

/**
 * Indicators arriving while the community runs (scenario `sightings`): Poisson arrivals, held by a
 * member online then and to the end (so the truth of who should match it is clear), and with some
 * probability by a second such member. Returns the last arrival (ms).
 */
function plantArrivals(s: Scenario, bag: ItemBag, rng: Random, honest: number[], churn: ReturnType<typeof planChurn>): number {
  let last = 0
  if (s.sightings === undefined || s.sightings.perSecond <= 0) return last
  const mean = 1000 / s.sightings.perSecond
  for (let t = rng.exponential(mean); t < s.sightings.durationMs; t += rng.exponential(mean)) {
    const at = Math.round(t)
    const eligible = honest.filter((i) => (churn.joinAt[i] ?? 0) <= at && churn.leaveAt[i] === undefined)
    if (eligible.length < 2) continue
    const first = rng.pick(eligible)
    const holders = [first]
    const when = [at]
    if (rng.chance(s.sightings.sharedProbability)) {
      holders.push(rng.pick(eligible.filter((i) => i !== first)))
      when.push(at + rng.int(0, 500))
    }
    bag.add(holders, when)
    last = Math.max(last, ...when)
  }
  return last
}

function planPartitions(s: Scenario, rng: Random): Partition[] {
  return s.partitions.map((p) => {
    const order = rng.shuffle(Array.from({ length: s.nodes }, (_, i) => i))
    const groupOf = Array.from({ length: s.nodes }, () => 0)
    order.forEach((node, k) => {
      groupOf[node] = k % p.parts
    })
    return { atMs: p.atMs, healMs: p.atMs + p.durationMs, groupOf }
  })
}

/** Whom each malicious member attacks: honest members that stay, near it in the mesh where the attack needs it. */
function planAdversaries(s: Scenario, rng: Random, malicious: number[], stayers: number[], neighbours: Set<number>[]): AdversaryPlan {
  const near = (m: number) => stayers.filter((h) => neighbours[m]?.has(h))
  const targets = (m: number, count: number) =>
    rng
      .shuffle(near(m))
      .slice(0, count)
      .sort((a, b) => a - b)
  return {
    malicious,
    floodTargets: new Map(malicious.map((m) => [m, targets(m, s.adversaries.queryFloods)])),
    // A replayed announcement is fetched from its issuer first: a neighbour.
    replayVictims: new Map(
      malicious.map((m) => {
        const close = near(m)
        return [m, Array.from({ length: close.length === 0 ? 0 : s.adversaries.replays }, () => rng.pick(close))]
      }),
    ),
    forgedIssuers: new Map(malicious.map((m) => [m, Array.from({ length: s.adversaries.forgedSignatures }, () => rng.pick(stayers))])),
    nonMemberTargets: Array.from({ length: s.adversaries.nonMemberJoins }, () => rng.pick(stayers)),
  }
}

export function makePlan(s: Scenario): Plan {
  const root = new Random(s.seed)
  const n = s.nodes
  const malicious = root
    .fork('roles')
    .shuffle(Array.from({ length: n }, (_, i) => i))
    .slice(0, s.adversaries.count)
    .sort((a, b) => a - b)
  const honest = Array.from({ length: n }, (_, i) => i).filter((i) => !malicious.includes(i))
  const churn = planChurn(s, honest, root.fork('churn'))
  const bag = new ItemBag(s, root)
  plantHeld(s, bag, root)
  let lastEventMs = 0
  for (let i = 0; i < n; i++) lastEventMs = Math.max(lastEventMs, churn.joinAt[i] ?? 0, churn.leaveAt[i] ?? 0)
  lastEventMs = Math.max(lastEventMs, plantArrivals(s, bag, root.fork('sightings'), honest, churn))
  if (s.sighted !== undefined) plantSighted(bag.items, s.sighted, root.fork('sighted'))
  const partitions = planPartitions(s, root.fork('partitions'))
  for (const p of partitions) lastEventMs = Math.max(lastEventMs, p.healMs)
  const neighbours = topology(s, root.fork('topology'))
  const stayers = honest.filter((i) => churn.leaveAt[i] === undefined)
  const adversaries = planAdversaries(s, root.fork('adversaries'), malicious, stayers, neighbours)
  return { items: bag.items, neighbours, ...churn, partitions, adversaries, lastEventMs }
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
