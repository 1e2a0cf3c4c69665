/**
 * Runs a simulation scenario and writes results.json, nodes.csv and report.html into --out.
 *
 *   npm run simulate -- --scenario scenarios/small.json --out sim-out [--json] [--seed N]
 *
 * With --json, prints one JSON summary object on stdout; otherwise a progress bar on a terminal
 * and a short summary.
 */
import '../src/polyfill.ts'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ProgressBar } from '../src/cli/progress.ts'
import { summaryOf, writeResults } from '../src/sim/results.ts'
import { loadScenario, ScenarioError } from '../src/sim/scenario.ts'
import { simulate } from '../src/sim/simulate.ts'

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
})

async function main(): Promise<number> {
  if (args.scenario === undefined || args.out === undefined) {
    process.stderr.write('usage: npm run simulate -- --scenario FILE --out DIR [--json] [--seed N]\n')
    return 2
  }
  const scenario = await loadScenario(args.scenario)
  if (args.seed !== undefined) {
    const seed = Number(args.seed)
    if (!Number.isSafeInteger(seed) || seed < 0) throw new ScenarioError('--seed', [`"${args.seed}" is not a non-negative integer`])
    scenario.seed = seed
  }
  const bar = !args.json && process.stderr.isTTY === true ? new ProgressBar() : undefined
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort(new Error('interrupted')))
  const result = await simulate(scenario, {
    signal: controller.signal,
    onProgress: (p) => bar?.update(p.message, p.done, p.total, `${p.phase} ${(p.elapsedMs / 1000).toFixed(0)}s`),
  })
  bar?.done()
  const out = resolve(args.out)
  await writeResults(result, out)
  const summary = summaryOf(result, out)
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`)
  else {
    const modeled = result.crypto.fidelity === 'modeled' ? ' (MODELED crypto)' : ''
    process.stdout.write(
      `${scenario.name}: ${scenario.nodes} nodes${modeled}, precision ${summary.precision.toFixed(4)}, recall ${summary.recall.toFixed(4)}, ` +
        `${summary.found} matches, all found after ${summary.timeToAllMatchesMs ?? '–'} ms, ${summary.bytesPerNode} bytes/node, wall ${summary.wallMs} ms\n` +
        `results in ${out}/{results.json,nodes.csv,report.html}\n`,
    )
  }
  return result.converged ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`${err.name === 'ScenarioError' ? '' : `${err.name}: `}${err.message}\n`)
    process.exit(2)
  },
)
