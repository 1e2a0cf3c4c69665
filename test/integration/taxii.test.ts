import { strict as assert } from 'node:assert'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpApi } from '../../src/api/server.ts'
import { collectionId } from '../../src/api/taxii/collections.ts'
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../../src/api/taxii/media.ts'
import { type TaxiiContext, taxiiPlugin } from '../../src/api/taxii/routes.ts'
import { indicatorId } from '../../src/indicators/export/stix.ts'
import { TLP_LEVELS, TLP2_MARKING_IDS, type Tlp } from '../../src/indicators/tlp.ts'
import type { IndicatorRecord } from '../../src/indicators/types.ts'
import type { MatchRecord } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { stixObjectsAsserter } from '../helpers/stix-validator.ts'
import { tempDir } from '../helpers/tmp.ts'

const TOKEN = 't'
const ROOT = '/taxii2/sightline'
const MATCHES = 5000
const PEERS = 7
const T0 = Date.parse('2024-03-01T00:00:00Z')
/** As documented in the README. */
const FIXED_IDS = {
  matches: '207beb2b-2913-5b50-96ad-5dce55af70ab',
  shared: 'deed5cd2-6dcd-54e2-94ab-98b5770fbccc',
  local: 'd3e6302f-dd65-5fdb-b515-6f4901733760',
}

type Json = Record<string, unknown>
type StixObject = Json & { id: string; type: string }
type Envelope = { more: boolean; next?: string; objects: StixObject[] }
type Manifest = { more: boolean; next?: string; objects: { id: string; date_added: string; version: string; media_type: string }[] }

function match(i: number): MatchRecord {
  return {
    peer: `12D3KooWPeer${i % PEERS}`,
    organization: `Member ${i % PEERS}`,
    type: 'ipv4',
    value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    tlp: TLP_LEVELS[i % TLP_LEVELS.length] as Tlp,
    holds: true,
    sighted: {},
    ours: { sources: [{ name: 'test', kind: 'community' as const }], tags: [], count: 1, sightings: {} },
    level: 'normal',
    alerted: 'none',
    epoch: 1,
    matchedAt: T0 + i * 1000,
  }
}

function indicator(type: IndicatorRecord['type'], value: string, tlp: Tlp, source = 'test'): IndicatorRecord {
  return { type, value, tlp, tags: [], source, firstSeen: T0, lastSeen: T0 + 3_600_000, count: 1 }
}

interface Node {
  store: Store
  api: HttpApi
  changes: { count: number }
  stop(): Promise<void>
}

async function startNode(location: string, options: Partial<TaxiiContext> = {}): Promise<Node> {
  const store = new Store({ location })
  await store.start()
  const changes = { count: 0 }
  const context: TaxiiContext = {
    store,
    community: 'ISAC Nord',
    peerId: '12D3KooWSelf',
    defaultTlp: 'amber',
    onLocalChange: () => changes.count++,
    ...options,
  }
  const api = new HttpApi({ host: '127.0.0.1', port: 0, token: TOKEN, insecureBind: false, maxBodyBytes: 16 << 20 }, [taxiiPlugin(context)])
  await api.start()
  return {
    store,
    api,
    changes,
    async stop() {
      await api.stop()
      await store.stop()
    },
  }
}

/** A TAXII request with the token and a TAXII 2.1 Accept header unless told otherwise. */
async function taxii(node: Node, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${node.api.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, accept: TAXII_MEDIA_TYPE, ...init.headers },
  })
}

async function json<T = Json>(response: Response, status = 200): Promise<T> {
  const text = await response.text()
  assert.equal(response.status, status, text)
  assert.equal(response.headers.get('content-type'), TAXII_MEDIA_TYPE)
  return JSON.parse(text) as T
}

/** Asserts a TAXII error message resource with this status. */
async function assertError(response: Response, status: number): Promise<Json> {
  const body = await json(response, status)
  assert.equal(typeof body.title, 'string')
  assert.equal(typeof body.description, 'string')
  assert.equal(body.http_status, String(status))
  return body
}

