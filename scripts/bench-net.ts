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
 * By default both processes are spawned at once on fixed ports, each bootstrapping the other (two
 * members restarting together, `spawn: "together"`); `--staggered` spawns B only once A has
 * printed the address it chose, as the first version of this benchmark did.
 *
 *   npm run bench:net -- [--json] [--sizes 10000,100000,1000000] [--staggered] [--workers N] [--profile DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { Agent, get } from 'node:http'
import { createServer } from 'node:net'
import { availableParallelism, tmpdir } from 'node:os'
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
    // PSI worker threads per node process (default: half the cores, as the two processes share them).
    workers: { type: 'string' },
    // Write a V8 CPU profile of each process (and its worker threads) into this directory.
    profile: { type: 'string' },
    // Spawn B only once A prints its address (A on a port of its choosing), as the first version did.
    staggered: { type: 'boolean', default: false },
  },
})
const sizes = args.sizes.split(',').map(Number)
const workers = args.workers ?? String(Math.max(1, Math.floor(availableParallelism() / 2)))
const workerFlags = ['--psi-workers', workers]
const bin = fileURLToPath(new URL('../bin/sightline.js', import.meta.url))
const nodeFlags = args.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', args.profile]
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

/** A TCP port free on 127.0.0.1 just now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

const apiAccess = new Map<string, { url: string; token: string }>()
/** One kept-alive connection per node: the poll should cost the two nodes under test little CPU. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 })

async function api(dataDir: string, path: string): Promise<unknown> {
  let access = apiAccess.get(dataDir)
  if (access === undefined) {
    const { url } = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8')) as { url: string }
    access = { url, token: await readApiToken(dataDir) }
    apiAccess.set(dataDir, access)
  }
  const { token } = access
  return new Promise((resolve, reject) => {
    const request = get(`${access.url}${path}`, { agent: keepAlive, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch (err) {
          reject(err)
        }
      })
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/** Startup phases of one process (traceStartup lines on its stderr, first time each), other lines passed through. */
function tracePhases(child: ChildProcess, since: number, cpu: Record<string, number> = {}): Record<string, number> {
  const phases: Record<string, number> = {}
  let rest = ''
  child.stderr?.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      const event = line.startsWith('{"startup"') ? (JSON.parse(line) as { startup: string; at: number; cpuMs: number }) : undefined
      if (event === undefined) process.stderr.write(`${line}\n`)
      else {
        phases[event.startup] ??= event.at - since
        cpu[event.startup] ??= event.cpuMs
      }
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
  phaseCpu: Record<string, Record<string, number>>
  /** CPU of this process (spawning, reading the traces, polling) while the two nodes ran. */
  benchCpuMs: number
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
    say(
      `${n.toLocaleString('en')} x ${n.toLocaleString('en')}: starting two processes (${args.staggered ? 'B after A listens' : 'together'})`,
    )
    const env = { ...process.env, SIGHTLINE_STARTUP_TRACE: '1' }
    const started = performance.now()
    const startedAt = Date.now()
    const benchCpu = process.cpuUsage()
    const startNode = (self: { dataDir: string }, flags: string[]) => {
      const child = spawn(process.execPath, [...nodeFlags, bin, 'start', '--json', '--data-dir', self.dataDir, ...workerFlags, ...flags], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      })
      children.push(child)
      const cpu: Record<string, number> = {}
      return { child, phases: tracePhases(child, startedAt, cpu), cpu, info: firstLine(child), spawned: Date.now() - startedAt }
    }
    let nodeA: ReturnType<typeof startNode>
    let nodeB: ReturnType<typeof startNode>
    if (args.staggered) {
      // The first measurement: A on a port of its choosing, B spawned once A prints its address.
      nodeA = startNode(a, [])
      const infoA = JSON.parse(await nodeA.info) as { addresses: string[] }
      nodeB = startNode(b, ['--bootstrap', infoA.addresses[0] as string])
    } else {
      // Two members restarting at once, each knowing the other's address (as from its address
      // book or config): fixed ports, each bootstrapping the other. Whichever dials first may find
      // the other not yet listening; the other's dial then connects them.
      const [portA, portB] = [await freePort(), await freePort()]
      const at = (port: number, peerId: string) => `/ip4/127.0.0.1/tcp/${port}/p2p/${peerId}`
      nodeA = startNode(a, ['--listen', `/ip4/127.0.0.1/tcp/${portA}`, '--bootstrap', at(portB, b.peerId)])
      nodeB = startNode(b, ['--listen', `/ip4/127.0.0.1/tcp/${portB}`, '--bootstrap', at(portA, a.peerId)])
    }
    const phasesA = nodeA.phases
    const phasesB = nodeB.phases
    const spawnedB = nodeB.spawned
    await Promise.all([nodeA.info, nodeB.info])
    const listening = performance.now()
    let lastMatchAt = 0
    // Each node's matches read incrementally (cursor kept between polls), so polling stays cheap
    // beside two busy processes; a poll every 20 ms adds about 10 ms to the figure on average.
    const seen = [a, b].map((self) => ({ self, values: new Set<string>(), since: 0 }))
    const poll = async (s: (typeof seen)[number]) => {
      for (let more = true; more; ) {
        const page = (await api(s.self.dataDir, `/v1/matches?since=${s.since}&limit=1000`)) as {
          matches: { value: string; matchedAt: string }[]
          next: number
          more: boolean
        }
        for (const m of page.matches) {
          s.values.add(m.value)
          lastMatchAt = Math.max(lastMatchAt, Date.parse(m.matchedAt))
        }
        s.since = page.next
        more = page.more
      }
      return s.values.size
    }
    let counts: [number, number] = [0, 0]
    for (;;) {
      counts = [await poll(seen[0] as (typeof seen)[number]), await poll(seen[1] as (typeof seen)[number])]
      if (counts[0] >= shared && counts[1] >= shared) break
      if (performance.now() - started > 600_000) throw new Error(`not settled after 10 minutes: ${counts}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const ms = performance.now() - started
    const pollCpu = process.cpuUsage(benchCpu)
    const afterListening = performance.now() - listening
    const sent = async (dataDir: string) =>
      Object.values(((await api(dataDir, '/v1/status')) as { sent: Record<string, { bytes: number }> }).sent).reduce(
        (sum, p) => sum + p.bytes,
        0,
      )
    const bytes = (await sent(a.dataDir)) + (await sent(b.dataDir))
    const cpu: [number, number] = [await cpuMs(nodeA.child.pid as number), await cpuMs(nodeB.child.pid as number)]
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
    return {
      ms,
      afterListening,
      bytesPerElement: bytes / (2 * n),
      cpuMs: cpu,
      matches: counts,
      phases,
      phaseCpu: { a: nodeA.cpu, b: nodeB.cpu },
      benchCpuMs: Math.round((pollCpu.user + pollCpu.system) / 1000),
      afterPublished,
    }
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
  // This process's CPU while the nodes ran: it shares the cores with them.
  bench_cpu_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.benchCpuMs])),
  matches: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, { a: r.matches[0], b: r.matches[1] }])),
  phases_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.phases])),
  // CPU time of each process (all threads) when it reached each startup phase.
  phase_cpu_ms: Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.phaseCpu])),
  spawn: args.staggered ? 'staggered' : 'together',
  workers_per_process: Number(workers),
  runtime: process.env.SIGHTLINE_RUNTIME !== 'tsx' && freshDistMain() !== undefined ? 'dist' : 'tsx',
  targets: { mutual_10k_ms_max: 1500, mutual_100k_ms_max: 10000 },
}
process.stdout.write(args.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`)
