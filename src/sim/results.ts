import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { escapeHtml } from '../html.ts'
import { ATTACK_KINDS } from './adversary.ts'
import type { KindQuality, NodeResult, SimulationResult } from './result-types.ts'
import { barChart, lineChart, type Series } from './svg.ts'

/** A kind's precision and recall, with TLP levels as `{precision, recall}` (RED: `{expected, counted}`). */
function brief(q: KindQuality) {
  const byTlp = Object.fromEntries(
    Object.entries(q.byTlp).map(([tlp, t]) => [tlp, 'precision' in t ? { precision: t.precision, recall: t.recall } : t]),
  )
  return { precision: q.precision, recall: q.recall, expected: q.expected, found: q.found, byTlp }
}

/** The one-object summary `npm run simulate -- --json` prints. */
export function summaryOf(r: SimulationResult, out?: string) {
  return {
    scenario: r.scenario.name,
    seed: r.seed,
    nodes: r.scenario.nodes,
    transport: r.scenario.transport,
    crypto: r.crypto.fidelity,
    cpu: r.crypto.cpu,
    converged: r.converged,
    precision: r.summary.precision,
    recall: r.summary.recall,
    expected: r.groundTruth.expected,
    found: r.summary.found,
    wallMs: r.wallMs,
    runMs: r.runMs,
    timeToFirstMatchMs: r.summary.timeToFirstMatchMs,
    timeToAllMatchesMs: r.summary.timeToAllMatchesMs,
    bytesPerNode: r.summary.bytesPerNode,
    messagesPerNode: r.summary.messagesPerNode,
    load: r.load,
    peakConnected: r.summary.peakConnected,
    idleClosed: r.summary.idleClosed,
    pairs: r.groundTruth.pairs,
    cpuMsPerNode: r.summary.cpuMsPerNode,
    processCpuMs: r.summary.processCpuMs,
    pointsRaised: r.summary.pointsRaised,
    budgetRefusals: r.summary.budgetRefusals,
    rejected: r.summary.rejected,
    red: { expected: r.summary.redExpected, counted: r.summary.redCounted },
    holds: brief(r.summary.holds),
    sighted: brief(r.summary.sighted),
    adversaries: { attempted: r.adversaries.attempted, accounted: r.adversaries.accounted },
    ...(out === undefined ? {} : { out }),
  }
}

const CSV_COLUMNS: (keyof NodeResult)[] = [
  'index',
  'organization',
  'peerId',
  'role',
  'joinedAtMs',
  'leftAtMs',
  'items',
  'expected',
  'found',
  'truePositives',
  'precision',
  'recall',
  'timeToFirstMatchMs',
  'timeToAllMatchesMs',
  'bytesSent',
  'messagesSent',
  'peakConnected',
  'idleClosed',
  'cpuMs',
  'processCpuMs',
  'pointsRaised',
  'budgetRefusals',
  'errors',
]

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function nodesCsv(r: SimulationResult): string {
  const header = [
    ...CSV_COLUMNS,
    'cpuKind',
    'rejected',
    'redExpected',
    'redCounted',
    'sightedExpected',
    'sightedFound',
    'sightedPrecision',
    'sightedRecall',
    'redSightedExpected',
    'redSightedCounted',
  ]
  const lines = r.nodes.map((n) =>
    [
      ...CSV_COLUMNS.map((c) => csvCell(n[c])),
      r.crypto.cpu,
      csvCell(
        Object.entries(n.rejected)
          .map(([k, v]) => `${k}=${v}`)
          .join(';'),
      ),
      n.red.expected,
      n.red.counted,
      csvCell(n.sighted.expected),
      n.sighted.found,
      n.sighted.precision,
      csvCell(n.sighted.recall),
      n.redSighted.expected,
      n.redSighted.counted,
    ].join(','),
  )
  return `${header.join(',')}\n${lines.join('\n')}\n`
}

