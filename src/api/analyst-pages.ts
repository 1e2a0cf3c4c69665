import type { FastifyInstance } from 'fastify'
import { escapeHtml } from '../html.ts'
import { TLP_LEVELS } from '../indicators/tlp.ts'
import { INDICATOR_TYPES, type IndicatorRecord } from '../indicators/types.ts'
import { windowLabel } from '../node/sighting-windows.ts'
import { sourceKind } from '../node/source-kinds.ts'
import { sourcesOf } from '../store/merge.ts'
import { type MatchRecord, matchKind } from '../store/repositories.ts'
import { type MatchExplorer, parseFilter } from './match-explorer.ts'
import type { NodeView } from './node-view.ts'
import { count, page, timeZoneOf, tlpBadge, when } from './page-format.ts'
import type { ApiPlugin } from './server.ts'

const PER_PAGE = 50

type Query = Record<string, string | undefined>

/**
 * The analyst's pages, server-rendered without script: the matches explorer (`/matches`: search,
 * filters and paging over the whole history) and the indicator page (`/indicator?type=&value=`:
 * our record, our sightings, and which members matched it and how).
 */
export function analystPagesPlugin(node: NodeView, explorer: MatchExplorer): ApiPlugin {
  return async (app: FastifyInstance) => {
    app.get('/matches', async (req, reply) => {
      const q = req.query as Query
      const now = Date.now()
      const tz = timeZoneOf(q.tz)
      const filter = parseFilter(q, now)
      const result = await explorer.search(filter, Number(q.page ?? 1) || 1, PER_PAGE)
      const members = await explorer.members()
      const body = `<section class="wide" id="explorer"><h2>Matches (${count(result.total)} found)</h2>
${filterForm(q, members)}
<div class="scroll"><table id="results"><thead><tr><th>Indicator</th><th>TLP</th><th>Member</th><th>How</th><th>Our sources</th><th>Alert</th><th>First matched</th><th class="wide-only">Last change</th></tr></thead><tbody>
${result.rows.map((m) => row(m, tz, now)).join('\n')}
</tbody></table></div>
${result.total === 0 ? '<p>No match fits these filters.</p>' : pager(q, result.page, result.pages)}</section>`
      return html(reply, page({ title: 'Matches', community: node.community, peerId: node.peerId, active: 'matches', body }))
    })

    app.get('/indicator', async (req, reply) => {
      const q = req.query as Query
      const tz = timeZoneOf(q.tz)
      const now = Date.now()
      const type = INDICATOR_TYPES.find((t) => t === q.type)
      const value = q.value ?? ''
      if (type === undefined || value === '') return reply.code(400).type('text/plain').send('type and value are required')
      const item = { type, value }
      const [record, sightings, matched] = await Promise.all([
        node.store.getIndicator(item),
        node.store.sightingsOf(item),
        explorer.ofIndicator(item),
      ])
      const windows = node.sightingWindowsMs.map((ms) => ({
        label: windowLabel(ms),
        events: sightings.filter((s) => now - s.time <= ms && s.time <= now).reduce((n, s) => n + s.count, 0),
      }))
      const ours = ourRecord(record, node.sourceKinds, tz, now)
      const body = `<section class="wide"><h2 class="v">${escapeHtml(type)} ${escapeHtml(value)}</h2>
<p><a href="/matches?q=${encodeURIComponent(value)}">All matches of values containing it</a></p></section>
<section id="ours"><h2>Our record</h2>${ours}</section>
<section id="sightings"><h2>Our sightings (${count(sightings.length)})</h2>
<dl>${windows.map((w) => `<dt>Within ${escapeHtml(w.label)}</dt><dd>${count(w.events)} events</dd>`).join('')}</dl>
${
  sightings.length === 0
    ? ''
    : `<div class="scroll"><table><tr><th>When</th><th>Where</th><th>Source</th><th>Count</th></tr>${sightings
        .slice(-20)
        .reverse()
        .map(
          (s) =>
            `<tr><td>${when(s.time, tz, now)}</td><td>${escapeHtml(s.where)}</td><td>${escapeHtml(s.source)}</td><td class="n">${s.count}</td></tr>`,
        )
        .join('')}</table></div><p class="muted">Sighting times stay on this node: members learn only membership in a window.</p>`
}</section>
<section class="wide" id="members"><h2>Members that matched it (${matched.length})</h2>${
        matched.length === 0
          ? '<p>No member has matched it.</p>'
          : `<div class="scroll"><table><tr><th>Member</th><th>How</th><th>First matched</th><th>Last confirmed</th><th>Alert</th></tr>${matched
              .map(
                (m) =>
                  `<tr><td>${escapeHtml(m.organization)}<br><span class="muted v">${escapeHtml(m.peer)}</span></td><td>${how(m)}</td><td>${when(m.matchedAt, tz, now)} <span class="muted">epoch ${m.epoch}</span></td><td>${when(m.updatedAt ?? m.matchedAt, tz, now)} <span class="muted">epoch ${m.confirmedEpoch ?? m.epoch}</span></td><td class="lv-${m.level}">${m.level}</td></tr>`,
              )
              .join('')}</table></div>`
      }</section>`
      return html(reply, page({ title: `${type} ${value}`, community: node.community, peerId: node.peerId, active: 'indicator', body }))
    })
  }
}

