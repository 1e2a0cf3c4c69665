// Runs one scenario under several seeds and counts the runs that converged (recall 1):
//   npm run sim:seeds -- --scenario scenarios/churn.json --runs 10 [--first-seed 1] [--cpu-burn 1]
// One line of JSON per run, then a summary line; exits 1 when any run did not converge.
import '../src/polyfill.ts'
import { parseArgs } from 'node:util'
import { loadScenario } from '../src/sim/scenario.ts'
import { simulate } from '../src/sim/simulate.ts'

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'scenarios/churn.json' },
    runs: { type: 'string', default: '10' },
    'first-seed': { type: 'string', default: '1' },
    'cpu-burn': { type: 'string', default: '0' },
  },
})
const scenario = await loadScenario(values.scenario)
const runs = Number(values.runs)
const first = Number(values['first-seed'])
const load = { cpuBurnCores: Number(values['cpu-burn']) }
let converged = 0
for (let seed = first; seed < first + runs; seed++) {
  const result = await simulate({ ...scenario, seed }, { load })
  if (result.converged && result.summary.recall === 1) converged++
  const line = {
    scenario: scenario.name,
    seed,
    converged: result.converged,
    precision: result.summary.precision,
    recall: result.summary.recall,
    expected: result.groundTruth.expected,
    timeToAllMatchesMs: result.summary.timeToAllMatchesMs,
    wallMs: result.wallMs,
    missing: result.groundTruth.missing.slice(0, 5),
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}
process.stdout.write(`${JSON.stringify({ scenario: scenario.name, runs, converged, seeds: [first, first + runs - 1] })}\n`)
if (converged < runs) process.exitCode = 1