function fmt(n: number | null, digits = 0): string {
  return n === null ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

/**
 * Precision and recall of `holds` and `sighted` matches per TLP level; RED rows give the overlap
 * the ground truth says and what the members counted (count only, never which values).
 */
function qualityTable(r: SimulationResult): string {
  const rows = (['holds', 'sighted'] as const).flatMap((kind) => {
    const q = r.summary[kind]
    const cells = (label: string, t: { expected: number; found: number; precision: number; recall: number }) =>
      `<tr><td>${kind}</td><td>${label}</td><td>${fmt(t.expected)}</td><td>${fmt(t.found)}</td><td>${fmt(t.precision, 4)}</td><td>${fmt(t.recall, 4)}</td></tr>`
    const levels = Object.entries(q.byTlp).map(([tlp, t]) =>
      'precision' in t
        ? cells(tlp, t)
        : `<tr><td>${kind}</td><td>${tlp} (count only)</td><td>${fmt(t.expected)}</td><td>${fmt(t.counted)} counted</td><td>–</td><td>–</td></tr>`,
    )
    return [cells('all per item', q), ...levels]
  })
  return `<table id="kinds"><tr><th>kind</th><th>TLP</th><th>expected</th><th>found</th><th>precision</th><th>recall</th></tr>${rows.join('')}</table>`
}

/** The summary table's rows (`precision / recall` are those of holds matches). */
function summaryOfRun(r: SimulationResult, cpuLabel: string): [string, string][] {
  const modeled = r.crypto.fidelity === 'modeled'
  return [
    ['nodes', `${r.scenario.nodes} (${r.adversaries.malicious.length} malicious)`],
    ['transport / crypto', `${r.scenario.transport} / ${r.crypto.fidelity}${modeled ? ' (MODELED)' : ''}`],
    ['seed', String(r.seed)],
    ['converged', r.converged ? 'yes' : 'NO (timed out)'],
    ['precision / recall (honest)', `${fmt(r.summary.precision, 4)} / ${fmt(r.summary.recall, 4)}`],
    ['expected matches / found', `${fmt(r.groundTruth.expected)} / ${fmt(r.summary.found)}`],
    ['time to first / all matches', `${fmt(r.summary.timeToFirstMatchMs)} ms / ${fmt(r.summary.timeToAllMatchesMs)} ms`],
    ['bytes / messages per node', `${fmt(r.summary.bytesPerNode)} / ${fmt(r.summary.messagesPerNode)}`],
    [cpuLabel, fmt(r.summary.cpuMsPerNode)],
    ['points raised for members (all nodes)', fmt(r.summary.pointsRaised)],
    ['budget refusals (honest)', fmt(r.summary.budgetRefusals)],
    ['RED overlap expected / counted', `${fmt(r.summary.redExpected)} / ${fmt(r.summary.redCounted)}`],
    ['sighted: precision / recall (honest)', `${fmt(r.summary.sighted.precision, 4)} / ${fmt(r.summary.sighted.recall, 4)}`],
    ['sighted: expected matches / found', `${fmt(r.groundTruth.sighted.expected)} / ${fmt(r.summary.sighted.found)}`],
    [
      'sighted: planted sightings (outside the window)',
      `${fmt(r.groundTruth.sighted.sightings)} (${fmt(r.groundTruth.sighted.outsideWindow)})`,
    ],
    ['wall time', `${fmt(r.wallMs)} ms (run ${fmt(r.runMs)} ms)`],
    [
      'versions',
      Object.entries(r.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
  ]
}

/** A self-contained page: inline CSS and SVG, no scripts, no network. */
export function reportHtml(r: SimulationResult): string {
  const modeled = r.crypto.fidelity === 'modeled'
  const cpuLabel = modeled ? 'DH-PSI CPU ms per node (MODELED)' : 'DH-PSI CPU ms per node (measured)'
  const cdf: Series[] = [
    {
      name: 'expected matches found',
      points: r.latenciesMs.map((ms, i) => [ms / 1000, (i + 1) / Math.max(1, r.groundTruth.expected)] as [number, number]),
      step: true,
    },
  ]
  const reasons = [...new Set(r.timeline.flatMap((t) => Object.keys(t.rejected)))].sort()
  const rejections: Series[] = reasons.map((reason) => ({
    name: reason,
    points: r.timeline.map((t) => [t.tMs / 1000, t.rejected[reason] ?? 0] as [number, number]),
    step: true,
  }))
  const label = (n: NodeResult) => `${n.index}${n.role === 'malicious' ? '*' : ''}`
  const summaryRows = summaryOfRun(r, cpuLabel)
  const attackRows = ATTACK_KINDS.map(
    (kind) =>
      `<tr><td>${kind}</td><td>${r.adversaries.attempted[kind]}</td><td>${escapeHtml(r.adversaries.rejected[kind].counter)}</td><td>${r.adversaries.rejected[kind].count}</td></tr>`,
  ).join('')
  const nodeRows = r.nodes
    .map(
      (n) =>
        `<tr${n.role === 'malicious' ? ' class="bad"' : ''}><td>${n.index}</td><td>${escapeHtml(n.organization)}</td><td>${n.role}</td><td>${n.items}</td><td>${fmt(n.expected)}</td><td>${n.found}</td><td>${fmt(n.precision, 3)}</td><td>${fmt(n.recall, 3)}</td><td>${fmt(n.timeToAllMatchesMs)}</td><td>${fmt(n.bytesSent)}</td><td>${fmt(n.cpuMs, 1)}</td><td>${n.budgetRefusals}</td><td>${escapeHtml(
          Object.entries(n.rejected)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        )}</td></tr>`,
    )
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sightline simulation: ${escapeHtml(r.scenario.name)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #e6e9ef;padding:3px 10px;text-align:left}
th{background:#f3f5f8}.bad td{color:#a3261b}.banner{background:#fff4d6;border:1px solid #e4b94a;padding:8px 12px;border-radius:4px;margin:12px 0}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:18px}svg{background:#fff;border:1px solid #e6e9ef;border-radius:4px}
.muted{color:#667085}
</style></head><body>
<h1>Sightline simulation: ${escapeHtml(r.scenario.name)}</h1>
<p class="muted">${escapeHtml(r.scenario.description ?? '')} Started ${escapeHtml(r.startedAt)}.</p>
${modeled ? `<p class="banner" id="modeled"><strong>MODELED crypto.</strong> ${escapeHtml(r.crypto.note)}</p>` : `<p class="muted">${escapeHtml(r.crypto.note)}</p>`}
<h2>Summary</h2>
<table id="summary">${summaryRows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>Matches by kind and TLP</h2>
${qualityTable(r)}
<h2>Adversaries</h2>
<p class="muted">Every attempt, and how much the honest members' counter that accounts for its kind grew while the adversaries acted (rejections may exceed attempts: one forged message is refused by every member it reaches).</p>
<table id="adversaries"><tr><th>attack</th><th>attempted</th><th>honest counter</th><th>rejected</th></tr>${attackRows}</table>
<h2>Plots</h2>
<div class="charts">
${lineChart({ id: 'cdf', title: 'Time to match (CDF over expected matches)', xLabel: 'seconds after the match became possible', yLabel: 'fraction found', series: cdf, yMax: 1 })}
${barChart({ id: 'bytes', title: 'Bytes sent per node', yLabel: 'bytes', labels: r.nodes.map(label), series: [{ name: 'bytes sent', values: r.nodes.map((n) => n.bytesSent) }] })}
${barChart({ id: 'cpu', title: cpuLabel, yLabel: 'ms', labels: r.nodes.map(label), series: [{ name: modeled ? 'modeled CPU ms' : 'CPU ms', values: r.nodes.map((n) => n.cpuMs) }] })}
${barChart({
  id: 'quality',
  title: 'Precision and recall per node',
  yLabel: 'ratio',
  labels: r.nodes.map(label),
  yMax: 1,
  series: [
    { name: 'precision', values: r.nodes.map((n) => n.precision) },
    { name: 'recall', values: r.nodes.map((n) => n.recall ?? 0) },
  ],
})}
${lineChart({ id: 'rejections', title: 'Rejections by honest members over time (cumulative)', xLabel: 'seconds', yLabel: 'rejected', series: rejections })}
</div>
<p class="muted">* malicious member. Recall is not measured for members that left (–).</p>
<h2>Nodes</h2>
<table id="nodes"><tr><th>#</th><th>organization</th><th>role</th><th>items</th><th>expected</th><th>found</th><th>precision</th><th>recall</th><th>all matches ms</th><th>bytes</th><th>${modeled ? 'modeled' : 'measured'} CPU ms</th><th>budget refusals</th><th>rejected</th></tr>${nodeRows}</table>
</body></html>
`
}

/** Writes results.json, nodes.csv and report.html into `dir`. */
export async function writeResults(r: SimulationResult, dir: string): Promise<{ json: string; csv: string; html: string }> {
  await mkdir(dir, { recursive: true })
  const { matches: _matches, sightedMatches: _sighted, ...rest } = r
  const files = { json: join(dir, 'results.json'), csv: join(dir, 'nodes.csv'), html: join(dir, 'report.html') }
  await writeFile(files.json, `${JSON.stringify(rest, null, 2)}\n`)
  await writeFile(files.csv, nodesCsv(r))
  await writeFile(files.html, reportHtml(r))
  return files
}