/** Our own record of the indicator, or a note that we hold none. */
function ourRecord(record: IndicatorRecord | undefined, sourceKinds: NodeView['sourceKinds'], tz: string, now: number): string {
  return record === undefined
    ? '<p>We hold no indicator record of this value (it may be known from sightings only).</p>'
    : `<dl><dt>TLP</dt><dd>${tlpBadge(record.tlp)}</dd>
<dt>Sources</dt><dd>${sourcesOf(record)
        .map((s) => {
          const kind = sourceKind(s, sourceKinds)
          return `<span class="tag k-${kind}">${escapeHtml(s)} · ${kind}</span>`
        })
        .join(' ')}</dd>
<dt>Tags</dt><dd>${record.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ') || '<span class="muted">none</span>'}</dd>
<dt>First seen</dt><dd>${when(record.firstSeen, tz, now)}</dd><dt>Last seen</dt><dd>${when(record.lastSeen, tz, now)}</dd>
<dt>Reports</dt><dd>${count(record.count)}${record.confidence === undefined ? '' : `, confidence ${record.confidence}`}</dd>
${record.warninglist === undefined ? '' : `<dt>Warninglist</dt><dd class="warn">${escapeHtml(record.warninglist)}</dd>`}
${record.context === undefined ? '' : `<dt>Context</dt><dd>${record.context.map(escapeHtml).join('; ')}</dd>`}</dl>`
}

function html(reply: { type(t: string): { header(k: string, v: string): { send(b: string): unknown } } }, body: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)
}

/** What the member is known to do: `holds`, `sighted 7d`, or both. */
function how(m: MatchRecord): string {
  const windows = Object.keys(m.sighted)
  const parts = [m.holds ? 'holds' : '', windows.length > 0 ? `sighted ${windows.join(', ')}` : ''].filter((p) => p !== '')
  return `<span class="how-${matchKind(m)}">${escapeHtml(parts.join(' + '))}</span>`
}

function row(m: MatchRecord, tz: string, now: number): string {
  const link = `/indicator?type=${encodeURIComponent(m.type)}&value=${encodeURIComponent(m.value)}`
  const sources = m.ours.sources.map((s) => `<span class="tag k-${s.kind}">${escapeHtml(s.name)}</span>`).join('')
  const sighted = Object.entries(m.ours.sightings).map(([w, n]) => `<span class="tag">we sighted ${n}× in ${escapeHtml(w)}</span>`)
  return `<tr><td class="v"><a href="${link}">${escapeHtml(m.type)} ${escapeHtml(m.value)}</a></td><td>${tlpBadge(m.tlp)}</td><td>${escapeHtml(m.organization)}</td><td>${how(m)}</td><td>${sources}${sighted.join('')}</td><td class="lv-${m.level}">${m.level}</td><td>${when(m.matchedAt, tz, now)}</td><td class="wide-only">${when(m.updatedAt ?? m.matchedAt, tz, now)}</td></tr>`
}

function filterForm(q: Query, members: { peer: string; organization: string }[]): string {
  const v = (k: string) => escapeHtml(q[k] ?? '')
  const select = (name: string, label: string, options: [string, string][]) =>
    `<label>${label}<select name="${name}"><option value="">any</option>${options
      .map(([value, text]) => `<option value="${escapeHtml(value)}"${q[name] === value ? ' selected' : ''}>${escapeHtml(text)}</option>`)
      .join('')}</select></label>`
  return `<form class="filters" method="get" action="/matches">
<label>Search value<input name="q" value="${v('q')}" placeholder="part of a value"></label>
${select(
  'type',
  'Type',
  INDICATOR_TYPES.map((t) => [t, t]),
)}
${select(
  'tlp',
  'TLP',
  TLP_LEVELS.map((t) => [t, t.toUpperCase()]),
)}
${select(
  'member',
  'Member',
  members.map((m) => [m.peer, m.organization]),
)}
${select('how', 'Holds / sighted', [
  ['holds', 'holds it'],
  ['sighted', 'sighted it'],
  ['both', 'holds and sighted'],
])}
${select('kind', 'Our source kind', [
  ['internal', 'internal'],
  ['community', 'community'],
  ['public', 'public'],
])}
<label>Since<input name="since" value="${v('since')}" placeholder="7d, 24h or 2026-11-01" size="12"></label>
${q.tz === undefined ? '' : `<input type="hidden" name="tz" value="${v('tz')}">`}
<button type="submit">Filter</button> <a href="/matches">clear</a></form>`
}

function pager(q: Query, at: number, pages: number): string {
  const link = (p: number, text: string) => {
    const params = new URLSearchParams(
      Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '' && e[0] !== 'page'),
    )
    params.set('page', String(p))
    return `<a href="/matches?${escapeHtml(params.toString())}" rel="${text === 'next' ? 'next' : 'prev'}">${text === 'next' ? 'Next →' : '← Previous'}</a>`
  }
  return `<div class="pager">${at > 1 ? link(at - 1, 'prev') : ''}<span>page ${at} of ${pages}</span>${at < pages ? link(at + 1, 'next') : ''}</div>`
}
