import type { FastifyInstance } from 'fastify'
import { escapeHtml } from '../html.ts'
import { matchView } from '../store/repositories.ts'
import type { NodeView } from './node-view.ts'
import type { ApiPlugin } from './server.ts'

const LATEST_MATCHES = 25

/**
 * The operator's status page at `/`: rendered on the server as one self-contained HTML page (no
 * script, no external CDN, refreshes itself), behind the API token. Browsers ask for it with
 * HTTP Basic (any user name, the token as password).
 */
export function statusPagePlugin(node: NodeView): ApiPlugin {
  return async (app: FastifyInstance) => {
    app.get('/', async (_req, reply) => {
      const [status, peers] = await Promise.all([node.status(), node.peers()])
      const last = node.store.lastSeq('matches')
      const latest = (await node.store.matchesAfter(Math.max(0, last - LATEST_MATCHES), LATEST_MATCHES)).reverse()
      const ready = node.readiness()
      const outbox = status.outbox
      const rejected = Object.entries(status.gossip.rejected)
      const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sightline · ${escapeHtml(status.community)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#b9c0cc;font-size:12px;word-break:break-all}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px;padding:16px 24px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px 16px}
section.wide{grid-column:1/-1}h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#5a6372;font-size:12px}td.v{font-family:ui-monospace,monospace;word-break:break-all}
.ok{color:#17803d}.bad{color:#b42318}.warn{color:#b54708}.tlp{font-size:11px;font-weight:700;padding:1px 6px;border-radius:3px;background:#000;color:#fff}
.tlp-clear{background:#fff;color:#000;border:1px solid #000}.tlp-green{color:#33ff00}.tlp-amber,.tlp-amber\\+strict{color:#ffc000}.tlp-red{color:#ff2b2b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#5a6372}dd{margin:0}
</style></head><body>
<header><h1>Sightline · ${escapeHtml(status.community)}</h1><p>node ${escapeHtml(status.peerId)} · ${ready.ready ? '<span class="ok">ready</span>' : `<span class="warn">not ready: ${escapeHtml(ready.reason ?? '')}</span>`}</p></header>
<main>
<section><h2>Node</h2><dl>
<dt>Epoch</dt><dd>${status.epoch ?? 'none yet'}</dd>
<dt>Digests</dt><dd>${status.digests === null ? 'not built' : `${status.digests.items.oprf} items (OPRF, ${kib(status.digests.bytes.oprf)}), ${status.digests.items.cardinality} RED (${kib(status.digests.bytes.cardinality)}), ${status.digests.deltas} deltas, built ${escapeHtml(status.digests.builtAt)}`}</dd>
<dt>Indicators</dt><dd>${Object.values(status.indicators).reduce((n, byTlp) => n + Object.values(byTlp).reduce((a, b) => a + b, 0), 0)} held, ${status.sightings} sightings</dd>
<dt>Matches</dt><dd id="match-count">${status.matches}</dd>
<dt>PSI</dt><dd>${escapeHtml(status.psi.suite)}: ${status.psi.listsFetched} member lists fetched, ${status.psi.elementsRaised} elements raised, ${status.psi.budgetRefusals.items + status.psi.budgetRefusals.count} budget refusals</dd>
<dt>Gossip</dt><dd>${status.gossip.accepted} accepted, ${rejected.length === 0 ? '0 rejected' : rejected.map(([r, n]) => `${n} rejected (${escapeHtml(r)})`).join(', ')}</dd>
</dl></section>
<section id="outbox"><h2>Alert outbox</h2>${
        outbox === null
          ? '<p>No alert destinations configured.</p>'
          : `<dl><dt>Health</dt><dd class="${outbox.dead > 0 ? 'bad' : outbox.pending > 0 ? 'warn' : 'ok'}">${outbox.dead > 0 ? 'dead letters' : outbox.pending > 0 ? 'backlog' : 'healthy'}</dd>
<dt>Pending</dt><dd>${outbox.pending}${outbox.oldestPendingAt === null ? '' : ` (oldest since ${escapeHtml(new Date(outbox.oldestPendingAt).toISOString())})`}</dd>
<dt>Dead letters</dt><dd>${outbox.dead}</dd><dt>Delivered</dt><dd>${outbox.delivered} since start, ${outbox.failedAttempts} failed attempts</dd></dl>`
      }</section>
<section id="peers"><h2>Peers (${status.connectedPeers} of ${peers.length} connected)</h2><table><tr><th>Organization</th><th>State</th><th>Last seen</th><th>Next attempt / last error</th><th>Peer id</th></tr>
${peers.map((p) => `<tr><td>${escapeHtml(p.organization)}</td><td class="${p.connected ? 'ok' : 'warn'}">${p.connected ? 'connected' : 'offline'}</td><td>${escapeHtml(p.lastSeen ?? 'never')}</td><td>${p.connected ? '' : `${escapeHtml(p.nextAttemptAt ?? '')} ${escapeHtml(p.lastError ?? '')}`}</td><td class="v">${escapeHtml(p.peerId)}</td></tr>`).join('\n')}
</table>${status.bootstrapErrors.length === 0 ? '' : `<p class="warn">Unreachable bootstrap addresses:</p><ul>${status.bootstrapErrors.map((e) => `<li class="v">${escapeHtml(e.address)}: ${escapeHtml(e.error)}</li>`).join('')}</ul>`}</section>
<section id="matches" class="wide"><h2>Latest matches</h2>${
        latest.length === 0
          ? '<p>No matches yet.</p>'
          : `<table><tr><th>When</th><th>Organization</th><th>Indicator</th><th>TLP</th><th>How</th></tr>
${latest
  .map(({ match }) => {
    const m = matchView(match)
    return `<tr><td>${escapeHtml(m.matchedAt)}</td><td>${escapeHtml(m.organization)}</td><td class="v">${escapeHtml(m.type)} ${escapeHtml(m.value)}</td><td><span class="tlp tlp-${escapeHtml(m.tlp)}">TLP:${escapeHtml(m.tlp.toUpperCase())}</span></td><td>holds it</td></tr>`
  })
  .join('\n')}</table>`
      }</section>
<section id="errors" class="wide"><h2>Recent errors</h2>${
        status.recentErrors.length === 0
          ? '<p class="ok">None.</p>'
          : `<ul>${status.recentErrors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`
      }</section>
</main></body></html>`
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
    })
  }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}

/** HTML escaping for text and attribute values. */
