import { strict as assert } from 'node:assert'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { analystPagesPlugin } from '../../src/api/analyst-pages.ts'
import { MatchExplorer } from '../../src/api/match-explorer.ts'
import type { NodeStatus, NodeView } from '../../src/api/node-view.ts'
import { HttpApi } from '../../src/api/server.ts'
import { statusPagePlugin } from '../../src/api/status-page.ts'
import type { Tlp } from '../../src/indicators/tlp.ts'
import type { IndicatorType } from '../../src/indicators/types.ts'
import { Warninglists } from '../../src/indicators/warninglist.ts'
import type { MatchRecord, SourceKind } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { ARTIFACTS_DIR, chromiumPath } from '../helpers/browser.ts'

const TOKEN = 'analyst-pages-token-0123456789'
const N = 10_000
const DAY = 86_400_000
const NOW = Date.now()
const MEMBERS = ['Acme Bank', 'Borealis Energy', 'Cobalt Health', 'Dunmore Telecom', 'Estuary Water']
const TYPES: IndicatorType[] = ['domain', 'ipv4', 'url', 'sha256']
const TLPS: Tlp[] = ['clear', 'green', 'amber', 'amber+strict']
const KINDS: SourceKind[] = ['public', 'community', 'internal']
const SOURCE: Record<SourceKind, string> = { public: 'urlhaus.csv', community: 'isac-share.csv', internal: 'api' }

function plantedValue(type: IndicatorType, i: number): string {
  if (type === 'ipv4') return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
  if (type === 'url') return `http://u${i}.bad.example/p`
  if (type === 'sha256') return i.toString(16).padStart(64, '0')
  return `d${i}.bad.example`
}

/** Match i of the planted history: properties cycle with co-prime periods so filters combine. */
function planted(i: number): MatchRecord {
  const type = TYPES[i % 4] as IndicatorType
  const kind = KINDS[i % 3] as SourceKind
  const shape = i % 7 < 3 ? 'holds' : i % 7 < 5 ? 'sighted' : 'both'
  const at = NOW - (N - i) * 3_600_000 // one an hour: the oldest ~417 days ago
  return {
    peer: `12D3KooWMember${i % 5}`,
    organization: MEMBERS[i % 5] as string,
    type,
    value: plantedValue(type, i),
    tlp: TLPS[i % 4 === 0 ? (i >> 2) % 4 : i % 4] as Tlp,
    holds: shape !== 'sighted',
    sighted: shape === 'holds' ? {} : { '7d': 1 },
    epoch: 1,
    matchedAt: at,
    updatedAt: at,
    ours: { sources: [{ name: SOURCE[kind], kind }], tags: ['c2'], count: 1, sightings: shape === 'holds' ? {} : { '7d': 2 } },
    level: kind === 'public' && shape === 'holds' ? 'none' : kind === 'community' && shape === 'holds' ? 'normal' : 'high',
    alerted: 'none',
  }
}

