import type { Tlp } from '../indicators/tlp.ts'
import type { AttackCounts, AttackKind } from './adversary.ts'
import type { CostModel, OpCounts } from './cost-model.ts'
import type { SimLoad } from './cpu-burn.ts'
import type { Scenario } from './scenario.ts'

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

/**
 * Precision and recall of one kind of match (`holds` or `sighted`), from what the honest members
 * recorded against the ground truth: `found` records, `truePositives` of them in the truth,
 * `expectedFound` of the `expected` ones (members online at the end) found.
 */
export interface ItemQuality {
  expected: number
  found: number
  truePositives: number
  expectedFound: number
  precision: number
  recall: number
}

/** RED is count only: the overlap the truth says, and what the nodes counted (summed over ordered pairs). */
export interface CountQuality {
  expected: number
  counted: number
}

export interface KindQuality extends ItemQuality {
  /** CLEAR to AMBER+STRICT per item; RED by count. */
  byTlp: Partial<Record<Exclude<Tlp, 'red'>, ItemQuality>> & { red?: CountQuality }
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
  /** Matches on values both sighted within the window (null recall for members that left). */
  sighted: { expected: number | null; found: number; truePositives: number; precision: number; recall: number | null }
  /** RED sighted overlap (count only). */
  redSighted: CountQuality
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
    /** Planted sightings in members' own telemetry (scenario `sighted`) and the matches they make. */
    sighted: {
      /** Sightings planted (member, value), and how many of them are older than the window. */
      sightings: number
      outsideWindow: number
      /** Values held by two or more members that at least two of them sighted within the window. */
      sharedValues: number
      pairs: number
      expected: number
      redPairs: number
      missing: string[]
    }
  }
  summary: {
    /** Of `holds` matches (the same as holds.precision and holds.recall). */
    precision: number
    recall: number
    /** Matches on values both members hold, and on values both sighted within the window, by TLP. */
    holds: KindQuality
    sighted: KindQuality
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
  /** Every `holds` match honest members recorded: [node, peer, value], sorted. */
  matches: [number, number, string][]
  /** Every `sighted` match (a record naming a sighting window) honest members recorded, sorted. */
  sightedMatches: [number, number, string][]
}
