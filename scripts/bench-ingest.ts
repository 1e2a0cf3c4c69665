/**
 * Ingest benchmark: imports N synthetic mixed-type indicators through the real import path
 * (read, detect type, normalize, merge, durable batch) into a fresh data directory, then times
 * a plain `level` chained batch put of the same N keys (same batch size, synced) as the baseline.
 *
 *   npm run bench:ingest -- [--n 1000000] [--json]
 */

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Level } from 'level'
import { Warninglists } from '../src/indicators/warninglist.ts'
import { importFiles } from '../src/node/importer.ts'
import { Store } from '../src/store/store.ts'

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '1000000' }, json: { type: 'boolean', default: false } } })
const N = Number(args.n)
if (!Number.isSafeInteger(N) || N < 1) throw new Error('--n must be a positive integer')
const BATCH = 4096

function hex(i: number, length: number): string {
  let out = ''
  let x = (i + 1) * 2654435761
  while (out.length < length) {
    x = (x ^ (x << 13)) >>> 0
    x = (x ^ (x >>> 17)) >>> 0
    x = (x ^ (x << 5)) >>> 0
    out += x.toString(16).padStart(8, '0')
  }
  return out.slice(0, length)
}

/** A deterministic mix: IPv4, IPv6, domains, URLs, emails and three hash types, some defanged. */
function indicatorAt(i: number): string {
  switch (i % 8) {
    case 0:
      return `${45 + (i % 150)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
    case 1:
      return `2001:db8:${(i >> 16).toString(16)}::${(i & 0xffff).toString(16)}`
    case 2:
      return `host${i}.evil-${i % 977}[.]example`
    case 3:
      return `hxxp://cdn${i}.bad.example/path/${i}?id=${i}`
    case 4:
      return `user${i}@Phish${i % 331}.example`
    case 5:
      return hex(i, 32)
    case 6:
      return hex(i, 40).toUpperCase()
    default:
      return hex(i, 64)
  }
}

async function writeInput(file: string): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < N; i += 10_000) {
    let chunk = ''
    for (let j = i; j < Math.min(N, i + 10_000); j++) chunk += `${indicatorAt(j)}\n`
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function timeImport(dir: string): Promise<{ ms: number; imported: number; rejected: number }> {
  const file = join(dir, 'input.txt')
  await writeInput(file)
  const store = new Store({ location: join(dir, 'db') })
  await store.start()
  const started = performance.now()
  let lastShown = 0
  const report = await importFiles(store, [file], {
    format: 'txt',
    tlp: 'amber',
    sightings: false,
    warninglists: Warninglists.load(),
    batchSize: BATCH,
    onCommit: (p) => {
      if (!args.json && process.stderr.isTTY && p.rows - lastShown >= 100_000) {
        lastShown = p.rows
        process.stderr.write(`\r  imported ${p.rows.toLocaleString('en')} / ${N.toLocaleString('en')}`)
      }
    },
  })
  const ms = performance.now() - started
  await store.stop()
  if (!args.json && process.stderr.isTTY) process.stderr.write('\r\u001b[K')
  return { ms, imported: report.imported, rejected: report.rejected }
}

async function timeBaseline(dir: string): Promise<number> {
  const db = new Level<string, Uint8Array>(join(dir, 'baseline'), { valueEncoding: 'view' })
  await db.open()
  const value = new Uint8Array(48).fill(7)
  const started = performance.now()
  for (let i = 0; i < N; i += BATCH) {
    const batch = db.batch()
    for (let j = i; j < Math.min(N, i + BATCH); j++) batch.put(`key:${indicatorAt(j)}`, value)
    await batch.write({ sync: true } as never)
  }
  const ms = performance.now() - started
  await db.close()
  return ms
}

const dir = await mkdtemp(join(tmpdir(), 'sightline-bench-'))
try {
  const wallStart = performance.now()
  const ingest = await timeImport(dir)
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const baselineMs = await timeBaseline(dir)
  const result = {
    n: N,
    indicators_per_s: Math.round((N / ingest.ms) * 1000),
    baseline_puts_per_s: Math.round((N / baselineMs) * 1000),
    ratio: Number((baselineMs / ingest.ms).toFixed(3)),
    peak_rss_mb: Math.round(peakRssMb),
    wall_ms: Math.round(performance.now() - wallStart),
    import_ms: Math.round(ingest.ms),
    baseline_ms: Math.round(baselineMs),
    imported: ingest.imported,
    rejected: ingest.rejected,
    batch_size: BATCH,
    sync: true,
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } else {
    process.stdout.write(
      `${[
        `ingest of ${N.toLocaleString('en')} mixed indicators (normalized, merged, synced batches of ${BATCH})`,
        `  sightline import:   ${result.indicators_per_s.toLocaleString('en')} indicators/s (${result.import_ms} ms)`,
        `  plain level puts:   ${result.baseline_puts_per_s.toLocaleString('en')} puts/s (${result.baseline_ms} ms)`,
        `  ratio import/level: ${result.ratio}`,
        `  peak RSS (import):  ${result.peak_rss_mb} MB`,
        `  imported ${result.imported}, rejected ${result.rejected}`,
      ].join('\n')}\n`,
    )
  }
  if (ingest.imported !== N) {
    process.stderr.write(`bench: expected ${N} distinct indicators, imported ${ingest.imported} (rejected ${ingest.rejected})\n`)
    process.exitCode = 1
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