/** Follows `next` to the end; every page checked against the limit and for repeats within it. */
async function pageAll<T extends { more: boolean; next?: string; objects: { id: string }[] }>(
  node: Node,
  path: string,
  params: Record<string, string>,
  limit: number,
): Promise<T[]> {
  const pages: T[] = []
  let next: string | undefined
  for (;;) {
    const query = new URLSearchParams({ ...params, limit: String(limit), ...(next === undefined ? {} : { next }) })
    const page = await json<T>(await taxii(node, `${path}?${query}`))
    assert.ok(page.objects.length <= limit, 'a page holds at most limit objects')
    const ids = page.objects.map((o) => o.id)
    assert.equal(new Set(ids).size, ids.length, 'no object twice in one response')
    pages.push(page)
    assert.equal(page.more, page.next !== undefined, 'next is given exactly when there is more')
    if (!page.more) return pages
    assert.ok(pages.length < 10_000, 'paging ends')
    next = page.next
  }
}

function counts(ids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1)
  return out
}

describe('TAXII 2.1 server', function () {
  this.timeout(20_000)
  let cleanup: () => Promise<void>
  let dir: string
  let node: Node
  let assertStix: Awaited<ReturnType<typeof stixObjectsAsserter>>
  const matches = Array.from({ length: MATCHES }, (_, i) => match(i))
  const shared = Array.from({ length: 60 }, (_, i) =>
    indicator('domain', `shared-${i}.example`, (['clear', 'green', 'amber'] as const)[i % 3] as Tlp, 'feed:Member 1'),
  )

  before(async () => {
    ;({ dir, cleanup } = await tempDir('sightline-taxii-test-'))
    node = await startNode(join(dir, 'main'))
    // Our own indicators for half of the matches; the other half are served from the match alone.
    await node.store.ingest(matches.filter((_, i) => i % 2 === 0).map((m) => indicator(m.type, m.value, m.tlp)))
    await node.store.ingest([indicator('domain', 'local-only.example', 'green')])
    // One call: 5,000 log entries written in the same millisecond.
    await node.store.recordMatches(matches)
    await node.store.ingest(shared, [], { log: 'shared' })
    assertStix = await stixObjectsAsserter()
  })

  after(async () => {
    await node.stop()
    await cleanup()
  })

  describe('discovery, API root and collections', () => {
    it('serves discovery listing the API root, and the API root with versions and max_content_length', async () => {
      const discovery = await json(await taxii(node, '/taxii2/'))
      assert.equal(typeof discovery.title, 'string')
      assert.match(discovery.title as string, /ISAC Nord/)
      assert.deepEqual(discovery.api_roots, [`${ROOT}/`])
      assert.equal(discovery.default, `${ROOT}/`)
      const root = await json(await taxii(node, `${ROOT}/`))
      assert.match(root.title as string, /ISAC Nord/)
      assert.deepEqual(root.versions, [TAXII_MEDIA_TYPE])
      assert.equal(root.max_content_length, 16 << 20)
    })

    it('serves exactly the TAXII 2.1 endpoints, each at its URL with the trailing slash', () => {
      const served = node.api.routes.filter((r) => r.url.startsWith('/taxii2')).map((r) => `${r.method} ${r.url}`)
      assert.deepEqual(served.sort(), [
        'GET /taxii2/',
        'GET /taxii2/:apiRoot/',
        'GET /taxii2/:apiRoot/collections/',
        'GET /taxii2/:apiRoot/collections/:id/',
        'GET /taxii2/:apiRoot/collections/:id/manifest/',
        'GET /taxii2/:apiRoot/collections/:id/objects/',
        'GET /taxii2/:apiRoot/collections/:id/objects/:objectId/',
        'GET /taxii2/:apiRoot/collections/:id/objects/:objectId/versions/',
        'GET /taxii2/:apiRoot/status/:statusId/',
        'POST /taxii2/:apiRoot/collections/:id/objects/',
      ])
    })

    it('lists the three collections with fixed ids, permissions and the STIX 2.1 media type', async () => {
      const body = await json<{ collections: Json[] }>(await taxii(node, `${ROOT}/collections/`))
      const byAlias = new Map(body.collections.map((c) => [c.alias, c]))
      assert.deepEqual([...byAlias.keys()].sort(), ['local', 'matches', 'shared'])
      for (const [alias, read, write] of [
        ['matches', true, false],
        ['shared', true, false],
        ['local', false, true],
      ] as const) {
        const c = byAlias.get(alias) as Json
        assert.equal(c.id, collectionId(alias))
        assert.equal(c.id, FIXED_IDS[alias], 'the ids SIEMs are configured with never change')
        assert.match(c.id as string, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        assert.equal(typeof c.title, 'string')
        assert.equal(c.can_read, read)
        assert.equal(c.can_write, write)
        assert.deepEqual(c.media_types, [STIX_MEDIA_TYPE])
        assert.deepEqual(await json(await taxii(node, `${ROOT}/collections/${c.id}/`)), c, 'by id')
        assert.deepEqual(await json(await taxii(node, `${ROOT}/collections/${alias}/`)), c, 'by alias')
      }
      await assertError(await taxii(node, `${ROOT}/collections/00000000-0000-4000-8000-000000000000/`), 404)
    })
  })

  describe('authentication and content negotiation', () => {
    it('takes the token as Bearer or as the HTTP Basic password with any user name; anything else is a 401 TAXII error', async () => {
      const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
      await json(await taxii(node, '/taxii2/', { headers: { authorization: basic('sentinel', TOKEN) } }))
      await json(await taxii(node, '/taxii2/', { headers: { authorization: basic('', TOKEN) } }))
      for (const authorization of [basic('sentinel', 'wrong'), `Bearer wrong`, basic(TOKEN, '')]) {
        const response = await taxii(node, `${ROOT}/collections/`, { headers: { authorization } })
        await assertError(response, 401)
        assert.match(response.headers.get('www-authenticate') ?? '', /^Basic /)
      }
      const none = await fetch(`${node.api.url}${ROOT}/collections/matches/objects/`, { headers: { accept: TAXII_MEDIA_TYPE } })
      await assertError(none, 401)
    })

    it('answers 406 to an Accept that is not TAXII 2.1, and serves TAXII JSON with or without the version and to */*', async () => {
      for (const accept of ['text/html', 'application/json', 'application/taxii+json;version=2.0', 'application/stix+json;version=2.1']) {
        await assertError(await taxii(node, `${ROOT}/collections/`, { headers: { accept } }), 406)
      }
      for (const accept of [
        'application/taxii+json',
        'application/taxii+json; version=2.1',
        '*/*',
        'text/html, application/taxii+json;version=2.1;q=0.9',
      ]) {
        await json(await taxii(node, `${ROOT}/collections/`, { headers: { accept } }))
      }
    })

    it('keeps JSON errors outside /taxii2', async () => {
      const response = await taxii(node, '/v1/nothing-here')
      assert.equal(response.status, 404)
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/)
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found')
    })
  })

  describe('matches collection', () => {
    const path = `${ROOT}/collections/matches/objects/`

    it('pages 5,000 matches added in one millisecond with limit 97: every Sighting and Indicator exactly once', async () => {
      const added = await node.store.addedAfter('matches', 0, MATCHES + 1)
      assert.equal(added.length, MATCHES)
      assert.equal(new Set(added.map((a) => a.addedAt)).size, 1, 'all 5,000 share one date_added')

      const pages = await pageAll<Envelope>(node, path, {}, 97)
      assert.ok(pages.length > 100, `${pages.length} pages`)
      const objects = pages.flatMap((p) => p.objects)
      const byType = (type: string) => objects.filter((o) => o.type === type).map((o) => o.id)
      const sightings = counts(byType('sighting'))
      assert.equal(sightings.size, MATCHES)
      assert.ok(
        [...sightings.values()].every((n) => n === 1),
        'each Sighting exactly once',
      )
      const indicators = counts(byType('indicator'))
      assert.deepEqual(new Set(indicators.keys()), new Set(matches.map(indicatorId)))
      assert.ok(
        [...indicators.values()].every((n) => n === 1),
        'each Indicator exactly once',
      )
      assert.equal(new Set(byType('identity')).size, PEERS)
      assert.deepEqual(new Set(byType('marking-definition')), new Set(Object.values(TLP2_MARKING_IDS)))

      // What a Sighting references has come by the end of its own response.
      const seen = new Set<string>()
      for (const page of pages) {
        for (const o of page.objects) seen.add(o.id)
        for (const o of page.objects.filter((x) => x.type === 'sighting')) {
          for (const ref of [o.sighting_of_ref, ...(o.where_sighted_refs as string[]), ...(o.object_marking_refs as string[])]) {
            assert.ok(seen.has(ref as string), `${o.id} references ${String(ref)} before it comes`)
          }
        }
      }
    })

    it('pages the same objects with added_after (and next), and nothing after the last date_added', async () => {
      const [first] = await node.store.addedAfter('matches', 0, 1)
      const at = (first as { addedAt: number }).addedAt
      const plain = (await pageAll<Envelope>(node, path, {}, 500)).flatMap((p) => p.objects.map((o) => o.id))
      const pages = await pageAll<Envelope>(node, path, { added_after: new Date(at - 1).toISOString() }, 97)
      const sightings = counts(pages.flatMap((p) => p.objects.filter((o) => o.type === 'sighting').map((o) => o.id)))
      assert.equal(sightings.size, MATCHES)
      assert.ok([...sightings.values()].every((n) => n === 1))
      assert.deepEqual(new Set(pages.flatMap((p) => p.objects.map((o) => o.id))), new Set(plain))

      const response = await taxii(node, `${path}?added_after=${new Date(at).toISOString()}`)
      assert.deepEqual(await json(response), { more: false, objects: [] })
      assert.equal(response.headers.get('x-taxii-date-added-first'), null)
    })

    it('sets X-TAXII-Date-Added-First and -Last, and pages the manifest in step with the objects', async () => {
      const response = await taxii(node, `${path}?limit=10`)
      const envelope = await json<Envelope>(response)
      const stamp = response.headers.get('x-taxii-date-added-first')
      assert.ok(stamp !== null && !Number.isNaN(Date.parse(stamp)))
      assert.equal(response.headers.get('x-taxii-date-added-last'), stamp, 'one batch, one timestamp')

      const objects = (await pageAll<Envelope>(node, path, {}, 250)).flatMap((p) => p.objects)
      const manifest = (await pageAll<Manifest>(node, `${ROOT}/collections/matches/manifest/`, {}, 250)).flatMap((p) => p.objects)
      assert.equal(manifest.length, objects.length)
      manifest.forEach((record, i) => {
        const object = objects[i] as StixObject
        assert.equal(record.id, object.id)
        assert.equal(record.version, object.modified ?? object.created)
        assert.equal(record.date_added, stamp)
        assert.equal(record.media_type, STIX_MEDIA_TYPE)
      })
      assert.equal(envelope.objects[0]?.id, objects[0]?.id)
    })

    it('serves STIX that validates against the OASIS STIX 2.1 schemas', async () => {
      const pages = await pageAll<Envelope>(node, path, {}, 1000)
      for (const [i, page] of pages.entries()) assertStix(page.objects, `matches page ${i}`)
      const sighting = pages[0]?.objects.find((o) => o.type === 'sighting') as StixObject
      assert.equal(sighting.spec_version, '2.1')
    })

    it('filters by match[type], match[id], match[version] and match[spec_version]', async () => {
      const sightings = (await pageAll<Envelope>(node, path, { 'match[type]': 'sighting' }, 1000)).flatMap((p) => p.objects)
      assert.equal(sightings.length, MATCHES)
      assert.ok(sightings.every((o) => o.type === 'sighting'))
      const twoTypes = (await pageAll<Envelope>(node, path, { 'match[type]': 'identity,marking-definition' }, 1000)).flatMap(
        (p) => p.objects,
      )
      assert.deepEqual(new Set(twoTypes.map((o) => o.type)), new Set(['identity', 'marking-definition']))

      const wanted = [sightings[42] as StixObject, sightings[4321] as StixObject]
      const byId = await json<Envelope>(await taxii(node, `${path}?match[id]=${wanted.map((o) => o.id).join(',')}`))
      assert.deepEqual(
        byId.objects.map((o) => o.id),
        wanted.map((o) => o.id),
      )
      const version = wanted[0]?.modified as string
      const byVersion = await json<Envelope>(await taxii(node, `${path}?match[type]=sighting&match[version]=${version}`))
      assert.deepEqual(
        byVersion.objects.map((o) => o.id),
        [wanted[0]?.id],
      )
      const all = await json<Envelope>(await taxii(node, `${path}?match[type]=sighting&match[version]=all&limit=5`))
      assert.equal(all.objects.length, 5)
      assert.deepEqual(await json(await taxii(node, `${path}?match[spec_version]=2.0`)), { more: false, objects: [] })
      assert.equal((await json<Envelope>(await taxii(node, `${path}?match[spec_version]=2.1&limit=3`))).objects.length, 3)
    })

    it('serves one object and its versions; 404 for an object the collection does not hold', async () => {
      const target = match(1234)
      const id = indicatorId(target)
      const response = await taxii(node, `${ROOT}/collections/matches/objects/${id}/`)
      const envelope = await json<Envelope>(response)
      assert.deepEqual(
        envelope.objects.map((o) => o.id),
        [id],
      )
      assert.equal(envelope.more, false)
      assert.ok(response.headers.get('x-taxii-date-added-first') !== null)
      assertStix(envelope.objects, 'one object')
      const versions = await json<{ more: boolean; versions: string[] }>(
        await taxii(node, `${ROOT}/collections/matches/objects/${id}/versions/`),
      )
      assert.deepEqual(versions, { more: false, versions: [envelope.objects[0]?.modified] })

      // A member's Identity comes with each of its matches: its versions are listed oldest first.
      const identity = (await json<Envelope>(await taxii(node, `${path}?match[type]=identity&limit=1`))).objects[0] as StixObject
      const identityVersions = await json<{ versions: string[] }>(
        await taxii(node, `${ROOT}/collections/matches/objects/${identity.id}/versions/`),
      )
      assert.deepEqual(identityVersions.versions, [...identityVersions.versions].sort())
      const last = await json<Envelope>(await taxii(node, `${ROOT}/collections/matches/objects/${identity.id}/`))
      assert.deepEqual(
        last.objects.map((o) => o.modified),
        [identityVersions.versions.at(-1)],
        'the last version by default',
      )
      const first = await json<Envelope>(await taxii(node, `${ROOT}/collections/matches/objects/${identity.id}/?match[version]=first`))
      assert.deepEqual(
        first.objects.map((o) => o.modified),
        [identityVersions.versions[0]],
      )

      const missing = `indicator--${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`
      await assertError(await taxii(node, `${ROOT}/collections/matches/objects/${missing}/`), 404)
      await assertError(await taxii(node, `${ROOT}/collections/matches/objects/${missing}/versions/`), 404)
    })
  })

  describe('shared collection', () => {
    it('serves only the CLEAR and GREEN indicators received from peers, each once, valid STIX 2.1', async () => {
      const pages = await pageAll<Envelope>(node, `${ROOT}/collections/shared/objects/`, {}, 7)
      const onePerPage = (await pageAll<Envelope>(node, `${ROOT}/collections/shared/objects/`, {}, 1)).flatMap((p) => p.objects)
      assert.deepEqual(
        onePerPage.filter((o) => o.type === 'indicator').map((o) => o.id),
        pages.flatMap((p) => p.objects.filter((o) => o.type === 'indicator').map((o) => o.id)),
        'limit 1 pages the same indicators in the same order',
      )
      const objects = pages.flatMap((p) => p.objects)
      for (const [i, page] of pages.entries()) assertStix(page.objects, `shared page ${i}`)
      const indicators = objects.filter((o) => o.type === 'indicator')
      const expected = shared.filter((r) => r.tlp === 'clear' || r.tlp === 'green')
      assert.deepEqual(indicators.map((o) => o.id).sort(), expected.map(indicatorId).sort())
      for (const o of indicators) {
        assert.ok(
          [TLP2_MARKING_IDS.clear, TLP2_MARKING_IDS.green].includes((o.object_marking_refs as string[])[0] as string),
          `${o.id} is CLEAR or GREEN`,
        )
      }
      assert.deepEqual(
        new Set(objects.filter((o) => o.type === 'marking-definition').map((o) => o.id)),
        new Set([TLP2_MARKING_IDS.clear, TLP2_MARKING_IDS.green]),
      )
      assert.ok(
        !objects.some((o) => o.id === indicatorId({ type: 'domain', value: 'local-only.example' })),
        'local indicators are not shared',
      )
    })
  })

  describe('permissions, errors and limits', () => {
    it('refuses reads of local and writes of matches and shared with 403; unknown roots, collections, statuses, paths and DELETE are 404', async () => {
      for (const suffix of ['objects/', 'manifest/', 'objects/indicator--00000000-0000-4000-8000-000000000000/']) {
        await assertError(await taxii(node, `${ROOT}/collections/local/${suffix}`), 403)
      }
      for (const alias of ['matches', 'shared']) {
        const response = await taxii(node, `${ROOT}/collections/${alias}/objects/`, {
          method: 'POST',
          headers: { 'content-type': TAXII_MEDIA_TYPE },
          body: JSON.stringify({ objects: [] }),
        })
        await assertError(response, 403)
      }
      const id = indicatorId(match(1))
      await assertError(await taxii(node, `${ROOT}/collections/matches/objects/${id}/`, { method: 'DELETE' }), 404)
      await assertError(await taxii(node, `${ROOT}/collections/nope/objects/`), 404)
      await assertError(await taxii(node, `${ROOT}/collections/nope/manifest/`), 404)
      await assertError(await taxii(node, `${ROOT}/status/00000000-0000-4000-8000-000000000000/`), 404)
      await assertError(await taxii(node, '/taxii2/other-root/'), 404)
      await assertError(await taxii(node, '/taxii2/other-root/collections/matches/objects/'), 404)
      await assertError(await taxii(node, `${ROOT}/collections`), 404)
    })

    it('answers 400 to a bad limit, added_after, next or match[version]', async () => {
      const path = `${ROOT}/collections/matches/objects/`
      for (const query of [
        'limit=0',
        'limit=ten',
        'added_after=yesterday',
        'added_after=2024-03-01',
        'next=bm9wZQ',
        'match[version]=latest',
      ]) {
        await assertError(await taxii(node, `${path}?${query}`), 400)
      }
      const page = await json<Envelope>(await taxii(node, `${path}?limit=2`))
      await assertError(await taxii(node, `${ROOT}/collections/shared/objects/?next=${page.next}`), 400)
    })
  })

  describe('local collection', () => {
    let local: Node
    const location = () => join(dir, 'local')
    const post = (body: string, headers: Record<string, string> = {}) =>
      taxii(local, `${ROOT}/collections/local/objects/`, {
        method: 'POST',
        headers: { 'content-type': TAXII_MEDIA_TYPE, ...headers },
        body,
      })

    before(async () => {
      local = await startNode(location(), { maxContentLength: 64 << 10 })
    })
    after(() => local.stop())

    it('imports posted STIX indicators and sightings, answers 202 with a status resource kept across restarts', async () => {
      const stamp = '2024-05-01T10:00:00.000Z'
      const objects = [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--11111111-1111-4111-8111-111111111111',
          created: stamp,
          modified: stamp,
          pattern: "[ipv4-addr:value = '198.51.100.7']",
          pattern_type: 'stix',
          valid_from: stamp,
          object_marking_refs: [TLP2_MARKING_IDS.green],
        },
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--22222222-2222-4222-8222-222222222222',
          created: stamp,
          modified: stamp,
          pattern: "[domain-name:value = 'siem.example']",
          pattern_type: 'stix',
          valid_from: stamp,
        },
        {
          type: 'sighting',
          spec_version: '2.1',
          id: 'sighting--33333333-3333-4333-8333-333333333333',
          created: stamp,
          modified: stamp,
          sighting_of_ref: 'indicator--11111111-1111-4111-8111-111111111111',
          last_seen: stamp,
          count: 2,
        },
        {
          type: 'identity',
          spec_version: '2.1',
          id: 'identity--44444444-4444-4444-8444-444444444444',
          created: stamp,
          modified: stamp,
          name: 'SOC',
        },
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--55555555-5555-4555-8555-555555555555',
          created: stamp,
          modified: stamp,
          pattern: "[process:name = 'evil.exe']",
          pattern_type: 'stix',
          valid_from: stamp,
        },
      ]
      const before = (await readdir(tmpdir())).filter((f) => f.startsWith('sightline-taxii-') && f.endsWith('.json'))
      const status = await json<Json & { successes: Json[]; failures: Json[] }>(await post(JSON.stringify({ objects })), 202)
      assert.equal(typeof status.id, 'string')
      assert.equal(status.status, 'complete')
      assert.equal(status.total_count, 5)
      assert.equal(status.success_count, 4)
      assert.equal(status.failure_count, 1)
      assert.equal(status.pending_count, 0)
      assert.deepEqual(
        status.successes.map((s) => s.id),
        objects.slice(0, 4).map((o) => o.id),
      )
      assert.ok(status.successes.every((s) => s.version === stamp))
      assert.equal(status.failures[0]?.id, 'indicator--55555555-5555-4555-8555-555555555555')
      assert.equal(typeof status.failures[0]?.message, 'string')
      assert.equal(local.changes.count, 1, 'onLocalChange called')

      assert.equal((await local.store.getIndicator({ type: 'ipv4', value: '198.51.100.7' }))?.tlp, 'green')
      assert.equal((await local.store.getIndicator({ type: 'domain', value: 'siem.example' }))?.tlp, 'amber', 'the default TLP')
      const sightings = []
      for await (const s of local.store.sightings()) sightings.push(s)
      assert.deepEqual(
        sightings.map((s) => [s.value, s.count]),
        [['198.51.100.7', 2]],
      )
      const after = (await readdir(tmpdir())).filter((f) => f.startsWith('sightline-taxii-') && f.endsWith('.json'))
      assert.deepEqual(after, before, 'the temporary file is removed')

      assert.deepEqual(await json(await taxii(local, `${ROOT}/status/${status.id}/`)), status)
      await local.stop()
      local = await startNode(location(), { maxContentLength: 64 << 10 })
      assert.deepEqual(await json(await taxii(local, `${ROOT}/status/${status.id}/`)), status, 'after a restart')
    })

    it('pages in objects added while a client pages, at the end and once', async () => {
      await local.store.recordMatches([match(1), match(2), match(3)])
      const path = `${ROOT}/collections/matches/objects/`
      const first = await json<Envelope>(await taxii(local, `${path}?match[type]=sighting&limit=2`))
      assert.equal(first.more, true)
      await local.store.recordMatches([match(4), match(5)])
      const rest = await pageAll<Envelope>(local, path, { 'match[type]': 'sighting', next: first.next as string }, 1)
      const paged = [...first.objects, ...rest.flatMap((p) => p.objects)]
      assert.deepEqual(
        paged.map((o) => o.sighting_of_ref),
        [1, 2, 3, 4, 5].map((i) => indicatorId(match(i))),
      )
      const whole = await json<Envelope>(await taxii(local, `${path}?match[type]=sighting`))
      assert.deepEqual(
        paged.map((o) => o.id),
        whole.objects.map((o) => o.id),
      )
    })

    it('answers 415 to a body that is not TAXII 2.1 JSON, 413 over max_content_length, 400 to one that is not an envelope', async () => {
      const envelope = JSON.stringify({ objects: [] })
      for (const type of ['application/json', 'application/stix+json;version=2.1', 'application/taxii+json;version=2.0', 'text/plain']) {
        await assertError(await post(envelope, { 'content-type': type }), 415)
      }
      const root = await json(await taxii(local, `${ROOT}/`))
      assert.equal(root.max_content_length, 64 << 10)
      const big = JSON.stringify({ objects: [{ type: 'note', padding: 'x'.repeat(70 << 10) }] })
      await assertError(await post(big), 413)
      for (const body of ['[]', '{"objects": {}}', 'not json', '']) await assertError(await post(body), 400)
      const empty = await json(await post(envelope), 202)
      assert.equal(empty.total_count, 0)
      assert.equal(local.changes.count, 0, 'nothing imported, nothing changed')
    })
  })
})
