/**
 * Startup benchmark: how long `sightline --version`, `--help`, `status` (a stopped node) and
 * `start` (an empty node, until it prints its address: listening) take as separate processes,
 * run from the compiled dist/ and from the TypeScript sources through tsx (SIGHTLINE_RUNTIME=tsx).
 * Each case runs `--runs` times; the median wall time (and, for `start`, the median CPU time of
 * the process until listening) is printed with the load average, since the machine may be shared.
 *
 *   npm run bench:startup -- [--json] [--runs 3]
 */
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { freshDistMain } from '../bin/dist.js'
import { resolveConfig } from '../src/node/config.ts'
import { initDataDir } from '../src/node/data-dir.ts'
import { tempDir } from '../test/helpers/tmp.ts'
import { cpuMs, firstLine } from './child-process.ts'

const { values: args } = parseArgs({
  options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } },
})
const runs = Number(args.runs)
const bin = fileURLToPath(new URL('../bin/sightline.js', import.meta.url))
type Runtime = 'dist' | 'tsx'

/** Wall time of one CLI run to its exit (exit code 0 required). */
function timed(argv: string[], runtime: Runtime): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, ...argv], { stdio: 'ignore', env: { ...process.env, SIGHTLINE_RUNTIME: runtime } })
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${argv.join(' ')} exited ${code}`)))),
  )
}

/** Wall and CPU time of `sightline start` until it prints its address. */
async function timedStart(dataDir: string, runtime: Runtime): Promise<{ wall: number; cpu: number }> {
  const started = performance.now()
  const child = spawn(process.execPath, [bin, 'start', '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, SIGHTLINE_RUNTIME: runtime },
  })
  try {
    await firstLine(child)
    return { wall: performance.now() - started, cpu: await cpuMs(child.pid as number) }
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve))
    child.kill('SIGINT')
    await exited
  }
}

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number)

const { dir, cleanup } = await tempDir()
try {
  const config = resolveConfig({ dataDir: join(dir, 'node'), community: 'bench' }, {})
  await initDataDir(config)
  const results: Record<string, Record<string, number>> = {}
  const load: number[] = []
  for (const runtime of ['dist', 'tsx'] as const) {
    if (runtime === 'dist' && freshDistMain() === undefined) {
      process.stderr.write('dist/ is missing or older than src/: run `npm run build`; measuring tsx only\n')
      continue
    }
    const cases: Record<string, number[]> = { version: [], help: [], status: [], start: [], start_cpu: [] }
    for (let i = 0; i < runs; i++) {
      load.push(loadavg()[0] as number)
      cases.version?.push(await timed(['--version'], runtime))
      cases.help?.push(await timed(['--help'], runtime))
      cases.status?.push(await timed(['status', '--data-dir', config.dataDir], runtime))
      const start = await timedStart(config.dataDir, runtime)
      cases.start?.push(start.wall)
      cases.start_cpu?.push(start.cpu)
    }
    results[runtime] = Object.fromEntries(Object.entries(cases).map(([name, values]) => [`${name}_ms`, median(values)]))
    if (!args.json) process.stderr.write(`${runtime}: ${JSON.stringify(results[runtime])}\n`)
  }
  const out = { runs, ...results, load_average_1m: load.map((l) => Math.round(l * 100) / 100) }
  process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`)
} finally {
  await cleanup()
}
