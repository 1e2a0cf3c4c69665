/**
 * Network benchmark: two member nodes as separate processes (`sightline start`) over TCP on
 * 127.0.0.1, with N x N indicators and 1% overlap. Measures wall time from spawning both
 * processes until both sides have recorded every shared indicator, bytes sent per element
 * (both sides, every application payload) and CPU time of each process.
 *
 * `after_listening_ms` counts from both processes listening (process start excluded); a node now
 * listens before it publishes its lists, so this includes publishing them, which it did not before
 * the startup order changed: `after_published_ms` counts from both having published. `phases_ms`
 * says when each process reached each startup phase (SIGHTLINE_STARTUP_TRACE lines on its
 * stderr), counted from spawning the first process, and when the last match was recorded.
 * `runtime` says whether the processes ran the compiled dist/ or the TypeScript through tsx.
 *
 *   npm run bench:net -- [--json] [--sizes 10000,100000,1000000]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { freshDistMain } from '../bin/dist.js'
import { resolveConfig } from '../src/node/config.ts'
import { initDataDir, readApiToken } from '../src/node/data-dir.ts'
import { Store } from '../src/store/store.ts'
import { cpuMs, firstLine } from './child-process.ts'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10000,100000' },
    // PSI worker threads per node process (default: one per core).
    workers: { type: 'string' },
  },
})
const sizes = args.sizes.split(',').map(Number)
const workerFlags = args.workers === undefined ? [] : ['--psi-workers', args.workers]
const bin = fileURLToPath(new URL('../bin/sightline.js', import.meta.url))
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`)
}

async function prepare(dir: string, name: string, n: number, shared: number): Promise<{ dataDir: string; peerId: string }> {
  const config = resolveConfig({ dataDir: join(dir, name), community: 'bench' }, {})
  const { peerId } = await initDataDir(config)
  const store = new Store({ location: join(config.dataDir, 'db'), sync: false })
  await store.start()
  for (let from = 0; from < n; from += 10_000) {
    const batch = []
    for (let i = from; i < Math.min(n, from + 10_000); i++) {
      const value = i < n - shared ? `${name}-${i}.bench.example` : `shared-${i - (n - shared)}.bench.example`
      batch.push({ type: 'domain' as const, value, tlp: 'amber' as const, tags: [], source: 'bench', firstSeen: 0, lastSeen: 0, count: 1 })
    }
    await store.ingest(batch)
  }
  await store.stop()
  return { dataDir: config.dataDir, peerId }
}

async function api(dataDir: string, path: string): Promise<unknown> {
  const { url } = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8')) as { url: string }
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await readApiToken(dataDir)}` } })
  return response.json()
}

/** Startup phases of one process (traceStartup lines on its stderr, first time each), other lines passed through. */
function tracePhases(child: ChildProcess, since: number): Record<string, number> {
  const phases: Record<string, number> = {}
  let rest = ''
  child.stderr?.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      const event = line.startsWith('{"startup"') ? (JSON.parse(line) as { startup: string; at: number }) : undefined
      if (event === undefined) process.stderr.write(`${line}\n`)
      else phases[event.startup] ??= event.at - since
    }
  })
  return phases
}

interface RunResult {
  ms: number
  afterListening: number
  bytesPerElement: number
  cpuMs: [number, number]
  matches: [number, number]
  phases: Record<string, unknown>
  afterPublished: number | null
}

