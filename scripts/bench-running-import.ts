/**
 * A big import into a running member (issue: hardening): two `sightline start` processes on
 * 127.0.0.1; B holds one value, A receives `--rows` new indicators that include it, through the
 * API (one NDJSON request) or through `sightline import` (a file the node imports itself). B holds
 * `--peer-rows` values of its own: a member raises at most 4x its own list size of another's
 * elements per epoch (DESIGN section 5), so a 2-item member would rightly refuse a 1M list. Prints
 * the import time, the time until A records the match with B, A's peak RSS (VmHWM) and any
 * recentErrors. Memory of A is sampled from /proc while it runs.
 *
 *   npm run bench:running-import -- [--rows 1000000] [--via api|cli] [--json]
 */
import '../src/polyfill.ts'
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { tempDir } from '../test/helpers/tmp.ts'
import { firstLine } from './child-process.ts'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    via: { type: 'string', default: 'api' },
    timeout: { type: 'string', default: '600' },
    'peer-rows': { type: 'string', default: '300000' },
  },
})
const rows = Number(args.rows)
const bin = fileURLToPath(new URL('../bin/sightline.js', import.meta.url))
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`)
}
const SHARED = 'shared-value.running-import.example'

function cli(argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function rssKb(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
  return { rss: field('VmRSS'), hwm: field('VmHWM') }
}

/** The rows: `rows - 1` values only A holds, and the shared one in the middle. */
function* ndjsonChunks(): Generator<string> {
  let out = ''
  for (let i = 0; i < rows; i++) {
    out += i === Math.floor(rows / 2) ? `{"value":"${SHARED}"}\n` : `{"value":"a-${i}.running-import.example"}\n`
    if (out.length > 1 << 20) {
      yield out
      out = ''
    }
  }
  if (out !== '') yield out
}

async function main(): Promise<void> {
  const { dir, cleanup } = await tempDir('sightline-running-import-')
  const children: ChildProcess[] = []
  try {
    const a = join(dir, 'a')
    const b = join(dir, 'b')
    const idA = JSON.parse((await cli(['init', '--data-dir', a, '--community', 'bench', '--json'])).stdout).peerId as string
    const idB = JSON.parse((await cli(['init', '--data-dir', b, '--community', 'bench', '--json'])).stdout).peerId as string
    await cli(['roster', 'add', idB, '--name', 'Org B', '--data-dir', a])
    await cli(['roster', 'add', idA, '--name', 'Org A', '--data-dir', b])
    const peerRows = Number(args['peer-rows'])
    await writeFile(
      join(dir, 'b.txt'),
      (function* () {
        yield `${SHARED}\n`
        for (let i = 0; i < peerRows; i++) yield `b-${i}.running-import.example\n`
      })(),
    )
    const peerImport = await cli(['import', join(dir, 'b.txt'), '--data-dir', b])
    if (peerImport.code !== 0) throw new Error(`the peer's import failed (exit ${peerImport.code}): ${peerImport.stderr}`)

    const nodeA = spawn(process.execPath, [bin, 'start', '--data-dir', a, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(nodeA)
    const started = JSON.parse(await firstLine(nodeA)) as { addresses: string[] }
    const nodeB = spawn(process.execPath, [bin, 'start', '--data-dir', b, '--json', '--bootstrap', started.addresses[0] as string], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(nodeB)
    await firstLine(nodeB)
    const { url } = JSON.parse(await readFile(join(a, 'api.json'), 'utf8')) as { url: string }
    const token = (await readFile(join(a, 'api-token'), 'utf8')).trim()
    const headers = { authorization: `Bearer ${token}` }
    const urlB = (JSON.parse(await readFile(join(b, 'api.json'), 'utf8')) as { url: string }).url
    const headersB = { authorization: `Bearer ${(await readFile(join(b, 'api-token'), 'utf8')).trim()}` }
    const matched = async (at: string, h: Record<string, string>) =>
      ((await (await fetch(`${at}/v1/matches?limit=1000`, { headers: h })).json()) as { matches: { value: string }[] }).matches.some(
        (m) => m.value === SHARED,
      )
    const pid = nodeA.pid as number

    let peakKb = 0
    let lastKb = 0
    const sampler = setInterval(() => {
      rssKb(pid)
        .then((m) => {
          lastKb = m.rss
          peakKb = Math.max(peakKb, m.hwm)
        })
        .catch(() => undefined)
    }, 250)
    const before = await rssKb(pid)

    say(`importing ${rows} rows into the running node A through ${args.via}`)
    const t0 = performance.now()
    let report: { imported: number; rejected: number }
    if (args.via === 'cli') {
      const file = join(dir, 'a.ndjson')
      await writeFile(file, ndjsonChunks())
      const result = await cli(['import', file, '--json', '--data-dir', a])
      if (result.code !== 0) throw new Error(`import failed: ${result.stderr}`)
      report = JSON.parse(result.stdout)
    } else {
      const body = ndjsonChunks()
      const response = await fetch(`${url}/v1/indicators`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-ndjson' },
        body: new ReadableStream({
          pull(controller) {
            const next = body.next()
            if (next.done) controller.close()
            else controller.enqueue(new TextEncoder().encode(next.value))
          },
        }),
        duplex: 'half',
      } as RequestInit)
      report = (await response.json()) as { imported: number; rejected: number }
      if (!response.ok) throw new Error(`import answered ${response.status}: ${JSON.stringify(report)}`)
    }
    const importMs = performance.now() - t0
    say(`  imported ${report.imported} (rejected ${report.rejected}) in ${Math.round(importMs)} ms; waiting for the match`)

    // Each side records the match itself: B when it learns A holds its value, A when it learns B does.
    let matchedMs: number | undefined
    let peerMatchedMs: number | undefined
    const deadline = Date.now() + Number(args.timeout) * 1000
    let status: { recentErrors?: string[] } = {}
    while (Date.now() < deadline && (matchedMs === undefined || peerMatchedMs === undefined)) {
      if (matchedMs === undefined && (await matched(url, headers))) matchedMs = performance.now() - t0
      if (peerMatchedMs === undefined && (await matched(urlB, headersB))) peerMatchedMs = performance.now() - t0
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    status = (await (await fetch(`${url}/v1/status`, { headers })).json()) as { recentErrors?: string[] }
    // A later small change must still be announced (a failed change must not poison the next).
    clearInterval(sampler)
    const after = await rssKb(pid)
    peakKb = Math.max(peakKb, after.hwm)
    const result = {
      rows,
      via: args.via,
      imported: report.imported,
      rejected: report.rejected,
      import_ms: Math.round(importMs),
      matched_by_importer_ms: matchedMs === undefined ? null : Math.round(matchedMs),
      matched_by_peer_ms: peerMatchedMs === undefined ? null : Math.round(peerMatchedMs),
      rss_before_mb: Math.round(before.rss / 1024),
      rss_after_mb: Math.round((lastKb || after.rss) / 1024),
      peak_rss_mb: Math.round(peakKb / 1024),
      recent_errors: status.recentErrors ?? [],
    }
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`)
    if (matchedMs === undefined || peerMatchedMs === undefined) process.exitCode = 1
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGINT')
    for (const child of children) if (child.exitCode === null) await once(child, 'exit')
    await cleanup()
  }
}

await main()
