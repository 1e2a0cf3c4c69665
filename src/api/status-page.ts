import type { FastifyInstance } from 'fastify'
import { escapeHtml } from '../html.ts'
import type { NodeView } from './node-view.ts'
import { bytes, count, page, timeZoneOf, tlpBadge, when } from './page-format.ts'
import type { ApiPlugin } from './server.ts'

const LATEST_MATCHES = 25

/**
 * The operator's status page at `/`: rendered on the server as one self-contained HTML page (no
 * script, no external CDN, refreshes itself), behind the API token. Browsers ask for it with
 * HTTP Basic (any user name, the token as password).
 */
export function statusPagePlugin(node: NodeView): ApiPlugin {
  return async (app: FastifyInstance) => {
    app.get('/', async (req, reply) => {
      const [status, peers] = await Promise.all([node.status(), node.peers()])
      const last = node.store.lastSeq('matches')
      const latest = (await node.store.matchesAfter(Math.max(0, last - LATEST_MATCHES), LATEST_MATCHES)).reverse()
      const ready = node.readiness()
      const red = node.redCounts()
      const tz = timeZoneOf((req.query as { tz?: string }).tz)
      const now = Date.now()
      const body = overviewSections(status, red, tz, now) + activitySections(status, peers, latest, tz, now)
      const state = ready.ready ? '<span class="ok">ready</span>' : `<span class="warn">not ready: ${escapeHtml(ready.reason ?? '')}</span>`
      const html = page({
        title: 'Status',
        community: status.community,
        peerId: status.peerId,
        active: 'status',
        body,
        refresh: 10,
        status: state,
      })
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
    })
  }
}

type Status = Awaited<ReturnType<NodeView['status']>>

/** The node, our lists, RED counts and the alert outbox. */
function overviewSections(status: Status, red: ReturnType<NodeView['redCounts']>, tz: string, now: number): string {
  const outbox = status.outbox
  const rejected = Object.entries(status.gossip.rejected)
  const digests = status.digests
  return `<section><h2>Node</h2><dl>
<dt>Epoch</dt><dd>${status.epoch ?? 'none yet'}</dd>
<dt>Lists</dt><dd>${digests === null ? 'not built' : `built ${when(Date.parse(digests.builtAt), tz, now)}`}</dd>
<dt>Indicators</dt><dd>${count(Object.values(status.indicators).reduce((n, byTlp) => n + Object.values(byTlp).reduce((a, b) => a + b, 0), 0))} held, ${count(status.sightings)} sightings</dd>
<dt>Matches</dt><dd id="match-count">${count(status.matches)} (<a href="/matches">explore</a>)</dd>
<dt>PSI</dt><dd>${escapeHtml(status.psi.suite)}: ${count(status.psi.listsFetched)} member lists fetched, ${count(status.psi.elementsRaised)} elements raised, ${status.psi.budgetRefusals.items + status.psi.budgetRefusals.count} budget refusals</dd>
<dt>Gossip</dt><dd>${count(status.gossip.accepted)} accepted, ${rejected.length === 0 ? '0 rejected' : rejected.map(([r, n]) => `${n} rejected (${escapeHtml(r)})`).join(', ')}</dd>
</dl></section>
<section id="lists"><h2>Our lists</h2>${
    digests === null
      ? '<p>Not built yet.</p>'
      : `<div class="scroll"><table><tr><th>List</th><th>Kind</th><th>Values</th><th>Size (padded)</th><th>Deltas</th></tr>${digests.lists
          .map(
            (l) =>
              `<tr><td>${escapeHtml(l.list)}</td><td>${l.count ? 'RED count' : 'per item'}</td><td class="n">${count(l.items)}</td><td class="n">${bytes(l.bytes)}</td><td class="n">${l.deltas}</td></tr>`,
          )
          .join('')}</table></div>`
  }</section>
<section id="red"><h2>RED counts</h2>${
    red.length === 0
      ? '<p>No member has counted our RED values yet.</p>'
      : `<div class="scroll"><table><tr><th>Member</th><th>List</th><th>Count</th></tr>${red
          .map(
            (c) =>
              `<tr><td>${escapeHtml(c.organization ?? c.peer)}</td><td>${escapeHtml(c.list)}</td><td class="n">${count(c.count)}</td></tr>`,
          )
          .join('')}</table></div>`
  }</section>
<section id="outbox"><h2>Alert outbox</h2>${
    outbox === null
      ? '<p>No alert destinations configured.</p>'
      : `<dl><dt>Health</dt><dd class="${outbox.dead > 0 ? 'bad' : outbox.pending > 0 ? 'warn' : 'ok'}">${outbox.dead > 0 ? 'dead letters' : outbox.pending > 0 ? 'backlog' : 'healthy'}</dd>
<dt>Pending</dt><dd>${outbox.pending}${outbox.oldestPendingAt === null ? '' : ` (oldest since ${when(outbox.oldestPendingAt, tz, now)})`}</dd>
<dt>Dead letters</dt><dd>${outbox.dead}</dd><dt>Delivered</dt><dd>${outbox.delivered} since start, ${outbox.failedAttempts} failed attempts</dd></dl>`
  }</section>
`
}

