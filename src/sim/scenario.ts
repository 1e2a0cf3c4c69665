import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import Ajv, { type ErrorObject } from 'ajv'
import { UserError } from '../errors.ts'
import { scanJson } from '../indicators/formats/json-scan.ts'
import type { Tlp } from '../indicators/tlp.ts'
import type { BudgetRule } from '../psi/options.ts'

export type ItemsPerNode =
  | number
  | { distribution: 'uniform'; min: number; max: number }
  | { distribution: 'normal'; mean: number; sd: number; min?: number; max?: number }

/** A community to simulate; scenarios/scenario.schema.json documents every field. */
export interface Scenario {
  name: string
  description?: string
  seed: number
  nodes: number
  transport: 'memory' | 'tcp'
  crypto: 'real' | 'modeled'
  itemsPerNode: ItemsPerNode
  overlap: {
    pairwise?: { probability: number; items: number }
    hot?: { count: number; holderFraction: number }
    clusters?: { count: number; size: number; items: number }
  }
  tlp: Partial<Record<Tlp, number>>
  warninglisted: number
  /** New indicators members come to hold while running (compared in the holds lists). */
  sightings?: { perSecond: number; durationMs: number; sharedProbability: number }
  /** Sightings in members' own telemetry, compared as sighted lists (within the node's 7d window or not). */
  sighted?: { fraction: number; shared: number; outsideWindow: number }
  connections: 'full' | { degree: number }
  churn?: { joins: number; leaves: number; fromMs: number; toMs: number }
  partitions: { atMs: number; durationMs: number; parts: number }[]
  adversaries: {
    count: number
    forgedSignatures: number
    replays: number
    queryFloods: number
    oversizeDigests: number
    nonMemberJoins: number
  }
  /** Community PSI policy over the defaults (src/psi/options.ts); budgets per mode. */
  psi: {
    budget?: { items?: Partial<BudgetRule>; count?: Partial<BudgetRule> }
    maxListPoints?: number
    maxDeltas?: number
    minListPoints?: number
  }
  /** Settings of every member node over its defaults. */
  node: {
    /** PSI runs with members a node starts at once (the node's default is 4). */
    psiConcurrency?: number
    /** Idle time after which a connection outside the mesh closes (the node's default when absent). */
    idleCloseMs?: number
    /** `modeled`: connections carry plaintext instead of noise, a MODEL (memory transport, no adversaries). */
    connectionEncryption?: 'noise' | 'modeled'
  }
  timeoutMs: number
}

/** A scenario that does not validate; `errors` name each problem by its JSON path. */
export class ScenarioError extends UserError {
  override name = 'ScenarioError'
  readonly errors: string[]
  constructor(source: string, errors: string[]) {
    super(`${source}: invalid scenario:\n  ${errors.join('\n  ')}`)
    this.errors = errors
  }
}

export const SCENARIO_SCHEMA_URL = new URL('../../scenarios/scenario.schema.json', import.meta.url)
const schema = JSON.parse(readFileSync(SCENARIO_SCHEMA_URL, 'utf8')) as object
const ajv = new Ajv.default({ allErrors: true, useDefaults: true, strict: false })
const validate = ajv.compile(schema)

function describe(error: ErrorObject): string {
  const path = error.instancePath === '' ? '(top level)' : error.instancePath
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'additionalProperty') return `${path}: unknown field "${String(params.additionalProperty)}"`
  if (error.keyword === 'additionalProperties') return `${path}: unknown field "${String(params.additionalProperty)}"`
  if (error.keyword === 'enum')
    return `${path}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
  if (error.keyword === 'const') return `${path}: must be ${JSON.stringify(params.allowedValue)}`
  return `${path}: ${error.message ?? 'is invalid'}`
}

/** Checks against the schema (defaults filled in), then the rules a schema cannot say. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const copy = structuredClone(input) as Record<string, unknown>
  if (!validate(copy)) {
    // oneOf failures repeat every branch's complaint; keep the distinct ones.
    const errors = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'oneOf').map(describe))]
    throw new ScenarioError(source, errors)
  }
  const noAdversaries = { count: 0, forgedSignatures: 0, replays: 0, queryFloods: 0, oversizeDigests: 0, nonMemberJoins: 0 }
  // The schema filled in the defaults of fields it names; these are the optional sections.
  const s = {
    overlap: {},
    tlp: { amber: 1 },
    partitions: [],
    adversaries: noAdversaries,
    psi: {},
    node: {},
    connections: 'full',
    ...copy,
  } as unknown as Scenario
  const errors: string[] = []
  const attacks = s.adversaries.count > 0 || s.adversaries.nonMemberJoins > 0
  if (s.transport === 'tcp' && attacks)
    errors.push('/adversaries: adversaries tamper with nodes in this process; they need "transport": "memory", not "tcp"')
  if (s.transport === 'tcp' && s.nodes > 50)
    errors.push(`/nodes: "tcp" starts one process per node; ${s.nodes} is over the 50 one machine holds (use "memory")`)
  if (s.node.connectionEncryption === 'modeled' && (s.transport === 'tcp' || attacks))
    errors.push('/node/connectionEncryption: "modeled" authenticates nobody; only with "transport": "memory" and no adversaries')
  const items = s.itemsPerNode
  if (typeof items === 'object' && items.min !== undefined && items.max !== undefined && items.min > items.max)
    errors.push('/itemsPerNode: min is greater than max')
  if (Object.values(s.tlp).reduce((a, b) => a + (b ?? 0), 0) <= 0) errors.push('/tlp: the weights add up to zero')
  if (typeof s.connections === 'object' && s.connections.degree >= s.nodes)
    errors.push(`/connections/degree: must be below nodes (${s.nodes})`)
  if (s.overlap.clusters !== undefined && s.overlap.clusters.size > s.nodes)
    errors.push(`/overlap/clusters/size: a cluster cannot have more members than the community (${s.nodes})`)
  const honest = s.nodes - s.adversaries.count
  if (honest < 2) errors.push(`/adversaries/count: leaves ${honest} honest members; at least 2 are needed`)
  if (s.churn !== undefined) {
    if (s.churn.fromMs > s.churn.toMs) errors.push('/churn: fromMs is after toMs')
    if (s.churn.joins + s.churn.leaves > honest - 2)
      errors.push(
        `/churn: ${s.churn.joins} joins and ${s.churn.leaves} leaves need more than the ${honest} honest members (2 must stay throughout)`,
      )
  }
  s.partitions.forEach((p, i) => {
    if (p.parts > s.nodes) errors.push(`/partitions/${i}/parts: more parts than nodes`)
  })
  if (errors.length > 0) throw new ScenarioError(source, errors)
  return s
}

export async function loadScenario(file: string): Promise<Scenario> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new ScenarioError(file, [`cannot read: ${(err as Error).message}`])
  }
  let json: unknown
  try {
    // Depth first: a deeply nested file would overflow the stack in structuredClone and the schema check.
    scanJson(text)
    json = JSON.parse(text)
  } catch (err) {
    throw new ScenarioError(file, [`not JSON: ${(err as Error).message}`])
  }
  return parseScenario(json, file)
}
