import { strict as assert } from 'node:assert'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ndjsonExport } from '../../src/indicators/export/ndjson.ts'
import { indicatorId, stixBundle } from '../../src/indicators/export/stix.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { TLP_LEVELS, TLP2_MARKING_IDS, type Tlp } from '../../src/indicators/tlp.ts'
import { INDICATOR_TYPES, type IndicatorRecord, type IndicatorType, type SightingRecord } from '../../src/indicators/types.ts'
import { importFiles } from '../../src/node/importer.ts'
import { Store } from '../../src/store/store.ts'
import { stixBundleValidator } from '../helpers/stix-validator.ts'

type StixObject = Record<string, unknown> & { type: string; id: string }
type Bundle = { type: string; id: string; objects: StixObject[] }

const T0 = Date.parse('2024-03-01T00:00:00Z')
const HOUR = 3_600_000

/** One value for each type; the hostnames are one with dots and one single label. */
const VALUES: [IndicatorType, string][] = [
  ['ipv4', '198.51.100.23'],
  ['ipv4-cidr', '203.0.113.0/24'],
  ['ipv6', '2001:db8::1'],
  ['ipv6-cidr', '2001:db8:bad::/48'],
  ['domain', 'evil.example'],
  ['hostname', 'mail.evil.example'],
  ['hostname', 'intranet-gw'],
  ['url', "http://evil.example/it's/gate.php?id=1"],
  ['email', 'operator@evil.example'],
  ['md5', '44d88612fea8a8f36de82e1278abb02f'],
  ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80708'],
  ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856'],
  ['sha512', `${'ab'.repeat(63)}cd`],
]

function indicatorRecords(): IndicatorRecord[] {
  return VALUES.map(([type, raw], i) => {
    const item = normalize(raw, type)
    assert.equal(item.type, type, raw)
    const record: IndicatorRecord = {
      ...item,
      tlp: TLP_LEVELS[i % TLP_LEVELS.length] as Tlp,
      tags: i % 3 === 0 ? [] : ['c2', `campaign-${i}`],
      source: i % 2 === 0 ? 'partner-isac' : 'internal-ir',
      firstSeen: T0 + i * HOUR,
      lastSeen: T0 + (i + 24) * HOUR,
      count: i + 1,
    }
    if (i % 2 === 1) record.confidence = i * 7
    // One valid_until after the first sighting, one at it (STIX wants valid_until after valid_from).
    if (i === 2) record.validUntil = T0 + 1000 * HOUR
    if (i === 3) record.validUntil = T0
    return record
  })
}

/** valid_from of an exported record: its first sighting, moved back before a valid_until that is not after it. */
function validFrom(record: IndicatorRecord): number {
  return record.validUntil === undefined ? record.firstSeen : Math.min(record.firstSeen, record.validUntil - 1)
}

function sightingRecords(): SightingRecord[] {
  const sighting = (type: IndicatorType, value: string, tlp: Tlp, hours: number, extra: Partial<SightingRecord> = {}): SightingRecord => ({
    type,
    value,
    tlp,
    time: T0 + hours * HOUR,
    count: 1,
    source: 'soc',
    where: 'fw-edge-01',
    ...extra,
  })
  return [
    sighting('ipv4', '198.51.100.23', 'amber', 30, { count: 3 }),
    sighting('ipv4', '198.51.100.23', 'red', 31, { where: 'fw-edge-02' }),
    sighting('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856', 'green', 32, { where: '' }),
    // Held only as sightings: the export adds one indicator for the value, however many sightings.
    sighting('ipv4', '192.0.2.99', 'green', 40),
    sighting('ipv4', '192.0.2.99', 'green', 41, { count: 2_000_000_000 }),
    sighting('domain', 'beacon.evil.example', 'clear', 42, { source: 'dns-logs', where: 'resolver-1' }),
  ]
}

const psiKey = (r: { type: string; value: string }): string => `${r.type === 'hostname' ? 'domain' : r.type}:${r.value}`

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

function plain<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>
}