describe('analyst pages on a store of 10,000 matches (headless Chromium)', function () {
  this.timeout(180_000)
  const all = Array.from({ length: N }, (_, i) => planted(i))
  let store: Store
  let api: HttpApi
  let browser: Browser
  let page: Page

  before(async () => {
    store = new Store({ location: 'analyst-pages', memory: true })
    await store.start()
    await store.recordMatches(all)
    const sample = all[8] as MatchRecord
    await store.ingest(
      [
        {
          type: sample.type,
          value: sample.value,
          tlp: sample.tlp,
          tags: ['c2', 'botnet'],
          source: 'api',
          firstSeen: NOW - 40 * DAY,
          lastSeen: NOW - DAY,
          count: 3,
        },
      ],
      [1, 3, 20].map((days) => ({
        type: sample.type,
        value: sample.value,
        tlp: sample.tlp,
        time: NOW - days * DAY,
        count: 1,
        source: 'siem',
        where: `fw-${days}`,
      })),
    )
    const view = stubView(store)
    api = new HttpApi({ host: '127.0.0.1', port: 0, token: TOKEN, maxBodyBytes: 1 << 20, insecureBind: false }, [
      statusPagePlugin(view),
      analystPagesPlugin(view, new MatchExplorer(store)),
    ])
    await api.start()
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    })
    const ctx = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      httpCredentials: { username: 'analyst', password: TOKEN },
    })
    page = await ctx.newPage()
    await mkdir(ARTIFACTS_DIR, { recursive: true })
  })

  after(async () => {
    await browser?.close()
    await api?.stop()
    await store?.stop()
  })

  /** Opens the explorer with a query; returns the total it reports and the values of its rows. */
  async function explore(query: string): Promise<{ total: number; values: string[] }> {
    const response = await page.goto(`${api.url}/matches${query}`)
    assert.equal(response?.status(), 200)
    const heading = await page.locator('#explorer h2').innerText()
    const total = Number(/\(([\d,]+) found\)/.exec(heading)?.[1]?.replace(/,/g, ''))
    const values = await page.locator('#results tbody tr td.v a').allInnerTexts()
    return { total, values: values.map((v) => v.slice(v.indexOf(' ') + 1)) }
  }

  /** The expected rows: newest first, first page of 50. */
  function expect(keep: (m: MatchRecord) => boolean): { total: number; values: string[] } {
    const hits = all.filter(keep).sort((a, b) => b.matchedAt - a.matchedAt)
    return { total: hits.length, values: hits.slice(0, 50).map((m) => m.value) }
  }

  it('search and each filter return the right rows, and paging walks the whole history', async () => {
    const cases: [string, (m: MatchRecord) => boolean][] = [
      ['', () => true],
      ['?q=bad.example/p', (m) => m.value.includes('bad.example/p')],
      ['?q=d77', (m) => m.value.includes('d77')],
      ['?type=ipv4', (m) => m.type === 'ipv4'],
      ['?tlp=amber%2Bstrict', (m) => m.tlp === 'amber+strict'],
      ['?member=12D3KooWMember3', (m) => m.organization === 'Dunmore Telecom'],
      ['?how=holds', (m) => m.holds],
      ['?how=sighted', (m) => Object.keys(m.sighted).length > 0],
      ['?how=both', (m) => m.holds && Object.keys(m.sighted).length > 0],
      ['?kind=internal', (m) => m.ours.sources[0]?.kind === 'internal'],
      ['?kind=public', (m) => m.ours.sources[0]?.kind === 'public'],
      ['?since=7d', (m) => m.matchedAt > NOW - 7 * DAY],
      [
        '?type=domain&tlp=green&how=sighted&kind=community',
        (m) => m.type === 'domain' && m.tlp === 'green' && Object.keys(m.sighted).length > 0 && m.ours.sources[0]?.kind === 'community',
      ],
    ]
    for (const [query, keep] of cases) assert.deepEqual(await explore(query), expect(keep), `filter ${query || '(none)'}`)
    // The form itself: fill in and submit, as an analyst does (GET, no script).
    await page.goto(`${api.url}/matches`)
    await page.locator('select[name=type]').selectOption('url')
    await page.locator('select[name=kind]').selectOption('internal')
    await Promise.all([page.waitForURL(/kind=internal/), page.locator('form.filters button').click()])
    const byForm = all.filter((m) => m.type === 'url' && m.ours.sources[0]?.kind === 'internal')
    assert.ok((await page.locator('#explorer h2').innerText()).includes(`(${byForm.length.toLocaleString('en-US')} found)`))
    // Paging: the last page holds the oldest matches; next and previous links keep the filters.
    const pages = Math.ceil(all.filter((m) => m.type === 'ipv4').length / 50)
    const last = await explore(`?type=ipv4&page=${pages}`)
    const oldest = all.filter((m) => m.type === 'ipv4').sort((a, b) => b.matchedAt - a.matchedAt)
    assert.deepEqual(
      last.values,
      oldest.slice((pages - 1) * 50).map((m) => m.value),
    )
    assert.match((await page.locator('a[rel=prev]').getAttribute('href')) ?? '', /type=ipv4/)
  })

  it('loads a page of the explorer fast on 10,000 matches (benchmark figure, not a timed test)', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` }
    const time = async (path: string) => {
      const t0 = performance.now()
      const res = await fetch(`${api.url}${path}`, { headers })
      await res.text()
      assert.equal(res.status, 200)
      return performance.now() - t0
    }
    await store.recordMatches([{ ...(all[0] as MatchRecord), epoch: 2 }]) // a write: the next load rebuilds the cache
    const cold = await time('/matches')
    const runs: number[] = []
    for (const path of ['/matches', '/matches?q=bad&page=40', '/matches?type=domain&how=both&kind=internal', '/matches?since=30d'])
      for (let i = 0; i < 5; i++) runs.push(await time(path))
    runs.sort((a, b) => a - b)
    const median = runs[Math.floor(runs.length / 2)] as number
    const worst = runs.at(-1) as number
    console.log(
      `      explorer on ${N} matches: first load after a write ${cold.toFixed(0)} ms; warm median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms (20 loads)`,
    )
  })

  it('renders the explorer, the indicator page and the status page usably at 1280 and 800 px (screenshots)', async () => {
    const sample = all[8] as MatchRecord
    const indicatorUrl = `${api.url}/indicator?type=${sample.type}&value=${encodeURIComponent(sample.value)}`
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 })
      for (const [name, url] of [
        ['explorer', `${api.url}/matches?how=sighted`],
        ['indicator', indicatorUrl],
        ['status', `${api.url}/`],
      ] as const) {
        await page.goto(url)
        // Usable: nothing wider than the window but the tables' own scroll boxes; no script.
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')
        assert.ok(overflow <= 0, `${name} at ${width} px overflows by ${overflow} px`)
        assert.equal(await page.locator('script').count(), 0)
        await page.screenshot({ path: join(ARTIFACTS_DIR, `analyst-${name}-${width}.png`), fullPage: name !== 'explorer' })
      }
    }
    await page.goto(indicatorUrl)
    const members = await page.locator('#members').innerText()
    assert.ok(members.includes(sample.organization) && members.includes('holds'), members)
    const ours = await page.locator('#ours').innerText()
    assert.ok(ours.includes('api · internal') && ours.includes('botnet'), ours)
    const sightings = await page.locator('#sightings').innerText()
    assert.match(sightings, /Within 7d\s+2 events/)
    assert.ok(sightings.includes('fw-20'))
  })
})

function stubView(store: Store): NodeView {
  const status: NodeStatus = {
    peerId: '12D3KooWAnalystNode',
    community: 'isac-eu',
    addresses: [],
    epoch: 2925,
    digests: {
      builtAt: new Date(NOW - 3 * 3_600_000).toISOString(),
      bytes: { oprf: 3_276_800, cardinality: 8192 },
      items: { oprf: 100_000, cardinality: 250 },
      deltas: 2,
      lists: [
        { list: 'holds', count: false, items: 100_000, bytes: 3_276_800, deltas: 2 },
        { list: 'holds', count: true, items: 250, bytes: 8192, deltas: 0 },
        { list: 'sighted 7d', count: false, items: 4_210, bytes: 139_264, deltas: 5 },
        { list: 'sighted 7d', count: true, items: 12, bytes: 512, deltas: 0 },
      ],
    },
    connectedPeers: 4,
    connections: 4,
    members: 5,
    matches: N,
    indicators: { domain: { amber: 100_000 } },
    sightings: 52_000,
    gossip: { accepted: 120, rejected: {} },
    digestsRefused: {},
    psi: {
      suite: 'sightline-dhpsi-x25519-v1',
      raiseRequestsSent: 40,
      listsFetched: 20,
      elementsRaised: 400_000,
      budgetRefusals: { items: 0, count: 0 },
      refusedByMembers: {},
      refusedToMembers: {},
      feedReceived: 0,
    },
    sent: {},
    outbox: { pending: 0, dead: 0, oldestPendingAt: null, delivered: 812, failedAttempts: 3 },
    recentErrors: [],
    bootstrapErrors: [],
    refused: { gossip: {}, sync: {}, streams: {}, api: {} },
    store: { writable: true, failingSince: null, error: null, failures: 0, recoveries: 0 },
  }
  return {
    peerId: status.peerId,
    community: status.community,
    store,
    defaultTlp: 'amber',
    warninglists: new Warninglists(),
    sightingWindowsMs: [7 * DAY],
    sourceKinds: {},
    redCounts: () =>
      MEMBERS.slice(0, 4).flatMap((organization, i) => [
        { peer: `12D3KooWMember${i}`, organization, list: 'holds', count: 3 + i },
        { peer: `12D3KooWMember${i}`, organization, list: 'sighted 7d', count: i },
      ]),
    status: async () => status,
    peers: async () =>
      MEMBERS.map((organization, i) => ({
        peerId: `12D3KooWMember${i}`,
        organization,
        connected: i !== 4,
        source: 'signed' as const,
        lastSeen: new Date(NOW - (i + 1) * 3_600_000).toISOString(),
        lastError: i === 4 ? 'dial timed out after 10 s' : null,
        nextAttemptAt: i === 4 ? new Date(NOW + 90_000).toISOString() : null,
        addresses: [],
      })),
    query: async () => {
      throw new Error('not in this test')
    },
    readiness: () => ({ ready: true }),
    localChange: () => undefined,
    retryDeadAlerts: async () => 0,
  }
}
