import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAttacks } from './attack-phase.ts'
import { Community } from './community.ts'
import { measureCostModel } from './cost-model.ts'
import { type SimLoad, startCpuBurn } from './cpu-burn.ts'
import { makePlan, psiPolicy } from './plan.ts'
import { expectedCount } from './progress.ts'
import { report } from './report.ts'
import type { SimProgress, SimulateOptions, SimulationResult } from './result-types.ts'
import type { Scenario } from './scenario.ts'
import { awaitRedCounts, playSchedule, scheduleEvents } from './schedule.ts'
import { groundTruth } from './truth.ts'

export type { NodeResult, SimProgress, SimulateOptions, SimulationResult } from './result-types.ts'

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
  const { wallStart } = started
  const signal = options.signal
  const say = (phase: SimProgress['phase'], message: string, done = 0, total = 0) =>
    options.onProgress?.({ phase, message, done, total, elapsedMs: Date.now() - wallStart })

  const plan = makePlan(scenario)
  const truth = groundTruth(plan)
  const expected = expectedCount(truth)
  const modeled = scenario.crypto === 'modeled'
  say('setup', modeled ? 'measuring the real backend for the CPU model' : 'preparing')
  const costModel = modeled ? await measureCostModel() : undefined
  const policy = psiPolicy(scenario)
  // Unique within the process: names the members' memory-transport addresses.
  const runId = `${process.pid}-${randomBytes(6).toString('hex')}`
  const ownDir = options.workDir === undefined
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'sightline-sim-')))
  await mkdir(workDir, { recursive: true })
  const community = await Community.prepare({ scenario, plan, truth, policy, runId, workDir, wallStart })
  try {
    say('setup', `starting ${plan.joinAt.filter((t) => t === 0).length} of ${scenario.nodes} members`, 0, expected)
    await community.startInitial(signal, (done) => say('run', `matches ${done} of ${expected}`, done, expected))
    const deadline = community.startedAt + scenario.timeoutMs
    const events = scheduleEvents(plan, community)
    let converged = await playSchedule(events, community, { expected, deadline, ...(signal === undefined ? {} : { signal }) })
    if (converged) await awaitRedCounts(community, signal)
    const hostile = plan.adversaries.malicious.length > 0 || scenario.adversaries.nonMemberJoins > 0
    if (hostile) say('attack', 'adversaries acting', expected, expected)
    const attacks = await runAttacks(scenario, plan, community, policy, signal)
    say('report', 'collecting results', community.foundExpected(), expected)
    await community.closeBooks()
    if (!converged) converged = community.foundExpected() >= expected
    return report({
      scenario,
      plan,
      truth,
      members: community.members,
      indexOf: community.indexOf,
      modeled,
      costModel,
      attempts: attacks.attempts,
      attackRejected: attacks.rejected,
      timeline: community.timeline,
      converged,
      startedAt: started.startedAt,
      wallStart,
      load: started.load,
      runMs: community.now(),
      processCpu: started.processCpu,
      dialFailures: community.dialFailures,
    })
  } finally {
    await community.stop()
    if (ownDir) await rm(workDir, { recursive: true, force: true })
  }
}
