import { strict as assert } from 'node:assert'
import { request } from 'node:http'
import type { SightlineNode } from '../../src/node/node.ts'
import { makeNode, start } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

const TOKEN = 'test-token-hostile-0123456789'
const TAXII_TYPE = 'application/taxii+json;version=2.1'

/** A raw HTTP request, with any Host header (fetch sets its own). */
function raw(url: string, init: { method: string; path: string; headers: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${init.path}`, { method: init.method, headers: init.headers }, (res) => {
      let body = ''
      res.on('data', (c) => {
        body += c
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('hostile request bodies and local attackers against the API', function () {
  this.timeout(120_000)
  let cleanup: () => Promise<void>
  let node: SightlineNode
  let url: string
  const auth = { authorization: `Bearer ${TOKEN}` }
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely
  const post = async (path: string, body: string, type: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${url}${path}`, { method: 'POST', body, headers: { ...auth, 'content-type': type } })
    return { status: response.status, body: await response.json() }
  }

  before(async () => {
    let dir: string
    ;({ dir, cleanup } = await tempDir())
    node = await start(await makeNode(dir, 'a', []), { apiToken: TOKEN, redial: false })
    url = node.api?.url as string
  })

  after(async () => {
    await node.stop()
    await cleanup()
  })

  it('refuses a 40 MB NDJSON line quickly as one row, keeps answering meanwhile, and imports the rows after it', async () => {
    const huge = `{"value":"${'a'.repeat(40 << 20)}.example"}`
    const body = `{"value":"before-long.example"}\n${huge}\n{"value":"after-long.example"}\n`
    const started = performance.now()
    const submit = post('/v1/indicators', body, 'application/x-ndjson')
    const probe = performance.now()
    const health = await fetch(`${url}/healthz`)
    const probeMs = performance.now() - probe
    const answer = await submit
    const ms = performance.now() - started
    assert.equal(health.status, 200)
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
    assert.equal(answer.body.imported, 2)
    assert.equal(answer.body.rejected, 1)
    assert.match(answer.body.errors[0].reason, /over the 4194304-byte line limit/)
    assert.equal(answer.body.errors[0].line, 2)
    assert.ok(ms < 10_000, `took ${ms} ms`)
    assert.ok(probeMs < 2_000, `health probe took ${probeMs} ms`)
  })

  it('rejects a 6 MB value with a reason and imports the rows after it (NDJSON and a JSON array)', async () => {
    const six = 'b'.repeat(6 << 20)
    const nd = await post('/v1/indicators', `{"value":"${six}.example"}\n{"value":"after-six.example"}\n`, 'application/x-ndjson')
    assert.deepEqual([nd.body.imported, nd.body.rejected], [1, 1])
    // Under the line limit, the value limit applies before normalization.
    const long = `${'c'.repeat(100_000)}.example`
    const arr = await post('/v1/indicators', JSON.stringify([{ value: long }, { value: 'after-long-value.example' }]), 'application/json')
    assert.equal(arr.status, 200)
    assert.deepEqual([arr.body.imported, arr.body.rejected], [1, 1])
    assert.match(arr.body.errors[0].reason, /over the 65536-character limit/)
  })

  it('answers 400 to a body nested 100,000 deep (REST and TAXII) and a readable 413 to a 17 MB body', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const rest = await post('/v1/indicators', deep, 'application/json')
    assert.equal(rest.status, 400)
    assert.equal(rest.body.error.code, 'too_deep')
    const taxii = await fetch(`${url}/taxii2/sightline/collections/local/objects/`, {
      method: 'POST',
      body: `{"objects":${deep}}`,
      headers: { ...auth, 'content-type': TAXII_TYPE, accept: TAXII_TYPE },
    })
    assert.equal(taxii.status, 400)
    assert.match(((await taxii.json()) as { description: string }).description, /deeper than 64/)
    const big = await post('/v1/indicators', JSON.stringify([{ value: 'x'.repeat(17 << 20) }]), 'application/json')
    assert.equal(big.status, 413)
    assert.equal(big.body.error.code, 'too_large')
  })

  it('rejects rows that repeat a key, and only them', async () => {
    const arr = await post(
      '/v1/indicators',
      '[{"value":"dup-1.example","value":"dup-2.example"},{"value":"nodup.example","tags":["a","a"]}]',
      'application/json',
    )
    assert.deepEqual([arr.body.imported, arr.body.rejected], [1, 1])
    assert.match(arr.body.errors[0].reason, /repeats a key/)
    const nd = await post(
      '/v1/indicators',
      '{"value":"d.example","tlp":"red","tlp":"clear"}\n{"value":"e.example"}\n',
      'application/x-ndjson',
    )
    assert.deepEqual([nd.body.imported, nd.body.rejected], [1, 1])
    const taxii = await fetch(`${url}/taxii2/sightline/collections/local/objects/`, {
      method: 'POST',
      body: '{"objects":[{"type":"indicator","id":"indicator--1","type":"sighting"}]}',
      headers: { ...auth, 'content-type': TAXII_TYPE, accept: TAXII_TYPE },
    })
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely
    const status: any = await taxii.json()
    assert.equal(taxii.status, 202)
    assert.equal(status.failure_count, 1)
    assert.match(status.failures[0].message, /repeats a key/)
  })

  it('answers only its own Host names (421 otherwise) and refuses simple cross-origin writes (415)', async () => {
    const port = new URL(url).port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      assert.equal((await raw(url, { method: 'GET', path: '/v1/status', headers: { ...auth, host } })).status, 200, host)
    }
    const rebound = await raw(url, { method: 'GET', path: '/v1/status', headers: { ...auth, host: `evil.example:${port}` } })
    assert.equal(rebound.status, 421)
    assert.equal(JSON.parse(rebound.body).error.code, 'wrong_host')
    const basic = `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`
    const plain = await raw(url, {
      method: 'POST',
      path: '/v1/alerts/retry',
      headers: { authorization: basic, 'content-type': 'text/plain', host: `127.0.0.1:${port}` },
      body: '{}',
    })
    assert.equal(plain.status, 415)
    const form = await raw(url, {
      method: 'POST',
      path: '/v1/indicators',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', host: `127.0.0.1:${port}` },
      body: 'value=x.example',
    })
    assert.equal(form.status, 415)
    assert.equal((await post('/v1/alerts/retry', '{}', 'application/json')).status, 200)
  })

  it('counts every refusal by path and reason in status and metrics', async () => {
    const status = (await (await fetch(`${url}/v1/status`, { headers: auth })).json()) as { refused: { api: Record<string, number> } }
    for (const code of ['wrong_host', 'unsupported_media_type', 'too_deep', 'too_large'])
      assert.ok((status.refused.api[code] ?? 0) >= 1, code)
    const metrics = await (await fetch(`${url}/metrics`, { headers: auth })).text()
    assert.match(metrics, /^sightline_refused_total\{path="api",reason="wrong_host"\} 1$/m)
  })
})
