import { escapeHtml } from '../html.ts'

/** Small inline SVG charts for the simulation report: no scripts, no fonts to fetch. */

const W = 540
const H = 300
const M = { left: 64, right: 16, top: 50, bottom: 58 }
const COLORS = ['#2f6fde', '#e0702d', '#2a9d6a', '#b83c8e', '#7a5cd6', '#c9a227', '#3a9fb5', '#a3261b']

export interface Series {
  name: string
  points: [number, number][]
  /** Draw as a step function (cumulative counts, CDFs). */
  step?: boolean
}

/** Round tick values covering [0, max]. */
function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power
  const out: number[] = []
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)))
  if ((out[out.length - 1] ?? 0) < max) out.push(Number((out.length * step).toPrecision(12)))
  return out
}

function label(v: number): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1)}M`
  if (Math.abs(v) >= 1e4) return `${(v / 1e3).toFixed(0)}k`
  return Number.isInteger(v) ? String(v) : v.toFixed(2)
}

function frame(
  id: string,
  title: string,
  xLabel: string,
  yLabel: string,
  yTicks: number[],
  yMax: number,
  body: string,
  legend: string,
): string {
  const plotH = H - M.top - M.bottom
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH
  const grid = yTicks
    .map(
      (t) =>
        `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#eceff3"/><text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${label(t)}</text>`,
    )
    .join('')
  return `<svg id="${escapeHtml(id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(title)}</text>
${grid}
<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#888"/><line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#888"/>
<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(xLabel)}</text>
<text transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(yLabel)}</text>
${body}
${legend}
</svg>`
}

function legendOf(names: string[]): string {
  return names
    .map((name, i) => {
      // Above the plot area, under the title: never over the data.
      const x = M.left + (i % 3) * 150
      const y = 36 + Math.floor(i / 3) * 12
      return `<rect x="${x}" y="${y - 8}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 14}" y="${y + 1}" font-size="11">${escapeHtml(name)}</text>`
    })
    .join('')
}

export function lineChart(o: { id: string; title: string; xLabel: string; yLabel: string; series: Series[]; yMax?: number }): string {
  const all = o.series.flatMap((s) => s.points)
  const xMaxRaw = Math.max(0, ...all.map((p) => p[0]))
  const yMaxRaw = o.yMax ?? Math.max(0, ...all.map((p) => p[1]))
  const xTicks = ticks(xMaxRaw)
  const yTicks = ticks(yMaxRaw)
  const xMax = xTicks[xTicks.length - 1] ?? 1
  const yMax = yTicks[yTicks.length - 1] ?? 1
  const plotW = W - M.left - M.right
  const plotH = H - M.top - M.bottom
  const x = (v: number) => M.left + (v / xMax) * plotW
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH
  const xAxis = xTicks
    .map((t) => `<text x="${x(t).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="#555">${label(t)}</text>`)
    .join('')
  const lines = o.series
    .map((s, i) => {
      if (s.points.length === 0) return ''
      let d = ''
      s.points.forEach(([px, py], k) => {
        const prev = s.points[k - 1]
        if (k === 0) d += `M${x(px).toFixed(1)},${y(py).toFixed(1)}`
        else if (s.step && prev !== undefined) d += `H${x(px).toFixed(1)}V${y(py).toFixed(1)}`
        else d += `L${x(px).toFixed(1)},${y(py).toFixed(1)}`
      })
      return `<path class="series" d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`
    })
    .join('')
  const empty = all.length === 0 ? `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" font-size="12" fill="#888">no data</text>` : ''
  return frame(o.id, o.title, o.xLabel, o.yLabel, yTicks, yMax, xAxis + lines + empty, legendOf(o.series.map((s) => s.name)))
}

export function barChart(o: {
  id: string
  title: string
  yLabel: string
  labels: string[]
  series: { name: string; values: number[] }[]
  yMax?: number
}): string {
  const yTicks = ticks(o.yMax ?? Math.max(0, ...o.series.flatMap((s) => s.values)))
  const yMax = yTicks[yTicks.length - 1] ?? 1
  const plotW = W - M.left - M.right
  const plotH = H - M.top - M.bottom
  const n = Math.max(1, o.labels.length)
  const slot = plotW / n
  const bar = Math.max(1, (slot * 0.8) / o.series.length)
  const every = Math.ceil(n / 25)
  let body = ''
  o.labels.forEach((text, i) => {
    o.series.forEach((s, k) => {
      const v = s.values[i] ?? 0
      const h = (v / yMax) * plotH
      const x = M.left + i * slot + slot * 0.1 + k * bar
      body += `<rect class="bar" x="${x.toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"><title>${escapeHtml(`${text} ${s.name}: ${v}`)}</title></rect>`
    })
    if (i % every === 0)
      body += `<text x="${(M.left + i * slot + slot / 2).toFixed(1)}" y="${H - M.bottom + 14}" text-anchor="middle" font-size="10" fill="#555">${escapeHtml(text)}</text>`
  })
  body += `<text x="${(M.left + W - M.right) / 2}" y="${H - M.bottom + 28}" text-anchor="middle" font-size="11" fill="#555">node</text>`
  return frame(o.id, o.title, '', o.yLabel, yTicks, yMax, body, legendOf(o.series.map((s) => s.name)))
}
