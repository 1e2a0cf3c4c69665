/**
 * The main job until the network lands: a walk through one node's life on the bundled samples.
 * Creates a node in a fresh temporary data directory, imports a CSV feed, a STIX bundle and
 * NDJSON sightings (with deliberate bad rows), shows status, normalization and a STIX export,
 * and cleans up. Each step is a real `sightline` command, printed before it runs.
 *
 *   npm run demo [-- --keep]
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { keep: { type: 'boolean', default: false } } })
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'sightline.js')
const dataDir = await mkdtemp(join(tmpdir(), 'sightline-demo-'))

function step(title: string, argv: string[], okCodes = [0], echoLines = Number.POSITIVE_INFINITY): string {
  process.stdout.write(`\n== ${title}\n$ sightline ${argv.join(' ')}\n`)
  const result = spawnSync(process.execPath, [bin, ...argv, '--data-dir', dataDir], { cwd: root, encoding: 'utf8' })
  const lines = result.stdout.split('\n')
  process.stdout.write(
    lines.length > echoLines ? `${lines.slice(0, echoLines).join('\n')}\n... (${lines.length - echoLines} more lines)\n` : result.stdout,
  )
  process.stdout.write(result.stderr)
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(`step "${title}" exited with ${result.status}`)
  }
  return result.stdout
}

try {
  step('create a node', ['init'])
  step('normalize defanged values (what PSI will compare)', [
    'normalize',
    'hxxps://Update-Check[.]example:443/gate.php#x',
    '2001:DB8::0:BAD',
    'Bücher.example.',
  ])
  step(
    'import a CSV feed (one bad row is reported, the rest kept: exit 3)',
    ['import', 'examples/feed.csv', '--source', 'partner-feed'],
    [3],
  )
  step('import a STIX 2.1 bundle (a pattern with AND is refused: exit 3)', ['import', 'examples/bundle.json'], [3])
  step('import sightings from the SIEM', ['import', 'examples/sightings.ndjson', '--sightings', '--tlp', 'amber'])
  step('re-import the feed: duplicates merge, nothing is added', ['import', 'examples/feed.csv', '--json'], [3])
  step('status', ['status'])
  const bundle = JSON.parse(step('export as STIX 2.1 (first lines shown)', ['export', '--format', 'stix'], [0], 3).trim() || '{}') as {
    objects?: { type: string }[]
  }
  const counts: Record<string, number> = {}
  for (const o of bundle.objects ?? []) counts[o.type] = (counts[o.type] ?? 0) + 1
  process.stdout.write(`\nexported bundle holds ${JSON.stringify(counts)}\n`)
} finally {
  if (args.keep) process.stdout.write(`\ndata directory kept at ${dataDir}\n`)
  else await rm(dataDir, { recursive: true, force: true })
}
