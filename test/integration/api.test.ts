import { strict as assert } from 'node:assert'
import { createHmac } from 'node:crypto'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { InsecureBindError } from '../../src/api/errors.ts'
import { OPENAPI } from '../../src/api/openapi.ts'
import { HttpApi } from '../../src/api/server.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import { withPage } from '../helpers/browser.ts'
import { connectedPair, settle } from '../helpers/community.ts'
import { selfSignedCert } from '../helpers/tls.ts'
import { tempDir } from '../helpers/tmp.ts'

const TOKEN = 'test-token-0123456789abcdef'
const WEBHOOK_SECRET = 'webhook-secret-0123456789'
const SHARED = 'shared-c2.example.net'

describe('HTTP API of a running member', function () {
  this.timeout(60_000)
  let cleanup: () => Promise<void>
  let dir: string
  const nodes: SightlineNode[] = []
  let url: string
  let api: HttpApi

  const call = (path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> => {
    const { token = TOKEN, ...rest } = init
    const headers = new Headers(rest.headers)
    if (token !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`)
    return fetch(`${url}${path}`, { ...rest, headers })
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely
  const json = async (path: string, init: RequestInit & { token?: string | null } = {}): Promise<{ status: number; body: any }> => {
    const response = await call(path, init)
    return { status: response.status, body: await response.json() }
  }
  const post = (path: string, body: unknown, type = 'application/json') =>
    json(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type } })

  const receiver = {
    url: '',
    bodies: [] as { headers: Record<string, string | string[] | undefined>; body: string }[],
    server: undefined as Server | undefined,
  }

  before(async () => {
    ;({ dir, cleanup } = await tempDir())
    receiver.server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', () => {
        receiver.bodies.push({ headers: req.headers, body })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => receiver.server?.listen(0, '127.0.0.1', resolve))
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`
    const { nodeA, nodeB } = await connectedPair(
      dir,
      nodes,
      [
        { value: SHARED, tlp: 'amber' },
        { value: 'only-a.example.net', tlp: 'amber' },
      ],
      [{ value: SHARED, tlp: 'amber' }],
      { apiToken: TOKEN },
      {},
      async (a) => {
        // Alerts of node A go to a webhook receiver of this test and to an NDJSON file.
        const file = join(a.dataDir, 'config.json')
        const config = JSON.parse(await readFile(file, 'utf8'))
        config.alerts = { file: 'alerts.ndjson', webhooks: [{ name: 'siem', url: receiver.url, secret: WEBHOOK_SECRET }] }
        await writeFile(file, JSON.stringify(config))
        await chmod(file, 0o600)
      },
    )
    await settle(nodes, async () => (await nodeA.store.matches.all()).length > 0 && (await nodeB.store.matches.all()).length > 0)
    api = nodeA.api as HttpApi
    url = api.url
  })

  after(async () => {
    for (const node of nodes.reverse()) await node.stop()
    receiver.server?.close()
    await cleanup()
  })

  it('alerts on a real match: a signed webhook and a line in the alert file, counted in status', async () => {
    const deadline = Date.now() + 10_000
    while (receiver.bodies.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    const hook = receiver.bodies.find((b) => b.body.includes(SHARED))
    assert.ok(hook, 'the webhook received the match')
    const timestamp = String(hook.headers['x-sightline-timestamp'])
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${hook.body}`).digest('hex')}`
    assert.equal(hook.headers['x-sightline-signature'], expected)
    assert.ok(hook.headers['idempotency-key'])
    const alert = JSON.parse(hook.body)
    assert.equal(alert.match.value, SHARED)
    assert.ok(alert.stix.some((o: { type: string }) => o.type === 'sighting'))
    const lines = (await readFile(join(dir, 'a', 'alerts.ndjson'), 'utf8')).trim().split('\n')
    assert.ok(lines.some((l) => JSON.parse(l).match.value === SHARED))
    const status = (await json('/v1/status')).body
    assert.ok(status.outbox.delivered >= 2)
    assert.equal(status.outbox.dead, 0)
    assert.deepEqual((await post('/v1/alerts/retry', {})).body, { retried: 0 }, 'nothing dead to put back')
    assert.equal((await post('/v1/alerts/retry', { destination: 7 })).status, 400)
  })

  it('answers health probes without a token, and every other route only with it (Bearer or Basic)', async () => {
    assert.equal((await json('/healthz', { token: null })).status, 200)
    assert.deepEqual((await json('/readyz', { token: null })).body, { ready: true })
    const denied = await call('/v1/status', { token: null })
    assert.equal(denied.status, 401)
    assert.match(denied.headers.get('www-authenticate') ?? '', /^Basic realm="sightline"/)
    assert.equal(((await denied.json()) as { error: { code: string } }).error.code, 'unauthorized')
    assert.equal((await call('/v1/status', { token: 'wrong' })).status, 401)
    assert.equal((await call('/nonexistent', { token: null })).status, 401, 'unknown routes do not reveal themselves without a token')
    assert.equal((await call('/nonexistent')).status, 404)
    const basic = `Basic ${Buffer.from(`any-user:${TOKEN}`).toString('base64')}`
    assert.equal((await call('/v1/status', { token: null, headers: { authorization: basic } })).status, 200)
    const wrongBasic = `Basic ${Buffer.from(`${TOKEN}:nope`).toString('base64')}`
    assert.equal((await call('/v1/status', { token: null, headers: { authorization: wrongBasic } })).status, 401)
  })

  it('takes indicators as a JSON array and as NDJSON, durably and idempotently, and reports bad rows by line', async () => {
    const items = [
      { value: 'api-one.example.org', tlp: 'amber' },
      { value: '198.51.100.77', type: 'ipv4', tlp: 'red', tags: ['c2'] },
      { value: 'not an indicator at all' },
    ]
    const first = await post('/v1/indicators?source=siem', items)
    assert.equal(first.status, 200)
    assert.equal(first.body.imported, 2)
    assert.equal(first.body.rejected, 1)
    assert.equal(first.body.errors[0].line, 3)
    const again = await post('/v1/indicators?source=siem', items)
    assert.equal(again.body.imported, 0)
    assert.equal(again.body.duplicates, 2)
    const listed = await json('/v1/indicators?type=domain&prefix=api-one')
    assert.equal(listed.body.indicators.length, 1)
    assert.equal(listed.body.indicators[0].count, 1, 'a repeated submission adds no count')
    assert.equal(listed.body.indicators[0].source, 'siem')

    const ndjson = `${JSON.stringify({ value: 'nd-one.example.org' })}\n{broken\n${JSON.stringify({ value: 'nd-two.example.org', tlp: 'clear' })}\n`
    const streamed = await post('/v1/indicators', ndjson, 'application/x-ndjson')
    assert.equal(streamed.body.imported, 2)
    assert.equal(streamed.body.errors[0].line, 2)
    const sightings = await post('/v1/sightings', [{ value: 'nd-one.example.org', time: '2026-11-01T00:00:00Z', where: 'fw-1' }])
    assert.equal(sightings.body.imported, 1)
  })

  it('refuses what it cannot take with a stable error code: 400, 413, 415', async () => {
    assert.equal((await post('/v1/indicators', { value: 'x' })).body.error.code, 'bad_request')
    const badJson = await post('/v1/indicators', '[{"value":')
    assert.equal(badJson.status, 400)
    assert.equal(badJson.body.error.code, 'bad_json')
    const text = await post('/v1/indicators', 'evil.example', 'text/plain')
    assert.equal(text.status, 415)
    assert.equal(text.body.error.code, 'unsupported_media_type')
    const big = await post('/v1/indicators', `[${'"x",'.repeat(5_000_000)}"x"]`)
    assert.equal(big.status, 413)
    assert.equal(big.body.error.code, 'too_large')
    assert.equal((await json('/v1/matches?limit=abc')).status, 400)
    assert.equal((await post('/v1/query', { values: [] })).status, 400)
  })

  it('pages local indicators by cursor, each exactly once', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ value: `page-${String(i).padStart(3, '0')}.example.org` }))
    await post('/v1/indicators', rows)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await json(`/v1/indicators?type=domain&prefix=page-&limit=37${cursor === undefined ? '' : `&cursor=${cursor}`}`)
      seen.push(...page.body.indicators.map((i: { value: string }) => i.value))
      cursor = page.body.next
    } while (cursor !== undefined)
    assert.equal(seen.length, 250)
    assert.equal(new Set(seen).size, 250)
    const searched = await json('/v1/indicators?q=page-24&limit=1000')
    assert.deepEqual(
      searched.body.indicators.map((i: { value: string }) => i.value).sort(),
      Array.from({ length: 10 }, (_, i) => `page-24${i}.example.org`),
    )
  })

  it('lists matches after a `since` cursor', async () => {
    const all = await json('/v1/matches')
    assert.equal(all.status, 200)
    assert.ok(all.body.matches.some((m: { value: string }) => m.value === SHARED))
    assert.equal(all.body.more, false)
    const after = await json(`/v1/matches?since=${all.body.next}`)
    assert.deepEqual(after.body.matches, [])
    assert.equal(after.body.next, all.body.next)
    const paged = await json('/v1/matches?since=0&limit=1')
    assert.equal(paged.body.matches.length, 1)
    assert.equal(paged.body.matches[0].seq, 1)
  })

  it('serves the match as a STIX Sighting over TAXII 2.1 to a Basic-auth client', async () => {
    const response = await call('/taxii2/sightline/collections/matches/objects/', {
      token: null,
      headers: {
        authorization: `Basic ${Buffer.from(`sentinel:${TOKEN}`).toString('base64')}`,
        accept: 'application/taxii+json;version=2.1',
      },
    })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/taxii+json;version=2.1')
    const envelope = (await response.json()) as { objects: { type: string; pattern?: string }[] }
    assert.ok(envelope.objects.some((o) => o.type === 'sighting'))
    assert.ok(envelope.objects.some((o) => o.type === 'indicator' && o.pattern === `[domain-name:value = '${SHARED}']`))
  })

  it('exports Prometheus metrics for the node and the API', async () => {
    await json('/v1/status')
    const response = await call('/metrics')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/)
    const text = await response.text()
    for (const name of [
      'sightline_gossip_accepted_total',
      'sightline_psi_elements_raised_total',
      'sightline_budget_refusals_total',
      'sightline_psi_lists_fetched_total',
      'sightline_digest_bytes{mode="oprf"}',
      'sightline_outbox_pending',
      'sightline_libp2p_connections',
      'sightline_api_request_duration_seconds_bucket',
    ]) {
      assert.ok(text.includes(name), `metrics lack ${name}`)
    }
    const matches = Number(/^sightline_matches_total (\d+)/m.exec(text)?.[1])
    assert.ok(matches >= 1, 'matches_total counts the match')
    assert.ok(Number(/^sightline_psi_elements_raised_total (\d+)/m.exec(text)?.[1]) > 0)
  })

  it('publishes a valid OpenAPI 3.1 document that lists exactly the routes served, and responses match it', async () => {
    const doc = await json('/openapi.json', { token: null })
    assert.deepEqual(doc.body, JSON.parse(JSON.stringify(OPENAPI)))
    const result = await new Validator().validate(doc.body)
    assert.equal(result.valid, true, JSON.stringify(result.errors))
    const served = new Set(api.routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`))
    const documented = new Set(
      Object.entries(OPENAPI.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    )
    assert.deepEqual([...served].filter((r) => !documented.has(r)).sort(), [], 'served but not documented')
    assert.deepEqual([...documented].filter((r) => !served.has(r)).sort(), [], 'documented but not served')

    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(ajv)
    ajv.addSchema({ ...JSON.parse(JSON.stringify(OPENAPI)), $id: 'https://sightline.invalid/openapi.json' })
    const check = (name: string, value: unknown) => {
      const validate = ajv.getSchema(`https://sightline.invalid/openapi.json#/components/schemas/${name}`)
      assert.ok(validate, name)
      assert.ok(validate(value), `${name}: ${JSON.stringify(validate.errors)}`)
    }
    check('Status', (await json('/v1/status')).body)
    for (const peer of (await json('/v1/peers')).body) check('Peer', peer)
    for (const match of (await json('/v1/matches')).body.matches) check('Match', match)
    for (const indicator of (await json('/v1/indicators?limit=50')).body.indicators) check('Indicator', indicator)
    check('ImportReport', (await post('/v1/indicators', [{ value: 'schema.example.org' }])).body)
    check('Error', (await call('/v1/status', { token: null }).then((r) => r.json())) as unknown)
  })

  it('serves a status page that a real browser renders, with peers and the match of this test', async () => {
    const shot = await withPage(
      `${url}/`,
      'status-page',
      async (page) => {
        const matches = await page.locator('#matches').innerText()
        assert.ok(matches.includes(SHARED), `status page lacks the match: ${matches}`)
        assert.ok(matches.includes('org0'), 'the match names the organization')
        assert.ok((await page.locator('#peers').innerText()).includes('connected'))
        assert.equal(await page.locator('script, link[rel=stylesheet]').count(), 0, 'self-contained: no script, no external CSS')
      },
      { httpCredentials: { username: 'operator', password: TOKEN } },
    )
    assert.ok((await readFile(shot)).length > 10_000, 'a screenshot was saved')
  })
})

