import { escapeHtml } from '../html.ts'
import type { Tlp } from '../indicators/tlp.ts'
import { forComponent } from '../logger.ts'

const log = forComponent('sightline:api')

/**
 * Shared look and formatting of the server-rendered pages (status, matches explorer, indicator):
 * no script, no external resource. Times are shown in the node's local time zone (TZ), or the
 * `tz` of the request when it names a valid IANA zone, with the ISO time in `<time datetime>`.
 */
export const PAGE_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d2330;color:#fff;padding:12px 24px;display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 24px}
header h1{margin:0;font-size:20px}header p{margin:0;color:#b9c0cc;font-size:12px;word-break:break-all}
nav a{color:#fff;margin-right:14px;text-decoration:none;border-bottom:2px solid transparent}nav a.on{border-color:#ffc000}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;padding:16px 24px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px 16px;min-width:0}
section.wide{grid-column:1/-1}h2{font-size:15px;margin:0 0 8px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-weight:600;color:#5a6372;font-size:12px;white-space:nowrap}td.v{font-family:ui-monospace,monospace;word-break:break-all;min-width:12em}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#17803d}.bad{color:#b42318}.warn{color:#b54708}.muted{color:#5a6372;font-size:12px}
.tlp{font-size:11px;font-weight:700;padding:1px 6px;border-radius:3px;background:#000;color:#fff;white-space:nowrap}
.tlp-clear{background:#fff;color:#000;border:1px solid #000}.tlp-green{color:#33ff00}.tlp-amber,.tlp-amber\\+strict{color:#ffc000}.tlp-red{color:#ff2b2b}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:9px;background:#e8ebf0;margin:1px 2px 1px 0;white-space:nowrap}
.k-public{background:#eef0f3;color:#5a6372}.k-community{background:#e0ecff;color:#1849a9}.k-internal{background:#fde8d7;color:#93370d}
.lv-high{color:#b42318;font-weight:600}.lv-none{color:#5a6372}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#5a6372}dd{margin:0;min-width:0;word-break:break-word}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:end}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#5a6372;gap:2px}
form.filters input,form.filters select{font:inherit;padding:4px 6px;border:1px solid #c5cbd3;border-radius:4px;min-width:8em}
form.filters input[name=q]{min-width:16em}button{font:inherit;padding:5px 14px;border-radius:4px;border:1px solid #1d2330;background:#1d2330;color:#fff}
.pager{display:flex;gap:12px;align-items:center;margin-top:8px;flex-wrap:wrap}
@media (max-width:1000px){.wide-only{display:none}main{padding:12px}td.v{min-width:9em}th,td{padding:4px 5px}}
`

/** A page: header with navigation, then `body` (sections inside a grid). */
export function page(o: {
  title: string
  community: string
  peerId: string
  active: 'status' | 'matches' | 'indicator'
  body: string
  refresh?: number
  status?: string
}): string {
  const link = (href: string, name: string, on: boolean) => `<a href="${href}"${on ? ' class="on"' : ''}>${name}</a>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${o.refresh === undefined ? '' : `<meta http-equiv="refresh" content="${o.refresh}">`}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)} · Sightline · ${escapeHtml(o.community)}</title>
<style>${PAGE_CSS}</style></head><body>
<header><h1>Sightline · ${escapeHtml(o.community)}</h1><nav>${link('/', 'Status', o.active === 'status')}${link('/matches', 'Matches', o.active !== 'status')}</nav>
<p>node ${escapeHtml(o.peerId)}${o.status === undefined ? '' : ` · ${o.status}`}</p></header>
<main>
${o.body}
</main></body></html>`
}

/** The time zone to show times in: the request's `tz` when valid, else the node's. */
export function timeZoneOf(tz: string | undefined): string {
  if (tz !== undefined && tz !== '') {
    try {
      return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone
    } catch (err) {
      // An unknown zone falls back to the node's own.
      log.debug('unknown time zone', { tz, err })
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** `30 Nov 2026, 11:15 CET (3 h ago)` in a `<time>` element; `never` for null. */
export function when(ms: number | null | undefined, tz: string, now = Date.now()): string {
  if (ms === null || ms === undefined) return '<span class="muted">never</span>'
  const text = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: tz,
    timeZoneName: 'short',
  }).format(ms)
  return `<time datetime="${new Date(ms).toISOString()}">${escapeHtml(text)}</time> <span class="muted">(${ago(ms, now)})</span>`
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.round((now - ms) / 1000)
  const future = s < 0
  const a = Math.abs(s)
  const text =
    a < 60
      ? `${a} s`
      : a < 3600
        ? `${Math.round(a / 60)} min`
        : a < 172_800
          ? `${Math.round(a / 3600)} h`
          : `${Math.round(a / 86_400)} days`
  return future ? `in ${text}` : `${text} ago`
}

/** Bytes in human units: `812 B`, `14.2 KiB`, `3.1 MiB`. */
export function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`
  return `${(n / 1024 ** 3).toFixed(2)} GiB`
}

/** A count with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

export function tlpBadge(tlp: Tlp): string {
  return `<span class="tlp tlp-${escapeHtml(tlp)}">TLP:${escapeHtml(tlp.toUpperCase())}</span>`
}
