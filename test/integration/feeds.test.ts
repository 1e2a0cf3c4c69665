import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inPsi, isActive } from '../../src/indicators/activity.ts'
import { exportChunks } from '../../src/indicators/export/format.ts'
import { detectFormat } from '../../src/indicators/formats/detect.ts'
import type { IndicatorRecord } from '../../src/indicators/types.ts'
import { type ImportReport, importFiles } from '../../src/node/importer.ts'
import { Store } from '../../src/store/store.ts'
import { stixBundleValidator } from '../helpers/stix-validator.ts'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

interface Expected {
  format: string
  /** [type, value] of every indicator the file must give, and nothing else. */
  indicators: [string, string][]
  /** [line or JSON pointer, reason] of every rejected item. */
  errors: [string, string][]
}

async function importInto(file: string): Promise<{ store: Store; report: ImportReport; records: IndicatorRecord[] }> {
  const store = new Store({ location: file, memory: true })
  await store.start()
  const report = await importFiles(store, [file], { format: 'auto', tlp: 'amber', sightings: false })
  const records: IndicatorRecord[] = []
  for await (const r of store.indicators()) records.push(r)
  return { store, report, records }
}

/** Imports every file of a fixture folder with --format auto and checks it against expected.json. */
function checkFolder(folder: string): void {
  const dir = join(FIXTURES, folder)
  // Read when the suite is defined: one test per file.
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: detected as ${want.format}; exactly ${want.indicators.length} indicators, ${want.errors.length} rejected with reasons`, async () => {
      const file = join(dir, name)
      assert.equal(await detectFormat(file), want.format)
      const { store, report, records } = await importInto(file)
      try {
        const got = records.map((r) => [r.type, r.value]).sort()
        assert.deepEqual(got, [...want.indicators].sort())
        assert.deepEqual(
          report.errors.map((e) => [String(e.line ?? e.pointer), e.reason]),
          want.errors,
        )
        assert.equal(report.rejected, want.errors.length)
      } finally {
        await store.stop()
      }
    })
  }
}

describe('real feed layouts, imported with --format auto', () => {
  describe('committed samples (test/fixtures/feeds)', () => checkFolder('feeds'))
  describe('held-out set (test/fixtures/feeds-heldout)', () => checkFolder('feeds-heldout'))
})

describe('what a feed says beside the value', () => {
  const sample = (name: string) => join(FIXTURES, 'feeds', name)
  const byValue = (records: IndicatorRecord[], value: string) => {
    const found = records.find((r) => r.value === value)
    assert.ok(found !== undefined, `${value} imported`)
    return found
  }
  const now = Date.parse('2026-11-30T12:00:00Z')

  it('abuse.ch: the port and file name as context, the malware family as a tag', async () => {
    const feodo = await importInto(sample('feodo-ipblocklist.csv'))
    assert.deepEqual(byValue(feodo.records, '192.0.2.10').context, ['port:4643'])
    assert.deepEqual(byValue(feodo.records, '192.0.2.10').tags, ['Dridex'])
    assert.equal(byValue(feodo.records, '192.0.2.10').firstSeen, Date.parse('2026-01-17T07:44:46Z'))
    await feodo.store.stop()
    const threatfox = await importInto(sample('threatfox.csv'))
    assert.deepEqual(byValue(threatfox.records, '192.0.2.77').context, ['port:443'])
    assert.equal(byValue(threatfox.records, '192.0.2.77').confidence, 100)
    await threatfox.store.stop()
    const bazaar = await importInto(sample('malwarebazaar.csv'))
    assert.ok(bazaar.records.every((r) => r.context?.[0]?.startsWith('filename:')))
    await bazaar.store.stop()
  })

  it('MISP: to_ids false is context only, kept out of PSI unless the switch is on; deleted is skipped', async () => {
    const { store, records, report } = await importInto(sample('misp-event.json'))
    const context = byValue(records, 'context-only.example')
    assert.equal(context.ids, false)
    assert.equal(inPsi(context, { now, contextInPsi: false }), false)
    assert.equal(inPsi(context, { now, contextInPsi: true }), true)
    const ids = byValue(records, '192.0.2.200')
    assert.equal(ids.ids, undefined)
    assert.equal(ids.tlp, 'amber')
    assert.equal(inPsi(ids, { now, contextInPsi: false }), true)
    assert.equal(byValue(records, 'resolver-abuse.example').tlp, 'green')
    assert.deepEqual(byValue(records, '203.0.113.70').context, ['port:8443'])
    assert.ok(!records.some((r) => r.value.includes('deleted')))
    assert.equal(report.skipped, 5)
    await store.stop()
  })

  it('STIX: revoked and expired indicators are kept but inactive; a conjunction keeps its hash with context', async () => {
    const { store, records } = await importInto(sample('stix-bundle.json'))
    const revoked = byValue(records, 'withdrawn.example')
    assert.equal(revoked.revoked, true)
    assert.equal(isActive(revoked, now), false)
    const expired = byValue(records, 'http://expired.example/old')
    assert.equal(expired.validUntil, Date.parse('2026-11-10T00:00:00Z'))
    assert.equal(isActive(expired, now), false)
    assert.equal(inPsi(expired, { now, contextInPsi: true }), false)
    assert.ok(isActive(byValue(records, '192.0.2.33'), now))
    const hash = records.find((r) => r.type === 'sha256')
    assert.deepEqual(hash?.context, ["file:name = 'report.pdf.exe'"])
    await store.stop()
  })

  it('exports valid_until as given (also before first_seen), revoked and context, in a bundle that validates', async () => {
    const validate = await stixBundleValidator()
    for (const name of ['expired.csv', 'stix-bundle.json', 'misp-event.json']) {
      const { store } = await importInto(sample(name))
      const view = store.exportView()
      let text = ''
      for await (const chunk of exportChunks(view, 'stix')) text += chunk
      await view.close()
      const bundle = JSON.parse(text) as { objects: Record<string, unknown>[] }
      assert.ok(validate(bundle), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`)
      const indicators = bundle.objects.filter((o) => o.type === 'indicator')
      if (name === 'expired.csv') assert.equal(indicators[0]?.valid_until, '2020-01-01T00:00:00.000Z')
      if (name === 'stix-bundle.json') {
        const revoked = indicators.filter((o) => o.revoked === true).map((o) => o.pattern)
        assert.deepEqual(revoked, ["[domain-name:value = 'withdrawn.example']"])
      }
      let ndjson = ''
      for await (const chunk of exportChunks(store.exportView(), 'ndjson')) ndjson += chunk
      if (name === 'misp-event.json') assert.match(ndjson, /"value":"context-only\.example".*"ids":false/)
      await store.stop()
    }
  })

  it('an export snapshot holds what was acknowledged before it, not what came after', async () => {
    const store = new Store({ location: 'snapshot', memory: true })
    await store.start()
    const record = (value: string): IndicatorRecord => ({
      type: 'domain',
      value,
      tlp: 'amber',
      tags: [],
      source: 'test',
      firstSeen: 1,
      lastSeen: 1,
      count: 1,
    })
    await store.ingest([record('before.example')])
    const view = store.exportView()
    await store.ingest([record('after.example')])
    const values: string[] = []
    for await (const r of view.indicators()) values.push(r.value)
    await view.close()
    assert.deepEqual(values, ['before.example'])
    await store.stop()
  })

  it('reads an old record (written before ids, revoked and context) as an active IDS indicator', async () => {
    const { encodeIndicator, decodeIndicator } = await import('../../src/store/codec.ts')
    const bytes = encodeIndicator({
      type: 'ipv4',
      value: '192.0.2.1',
      tlp: 'amber',
      tags: [],
      source: 's',
      firstSeen: 1,
      lastSeen: 2,
      count: 1,
    })
    const back = decodeIndicator(bytes)
    assert.equal(back.ids, undefined)
    assert.equal(back.revoked, undefined)
    assert.equal(back.context, undefined)
    assert.equal(inPsi(back, { now, contextInPsi: false }), true)
    const flagged = decodeIndicator(encodeIndicator({ ...back, ids: false, revoked: true, context: ['port:1'] }))
    assert.deepEqual([flagged.ids, flagged.revoked, flagged.context], [false, true, ['port:1']])
    assert.ok((await readFile(join(FIXTURES, '..', '..', 'proto', 'sightline.proto'), 'utf8')).includes('optional bool ids = 12;'))
  })
})