describe('export', () => {
  let dir: string
  let store: Store
  const stores: Store[] = []

  /** A fresh started store in the temp dir, stopped after the test. */
  async function openStore(name: string): Promise<Store> {
    const s = new Store({ location: join(dir, name) })
    await s.start()
    stores.push(s)
    return s
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sightline-export-'))
    store = await openStore('source')
    await store.ingest(indicatorRecords(), sightingRecords())
  })

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.stop()
    await rm(dir, { recursive: true, force: true })
  })

  describe('stixBundle', () => {
    let validate: Awaited<ReturnType<typeof stixBundleValidator>>
    before(async () => {
      validate = await stixBundleValidator()
    })

    async function exported(): Promise<Bundle> {
      return JSON.parse(await collect(stixBundle(store))) as Bundle
    }

    function assertValid(bundle: unknown): void {
      const ok = validate(bundle)
      assert.ok(ok, `bundle fails the OASIS schema:\n${JSON.stringify(validate.errors?.slice(0, 20), null, 2)}`)
    }

    it('covers every indicator type and TLP level', () => {
      const records = indicatorRecords()
      assert.deepEqual(new Set(records.map((r) => r.type)), new Set(INDICATOR_TYPES))
      assert.deepEqual(new Set(records.map((r) => r.tlp)), new Set(TLP_LEVELS))
    })

    it('writes a bundle that validates against the OASIS STIX 2.1 schemas', async () => {
      const bundle = await exported()
      assertValid(bundle)
      const ids = bundle.objects.map((o) => o.id)
      assert.equal(new Set(ids).size, ids.length, 'object ids are unique')
      const byType = (type: string) => bundle.objects.filter((o) => o.type === type)
      assert.equal(byType('marking-definition').length, 5)
      assert.equal(byType('indicator').length, VALUES.length + 2, 'one indicator per record and per value held only as sightings')
      assert.equal(byType('sighting').length, sightingRecords().length)
    })

    it('resolves every sighting_of_ref and marking ref inside the bundle', async () => {
      const bundle = await exported()
      const byId = new Map(bundle.objects.map((o) => [o.id, o]))
      for (const object of bundle.objects) {
        for (const ref of (object.object_marking_refs as string[] | undefined) ?? []) {
          assert.equal(byId.get(ref)?.type, 'marking-definition', `${object.id} marking ${ref}`)
        }
        if (object.type === 'sighting') assert.equal(byId.get(object.sighting_of_ref as string)?.type, 'indicator', `${object.id}`)
      }
    })

    it('marks each object with the TLP of its record', async () => {
      const bundle = await exported()
      const byId = new Map(bundle.objects.map((o) => [o.id, o]))
      for (const record of indicatorRecords()) {
        const object = byId.get(indicatorId(record))
        assert.ok(object !== undefined, `indicator for ${record.type} ${record.value}`)
        assert.deepEqual(object.object_marking_refs, [TLP2_MARKING_IDS[record.tlp]], `${record.type} ${record.value}`)
        assert.equal(object.confidence, record.confidence)
        assert.deepEqual(object.labels, record.tags.length === 0 ? undefined : record.tags)
        assert.equal(object.valid_from, new Date(validFrom(record)).toISOString())
        assert.equal(object.valid_until, record.validUntil === undefined ? undefined : new Date(record.validUntil).toISOString())
      }
      const sightings = bundle.objects.filter((o) => o.type === 'sighting')
      for (const record of sightingRecords()) {
        const object = sightings.find(
          (o) => o.sighting_of_ref === indicatorId(record) && o.last_seen === new Date(record.time).toISOString(),
        )
        assert.ok(object !== undefined, `sighting of ${record.value} at ${record.time}`)
        assert.deepEqual(object.object_marking_refs, [TLP2_MARKING_IDS[record.tlp]])
        assert.equal(object.count, Math.min(record.count, 999_999_999))
      }
      // A quote in a value is escaped in the pattern (STIX 2.1 section 9.3).
      const url = byId.get(indicatorId({ type: 'url', value: "http://evil.example/it's/gate.php?id=1" }))
      assert.equal(url?.pattern, "[url:value = 'http://evil.example/it\\'s/gate.php?id=1']")
      // A value held only as sightings gets the TLP of its first sighting.
      const added = byId.get(indicatorId({ type: 'domain', value: 'beacon.evil.example' }))
      assert.deepEqual(added?.object_marking_refs, [TLP2_MARKING_IDS.clear])
    })

    it('fails the schema when an indicator is broken, so the validator is really wired', async () => {
      const bundle = await exported()
      assertValid(bundle)
      const breakages: [string, (indicator: StixObject) => void][] = [
        ['no pattern', (o) => delete o.pattern],
        ['no valid_from', (o) => delete o.valid_from],
        ['a timestamp that is not one', (o) => (o.modified = '4 March 2024')],
        ['an id that is not a UUID', (o) => (o.id = 'indicator--198.51.100.23')],
        ['confidence above 100', (o) => (o.confidence = 101)],
        ['a marking ref that is not an identifier', (o) => (o.object_marking_refs = ['TLP:AMBER'])],
      ]
      for (const [what, breakIt] of breakages) {
        const broken = structuredClone(bundle)
        const indicator = broken.objects.find((o) => o.type === 'indicator') as StixObject
        breakIt(indicator)
        assert.equal(validate(broken), false, `a bundle with ${what} must not validate`)
      }
      const noSightingRef = structuredClone(bundle)
      delete (noSightingRef.objects.find((o) => o.type === 'sighting') as StixObject).sighting_of_ref
      assert.equal(validate(noSightingRef), false, 'a sighting without sighting_of_ref must not validate')
    })

    it('round-trips through our STIX importer: same values, TLP, tags, confidence and sightings', async () => {
      const file = join(dir, 'export.json')
      await writeFile(file, await collect(stixBundle(store)))
      const target = await openStore('target')
      const report = await importFiles(target, [file], { format: 'auto', tlp: 'amber', sightings: false })
      assert.deepEqual(report.errors, [])
      assert.equal(report.skipped, 5, 'the marking definitions')

      const original = indicatorRecords()
      const sightingOnly = [
        { type: 'ipv4', value: '192.0.2.99', tlp: 'green' },
        { type: 'domain', value: 'beacon.evil.example', tlp: 'clear' },
      ]
      const imported = await all(target.indicators())
      const withTlp = (r: { type: string; value: string; tlp: string }) => `${psiKey(r)} ${r.tlp}`
      assert.deepEqual(imported.map(withTlp).sort(), [...original, ...sightingOnly].map(withTlp).sort())
      for (const record of original) {
        const back = imported.find((r) => psiKey(r) === psiKey(record)) as IndicatorRecord
        assert.deepEqual(back.tags, record.tags, record.value)
        assert.equal(back.confidence, record.confidence, record.value)
        assert.equal(back.firstSeen, validFrom(record), record.value)
        assert.equal(back.lastSeen, record.lastSeen, record.value)
        assert.equal(back.validUntil, record.validUntil, record.value)
      }
      // STIX has no hostname type: a dotted hostname comes back as the domain it is in PSI, a single label as a hostname.
      assert.ok((await target.getIndicator({ type: 'hostname', value: 'intranet-gw' })) !== undefined)
      assert.ok((await target.getIndicator({ type: 'domain', value: 'mail.evil.example' })) !== undefined)

      const sightingKey = (s: SightingRecord) => `${psiKey(s)} ${s.tlp} ${s.time} ${Math.min(s.count, 999_999_999)}`
      const sightingsBack = await all(target.sightings())
      assert.deepEqual(sightingsBack.map(sightingKey).sort(), sightingRecords().map(sightingKey).sort())
    })
  })

  describe('ndjsonExport', () => {
    it('round-trips type, value, TLP, tags, source, times, counts and sightings', async () => {
      const file = join(dir, 'export.ndjson')
      await writeFile(file, await collect(ndjsonExport(store)))
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
      assert.equal(lines.length, VALUES.length + sightingRecords().length)

      const target = await openStore('target')
      const report = await importFiles(target, [file], { format: 'auto', tlp: 'red', sightings: false, source: 'not-used' })
      assert.deepEqual(report.errors, [])
      assert.equal(report.imported, lines.length)
      assert.deepEqual((await all(target.indicators())).map(plain), (await all(store.indicators())).map(plain))
      assert.deepEqual((await all(target.sightings())).map(plain), (await all(store.sightings())).map(plain))
      assert.deepEqual(target.stats(), store.stats())

      // A second import of the export is all duplicates: sightings stay, indicator counts add up.
      const again = await importFiles(target, [file], { format: 'ndjson', tlp: 'red', sightings: false })
      assert.deepEqual([again.imported, again.duplicates], [0, lines.length])
      assert.deepEqual((await all(target.sightings())).map(plain), (await all(store.sightings())).map(plain))
      const counts = (await all(target.indicators())).map((r) => r.count)
      assert.deepEqual(
        counts,
        (await all(store.indicators())).map((r) => r.count * 2),
      )
    })
  })
})
