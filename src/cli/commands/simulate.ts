import { resolve } from 'node:path'
import type { Command } from 'commander'
import { ProgressBar } from '../progress.ts'

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run a community simulation scenario (real node code) and write results.json, nodes.csv and report.html')
    .requiredOption('--scenario <file>', 'scenario JSON file (see scenarios/ and scenarios/scenario.schema.json)')
    .requiredOption('--out <dir>', 'directory for results.json, nodes.csv and report.html')
    .option('--seed <n>', "override the scenario's seed")
    .option('--cpu-burn <cores>', 'keep this many cores busy with spinning processes for the whole run (convergence under load)', '0')
    .option('--json', 'print one JSON summary object (nodes, precision, recall, wallMs, bytesPerNode, ...)')
    .action(async (flags: { scenario: string; out: string; seed?: string; cpuBurn: string; json?: boolean }) => {
      // Loaded on use: the simulator and its schema validator (ajv) cost every other command start time.
      const { loadScenario, ScenarioError } = await import('../../sim/scenario.ts')
      const { summaryOf, writeResults } = await import('../../sim/results.ts')
      const scenario = await loadScenario(flags.scenario)
      if (flags.seed !== undefined) {
        const seed = Number(flags.seed)
        if (!Number.isSafeInteger(seed) || seed < 0) throw new ScenarioError('--seed', [`"${flags.seed}" is not a non-negative integer`])
        scenario.seed = seed
      }
      const cpuBurnCores = Number(flags.cpuBurn)
      if (!Number.isSafeInteger(cpuBurnCores) || cpuBurnCores < 0 || cpuBurnCores > 64)
        throw new ScenarioError('--cpu-burn', [`"${flags.cpuBurn}" is not a number of cores from 0 to 64`])
      const bar = !flags.json && process.stderr.isTTY === true ? new ProgressBar() : undefined
      const controller = new AbortController()
      process.once('SIGINT', () => controller.abort(new Error('interrupted')))
      const { simulate } = await import('../../sim/simulate.ts')
      const result = await simulate(scenario, {
        signal: controller.signal,
        load: { cpuBurnCores },
        onProgress: (p) => bar?.update(p.message, p.done, p.total, `${p.phase} ${(p.elapsedMs / 1000).toFixed(0)}s`),
      })
      bar?.done()
      const out = resolve(flags.out)
      await writeResults(result, out)
      const summary = summaryOf(result, out)
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`)
      else {
        const modeled = result.crypto.fidelity === 'modeled' ? ' (MODELED crypto)' : ''
        const { sighted } = summary
        const sightedLine =
          sighted.expected + sighted.found > 0
            ? `, sighted: precision ${sighted.precision.toFixed(4)}, recall ${sighted.recall.toFixed(4)}, ${sighted.found} matches`
            : ''
        process.stdout.write(
          `${scenario.name}: ${scenario.nodes} nodes${modeled}, precision ${summary.precision.toFixed(4)}, recall ${summary.recall.toFixed(4)}, ` +
            `${summary.found} matches${sightedLine}, all found after ${summary.timeToAllMatchesMs ?? '–'} ms, ${summary.bytesPerNode} bytes/node, wall ${summary.wallMs} ms\n` +
            `results in ${out}/{results.json,nodes.csv,report.html}\n`,
        )
      }
      // Not every expected match found: the run finished, but its result says the community did not converge.
      if (!result.converged) process.exitCode = 1
    })
}
