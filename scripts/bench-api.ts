/**
 * API benchmark: one member node (`sightline start`, its own process) with its HTTP API on
 * 127.0.0.1; this process is the load generator. Writers push NDJSON batches of
 * new indicators through POST /v1/indicators while a reader pages GET /v1/matches; prints the
 * indicators per second through the API, the p99 latency of the match reads under that load,
 * errors, and the same indicators' direct store ingest rate in this run as a baseline.
 *
 *   npm run bench:api -- [--json] [--indicators 200000] [--batch 5000] [--writers 2]
 */
import '../src/polyfill.ts'
import { type ChildProcess, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { resolveConfig } from '../src/node/config.ts'
import { initDataDir, readApiToken } from '../src/node/data-dir.ts'
import type { MatchRecord } from '../src/store/repositories.ts'
import { Store } from '../src/store/store.ts'
import { tempDir } from '../test/helpers/tmp.ts'
import { firstLine } from './child-process.ts'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    indicators: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '5000' },
    writers: { type: 'string', default: '2' },
    matches: { type: 'string', default: '2000' },
  },
})
const total = Number(args.indicators)
const batchSize = Number(args.batch)
const writers = Number(args.writers)
const bin = fileURLToPath(new URL('../bin/sightline.js', import.meta.url))
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`)
}

function ndjson(from: number, to: number, prefix: string): string {
  let out = ''
  for (let i = from; i < to; i++) out += `{"value":"${prefix}-${i}.bench.example","tlp":"amber"}\n`
  return out
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

/** Direct store ingest of the same rows (no HTTP, no parsing): the baseline of the ratio. */
async function baseline(dir: string): Promise<number> {
  const store = new Store({ location: join(dir, 'baseline-db') })
  await store.start()
  const started = performance.now()
  for (let from = 0; from < total; from += batchSize) {
    const batch = []
    for (let i = from; i < Math.min(total, from + batchSize); i++)
      batch.push({
        type: 'domain' as const,
        value: `base-${i}.bench.example`,
        tlp: 'amber' as const,
        tags: [],
        source: 'bench',
        firstSeen: 0,
        lastSeen: 0,
        count: 1,
      })
    await store.ingest(batch)
  }
  const rate = total / ((performance.now() - started) / 1000)
  await store.stop()
  return rate
}

async function main(): Promise<void> {
  const { dir, cleanup } = await tempDir('sightline-bench-api-')
  let child: ChildProcess | undefined
  try {
    const config = resolveConfig({ dataDir: join(dir, 'node'), community: 'bench' }, {})
    await initDataDir(config)
    const token = await readApiToken(config.dataDir)
    // Matches to read, recorded as the match engine records them, before the node starts.
    const store = new Store({ location: join(config.dataDir, 'db') })
    await store.start()
    const now = Date.now()
    const planted: MatchRecord[] = Array.from({ length: Number(args.matches) }, (_, i) => ({
      peer: `12D3KooBenchPeer${i % 10}`,
      organization: `org${i % 10}`,
      type: 'domain',
      value: `match-${i}.bench.example`,
      tlp: 'amber',
      holds: true,
      sighted: {},
      ours: { sources: [{ name: 'bench', kind: 'community' }], tags: [], count: 1, sightings: {} },
      level: 'normal',
      alerted: 'none',
      epoch: 1,
      matchedAt: now,
    }))
    await store.recordMatches(planted)
    await store.stop()

    // The node runs as its own process (`sightline start`), as in production; this process is
    // only the load generator.
    child = spawn(process.execPath, [bin, 'start', '--json', '--data-dir', config.dataDir], { stdio: ['ignore', 'pipe', 'inherit'] })
    await firstLine(child)
    const { url } = JSON.parse(await readFile(join(config.dataDir, 'api.json'), 'utf8')) as { url: string }
    const headers = { authorization: `Bearer ${token}` }
    let errors = 0
    let ingested = 0
    let writing = true
    const latencies: number[] = []

    const reader = (async () => {
      let since = 0
      while (writing) {
        const started = performance.now()
        try {
          const response = await fetch(`${url}/v1/matches?since=${since}&limit=100`, { headers })
          const page = (await response.json()) as { next: number; more: boolean }
          if (!response.ok) errors++
          since = page.more ? page.next : 0
        } catch {
          errors++
        }
        latencies.push(performance.now() - started)
      }
    })()

    // Bodies are made before the clock starts, so the generator's own work stays out of the figures.
    const bodies: string[] = []
    for (let from = 0; from < total; from += batchSize) bodies.push(ndjson(from, Math.min(total, from + batchSize), 'api'))
    let next = 0
    const started = performance.now()
    let lastReport = started
    const writer = async (): Promise<void> => {
      for (;;) {
        const body = bodies[next++]
        if (body === undefined) return
        try {
          const response = await fetch(`${url}/v1/indicators`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/x-ndjson' },
            body,
          })
          const report = (await response.json()) as { imported: number; rejected: number }
          if (!response.ok || report.rejected > 0) errors++
          ingested += report.imported ?? 0
        } catch {
          errors++
        }
        if (performance.now() - lastReport > 2000) {
          lastReport = performance.now()
          say(`  ${ingested} of ${total} indicators through the API`)
        }
      }
    }
    say(`pushing ${total} indicators in NDJSON batches of ${batchSize} with ${writers} writers, reading matches meanwhile`)
    await Promise.all(Array.from({ length: writers }, writer))
    const wallMs = performance.now() - started
    writing = false
    await reader
    child.kill('SIGINT')
    await new Promise((resolve) => child?.on('exit', resolve))
    child = undefined
    latencies.sort((a, b) => a - b)
    say('measuring the direct store ingest baseline')
    const base = await baseline(dir)
    const result = {
      ingest_per_s: Math.round(ingested / (wallMs / 1000)),
      matches_p99_ms: Number(percentile(latencies, 99).toFixed(2)),
      matches_p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      matches_requests: latencies.length,
      errors,
      indicators: ingested,
      wall_ms: Math.round(wallMs),
      baseline_store_ingest_per_s: Math.round(base),
      ratio_api_over_store: Number((ingested / (wallMs / 1000) / base).toFixed(3)),
      batch: batchSize,
      writers,
    }
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`)
  } finally {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGINT')
      await new Promise((resolve) => child?.on('exit', resolve))
    }
    await cleanup()
  }
}

await main()