/** Peers, the latest matches and recent errors. */
function activitySections(
  status: Status,
  peers: Awaited<ReturnType<NodeView['peers']>>,
  latest: Awaited<ReturnType<NodeView['store']['matchesAfter']>>,
  tz: string,
  now: number,
): string {
  return `<section id="peers" class="wide"><h2>Peers (${status.connectedPeers} of ${peers.length} connected)</h2><div class="scroll"><table><tr><th>Organization</th><th>State</th><th>Last seen</th><th>Last error</th><th>Next attempt</th><th>Peer id</th></tr>
${peers.map((p) => `<tr><td>${escapeHtml(p.organization)}</td><td class="${p.connected ? 'ok' : 'warn'}">${p.connected ? 'connected' : 'offline'}</td><td>${when(iso(p.lastSeen), tz, now)}</td><td>${p.lastError === null ? '<span class="muted">none</span>' : `<span class="bad">${escapeHtml(p.lastError)}</span>`}</td><td>${p.connected ? '<span class="muted">connected</span>' : when(iso(p.nextAttemptAt), tz, now)}</td><td class="v">${escapeHtml(p.peerId)}</td></tr>`).join('\n')}
</table></div>${status.bootstrapErrors.length === 0 ? '' : `<p class="warn">Unreachable bootstrap addresses:</p><ul>${status.bootstrapErrors.map((e) => `<li class="v">${escapeHtml(e.address)}: ${escapeHtml(e.error)}</li>`).join('')}</ul>`}</section>
<section id="matches" class="wide"><h2>Latest matches</h2>${
    latest.length === 0
      ? '<p>No matches yet.</p>'
      : `<div class="scroll"><table><tr><th>When</th><th>Organization</th><th>Indicator</th><th>TLP</th><th>How</th><th>Alert</th></tr>
${latest
  .map(({ addedAt, match: m }) => {
    const how = [m.holds ? 'holds it' : '', Object.keys(m.sighted).length > 0 ? `sighted it (${Object.keys(m.sighted).join(', ')})` : '']
      .filter((x) => x !== '')
      .join(', ')
    const link = `/indicator?type=${encodeURIComponent(m.type)}&value=${encodeURIComponent(m.value)}`
    return `<tr><td>${when(addedAt, tz, now)}</td><td>${escapeHtml(m.organization)}</td><td class="v"><a href="${link}">${escapeHtml(m.type)} ${escapeHtml(m.value)}</a></td><td>${tlpBadge(m.tlp)}</td><td>${how}</td><td class="lv-${m.level}">${m.level}</td></tr>`
  })
  .join('\n')}</table></div>`
  }</section>
<section id="errors" class="wide"><h2>Recent errors</h2>${
    status.recentErrors.length === 0
      ? '<p class="ok">None.</p>'
      : `<ul>${status.recentErrors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`
  }</section>

`
}

function iso(text: string | null): number | null {
  return text === null ? null : Date.parse(text)
}
