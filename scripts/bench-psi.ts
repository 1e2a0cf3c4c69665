/**
 * PSI benchmark (suite sightline-dhpsi-x25519-v1), all figures from one run on this machine:
 * - `x25519_us`: one native X25519 multiplication (sodium-native), the floor; `x25519_cpu_us` the
 *   same in CPU time, which `per_element_over_floor` divides by (both sides of the ratio in CPU);
 * - mutual in-process two-party runs (both publish, each raises the other's list, tags both ways)
 *   at 10k x 10k, 100k x 100k and (unless --sizes says otherwise) 1M x 1M, 1% overlap, on a DH
 *   worker pool; `per_element_cpu_us` is all CPU of both sides per element, divided by 2;
 * - `incremental_10k_vs_1m_ms`: 10k new items on one side against a held 1M list of the other,
 *   both learning the new matches;
 * - `bytes_per_element`: list and tag bytes per padded element and side; `peak_rss_mb`.
 *
 * `peak_rss_mb` is the kernel's high-water mark of the process (VmHWM) where there is one.
 *
 *   npm run bench:psi -- [--json] [--sizes 10000,100000,1000000] [--workers N] [--phases]
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DhPool } from '../src/crypto/dh-pool.ts'
import { DH_SUITE } from '../src/crypto/dh-suite.ts'
import { x25519Backend } from '../src/crypto/x25519-backend.ts'
import { OwnEntries } from '../src/node/own-entries.ts'
import { Mode } from '../src/psi/messages.ts'
import { exchange } from '../src/psi/mutual.ts'
import { DEFAULT_PSI_OPTIONS } from '../src/psi/options.ts'
import { PsiParty } from '../src/psi/party.ts'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    workers: { type: 'string', default: '2' },
    phases: { type: 'boolean', default: false },
  },
})
const sizes = args.sizes.split(',').map(Number)
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`)
}

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
}, 50)

/** The process's peak RSS as the kernel counts it (VmHWM), which a busy main thread's sampler can miss; 0 off Linux. */
function highWaterMark(): number {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024
  } catch {
    return 0
  }
}

/** --phases: memory after each phase of a run, on stderr (where the memory goes). */
function phase(label: string): void {
  if (!args.phases) return
  const m = process.memoryUsage()
  const mb = (x: number) => Math.round(x / 1048576)
  process.stderr.write(
    `${JSON.stringify({ phase: label, rss_mb: mb(m.rss), heap_used_mb: mb(m.heapUsed), array_buffers_mb: mb(m.arrayBuffers), hwm_mb: mb(highWaterMark()) })}\n`,
  )
}

/** One multiplication in wall-clock and in CPU microseconds (the CPU figure is what a loaded machine does not inflate). */
function floorUs(n: number): { wall: number; cpu: number } {
  const backend = x25519Backend('sodium')
  const scalar = randomBytes(32)
  const points = randomBytes(32 * 1000)
  for (let i = 0; i < points.length; i += 32) points[i + 31] = (points[i + 31] as number) & 0x7f
  backend.raise(scalar, points)
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let done = 0; done < n; done += 1000) backend.raise(scalar, points)
  const used = process.cpuUsage(cpu)
  return { wall: ((performance.now() - started) * 1000) / n, cpu: (used.user + used.system) / n }
}

/** Each party holds its values as a node's match engine does (OwnEntries) and publishes their packed PSI elements. */
function items(tag: string, n: number, shared: number): OwnEntries {
  const out = new OwnEntries()
  for (let i = 0; i < n; i++) {
    out.push({
      type: 'ipv4',
      value: i < shared ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : `${tag}.${i}.example`,
      tlp: 'amber',
    })
  }
  return out
}

// The floor first, before the pool's workers start: process.cpuUsage counts every thread, and
// workers loading and compiling their code would be billed to the floor.
const floor = floorUs(20_000)
const pool = new DhPool({ size: Number(args.workers) })
const options = {
  ...DEFAULT_PSI_OPTIONS,
  community: 'bench',
  budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Items]: { multiple: 4, floor: 1 << 18, cap: 1 << 24 } },
}
const party = (name: string) => new PsiParty(name, options, { engine: pool, seed: createHash('sha256').update(name).digest() })

async function cpuMs<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = await work()
  const used = process.cpuUsage(cpu)
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

async function mutual(n: number) {
  const a = party(`A${n}`)
  const b = party(`B${n}`)
  const shared = Math.floor(n / 100)
  const run = await cpuMs(async () => {
    const [ea, eb] = [items('a', n, shared), items('b', n, shared)]
    phase(`${n}: values held`)
    const [la, lb] = await Promise.all([a.publish(1, Mode.Items, ea.elements()), b.publish(1, Mode.Items, eb.elements())])
    phase(`${n}: published`)
    const res = await exchange(a, b, { a: [la], b: [lb] })
    phase(`${n}: exchanged`)
    return { res, padded: la.items.length, held: { a: ea, b: eb } }
  })
  if (run.result.res.aFound.length !== shared || run.result.res.bFound.length !== shared)
    throw new Error(`wrong intersection at ${n}: ${run.result.res.aFound.length}/${run.result.res.bFound.length} of ${shared}`)
  // Both parties' values stay referenced (run.result.held) as two nodes would keep theirs.
  return { a, b, ...run, bytesPerElement: run.result.res.bytes / 2 / run.result.padded }
}

say(`X25519 (sodium-native): ${floor.wall.toFixed(1)} us (${floor.cpu.toFixed(1)} us of CPU)`)
const out: Record<string, number | string> = {
  suite: DH_SUITE,
  x25519_us: round(floor.wall),
  x25519_cpu_us: round(floor.cpu),
  workers: pool.size,
}
await pool.publish(randomBytes(32), items('warm', 64, 0).elements(), new Uint8Array(8))
for (const n of sizes) {
  const run = await mutual(n)
  // Worker CPU is not in process.cpuUsage of the main thread alone on every platform; the pool's
  // threads are part of this process, so cpuUsage counts them.
  const perElement = (run.cpuMs * 1000) / (2 * n)
  const label = n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`
  out[`mutual_${label}_ms`] = Math.round(run.wallMs)
  say(`mutual ${label} x ${label}: ${Math.round(run.wallMs)} ms wall, ${perElement.toFixed(1)} us CPU per element and side`)
  if (n === Math.max(...sizes)) {
    out.per_element_cpu_us = round(perElement)
    // CPU over CPU: on a loaded machine the wall-clock floor is inflated, the CPU figures are not.
    out.per_element_over_floor = round(perElement / floor.cpu)
    out.bytes_per_element = round(run.bytesPerElement)
    // 10k new items on A's side; B holds A's generation and A holds B's list.
    const added = items('late', 10_000, 0)
    const inc = await cpuMs(async () => {
      const list = await run.a.add(1, Mode.Items, added.elements(), () => {
        run.result.held.a.append(added)
        return run.result.held.a.elements()
      })
      return exchange(run.a, run.b, { a: [list], b: [] })
    })
    out[`incremental_10k_vs_${label}_ms`] = Math.round(inc.wallMs)
    say(`incremental 10k against ${label}: ${Math.round(inc.wallMs)} ms`)
    phase(`${n}: incremental`)
  }
}
clearInterval(sampler)
out.peak_rss_mb = Math.round(Math.max(peakRss, highWaterMark()) / 1048576)
await pool.close()
if (args.json) process.stdout.write(`${JSON.stringify(out)}\n`)
else say(JSON.stringify(out, null, 2))

function round(x: number): number {
  return Math.round(x * 100) / 100
}