async function run(n: number): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'sightline-bench-net-'))
  const children: ChildProcess[] = []
  try {
    const shared = Math.round(n / 100)
    const a = await prepare(dir, 'a', n, shared)
    const b = await prepare(dir, 'b', n, shared)
    for (const [self, other, org] of [
      [a, b, 'B'],
      [b, a, 'A'],
    ] as const) {
      const store = new Store({ location: join(self.dataDir, 'db') })
      await store.start()
      await store.roster.put(other.peerId, { peerId: other.peerId, organization: org, source: 'local', addedAt: 0 })
      await store.stop()
    }
    say(`${n.toLocaleString('en')} x ${n.toLocaleString('en')}: starting two processes`)
    const env = { ...process.env, SIGHTLINE_STARTUP_TRACE: '1' }
    const started = performance.now()
    const startedAt = Date.now()
    let listening = 0
    const nodeA = spawn(process.execPath, [bin, 'start', '--json', '--data-dir', a.dataDir, ...workerFlags], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    })
    children.push(nodeA)
    const phasesA = tracePhases(nodeA, startedAt)
    const infoA = JSON.parse(await firstLine(nodeA)) as { addresses: string[] }
    const nodeB = spawn(
      process.execPath,
      [bin, 'start', '--json', '--data-dir', b.dataDir, ...workerFlags, '--bootstrap', infoA.addresses[0] as string],
      { stdio: ['ignore', 'pipe', 'pipe'], env },
    )
    const spawnedB = Date.now() - startedAt
    children.push(nodeB)
    const phasesB = tracePhases(nodeB, startedAt)
    await firstLine(nodeB)
    listening = performance.now()
    let lastMatchAt = 0
    const distinct = async (dataDir: string) => {
      const values = new Set<string>()
      for (let since = 0, more = true; more; ) {
        const page = (await api(dataDir, `/v1/matches?since=${since}&limit=1000`)) as {
          matches: { value: string; matchedAt: string }[]
          next: number
          more: boolean
        }
        for (const m of page.matches) {
          values.add(m.value)
          lastMatchAt = Math.max(lastMatchAt, Date.parse(m.matchedAt))
        }
        since = page.next
        more = page.more
      }
      return values.size
    }
    let counts: [number, number] = [0, 0]
    for (;;) {
      counts = [await distinct(a.dataDir), await distinct(b.dataDir)]
      if (counts[0] >= shared && counts[1] >= shared) break
      if (performance.now() - started > 600_000) throw new Error(`not settled after 10 minutes: ${counts}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const ms = performance.now() - started
    const afterListening = performance.now() - listening
    const sent = async (dataDir: string) =>
      Object.values(((await api(dataDir, '/v1/status')) as { sent: Record<string, { bytes: number }> }).sent).reduce(
        (sum, p) => sum + p.bytes,
        0,
      )
    const bytes = (await sent(a.dataDir)) + (await sent(b.dataDir))
    const cpu: [number, number] = [await cpuMs(nodeA.pid as number), await cpuMs(nodeB.pid as number)]
    const phases = {
      a: phasesA,
      b: { spawned: spawnedB, ...phasesB },
      both_listening: Math.round(listening - started),
      last_match_recorded: lastMatchAt - startedAt,
      all_matches_seen: Math.round(ms),
    }
    say(`  ${Math.round(ms)} ms from spawn, ${Math.round(afterListening)} ms after both listen; phases ${JSON.stringify(phases)}`)
    const published = Math.max(phasesA.published ?? Number.NaN, phasesB.published ?? Number.NaN)
    const afterPublished = Number.isNaN(published) ? null : Math.round(ms - published)
    return { ms, afterListening, bytesPerElement: bytes / (2 * n), cpuMs: cpu, matches: counts, phases, afterPublished }
  } finally {
    for (const child of children) child.kill('SIGINT')
    for (const child of children) if (child.exitCode === null) await new Promise((resolve) => child.on('exit', resolve))
    await rm(dir, { recursive: true, force: true })
  }
}

const results: Record<number, RunResult> = {}
for (const n of sizes) results[n] = await run(n)
const largest = results[Math.max(...sizes)]
const out = {
  mutual_10k_ms: results[10_000] === undefined ? null : Math.round(results[10_000].ms),
  mutual_100k_ms: results[100_000] === undefined ? null : Math.round(results[100_000].ms),
  mutual_1m_ms: results[1_000_000] === undefined ? null : Math.round(results[1_000_000].ms),
  after_listening_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, Math.round(r.afterListening)])),
  after_published_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.afterPublished])),
  bytes_per_element: largest === undefined ? null : Math.round(largest.bytesPerElement * 100) / 100,
  cpu_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, { a: r.cpuMs[0], b: r.cpuMs[1] }])),
  matches: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, { a: r.matches[0], b: r.matches[1] }])),
  phases_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.phases])),
  runtime: process.env.SIGHTLINE_RUNTIME !== 'tsx' && freshDistMain() !== undefined ? 'dist' : 'tsx',
  targets: { mutual_10k_ms_max: 1500, mutual_100k_ms_max: 10000 },
}
process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`)