describe('HTTP API binding', () => {
  it('refuses a non-loopback address without TLS unless insecureBind is set', () => {
    const base = { port: 0, token: 't', maxBodyBytes: 1024 }
    assert.throws(() => new HttpApi({ ...base, host: '0.0.0.0', insecureBind: false }, []), InsecureBindError)
    assert.doesNotThrow(() => new HttpApi({ ...base, host: '0.0.0.0', insecureBind: true }, []))
    assert.doesNotThrow(() => new HttpApi({ ...base, host: '0.0.0.0', insecureBind: false, tlsCert: 'c.pem', tlsKey: 'k.pem' }, []))
    assert.doesNotThrow(() => new HttpApi({ ...base, host: '127.0.0.1', insecureBind: false }, []))
  })

  it('speaks HTTPS with the configured certificate', async function () {
    this.timeout(20_000)
    const { dir, cleanup } = await tempDir()
    try {
      const { cert, key } = selfSignedCert(dir)
      const api = new HttpApi(
        { host: '127.0.0.1', port: 0, token: 't', insecureBind: false, maxBodyBytes: 1024, tlsCert: cert, tlsKey: key },
        [
          async (app) => {
            app.get('/hello', async () => ({ hello: true }))
          },
        ],
      )
      await api.start()
      try {
        assert.match(api.url, /^https:\/\//)
        const { Agent, request } = await import('node:https')
        const ca = await readFile(cert)
        const body = await new Promise<string>((resolve, reject) => {
          const req = request(`${api.url}/hello`, { headers: { authorization: 'Bearer t' }, agent: new Agent({ ca }) }, (res) => {
            let text = ''
            res.on('data', (c) => {
              text += c
            })
            res.on('end', () => resolve(text))
          })
          req.on('error', reject)
          req.end()
        })
        assert.deepEqual(JSON.parse(body), { hello: true })
      } finally {
        await api.stop()
      }
    } finally {
      await cleanup()
    }
  })
})
