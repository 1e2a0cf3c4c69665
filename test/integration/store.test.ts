import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import type { IndicatorRecord, SightingRecord } from '../../src/indicators/types.ts'
import { SchemaTooNewError, StoreLockedError } from '../../src/store/errors.ts'
import { Store } from '../../src/store/store.ts'
import { SCHEMA_VERSION } from '../../src/store/sublevels.ts'
import { tempDir } from '../helpers/tmp.ts'

function indicator(value: string, overrides: Partial<IndicatorRecord> = {}): IndicatorRecord {
  return { type: 'ipv4', value, tlp: 'amber', tags: [], source: 'test', firstSeen: 1000, lastSeen: 2000, count: 1, ...overrides }
}

describe('Store', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
  })
  afterEach(() => cleanup())

  it('keeps records across a close and reopen', async () => {
    const location = join(dir, 'db')
    const store = new Store({ location })
    await store.start()
    const result = await store.ingest([indicator('1.2.3.4', { confidence: 80, tags: ['c2'] })])
    assert.deepEqual(result, { inserted: 1, merged: 0 })
    await store.stop()
    const again = new Store({ location })
    await again.start()
    const held = await again.getIndicator({ type: 'ipv4', value: '1.2.3.4' })
    assert.equal(held?.confidence, 80)
    assert.deepEqual(held?.tags, ['c2'])
    assert.deepEqual(again.stats().indicators, { ipv4: { amber: 1 } })
    await again.stop()
  })

  it('merges a duplicate: earliest first_seen, latest last_seen, counts added, tags united, stricter TLP', async () => {
    const store = new Store({ location: join(dir, 'db') })
    await store.start()
    await store.ingest([indicator('5.6.7.8', { tlp: 'green', firstSeen: 500, lastSeen: 900, count: 2, tags: ['a'] })])
    const result = await store.ingest([indicator('5.6.7.8', { tlp: 'red', firstSeen: 300, lastSeen: 800, count: 3, tags: ['b'] })])
    assert.deepEqual(result, { inserted: 0, merged: 1 })
    const held = await store.getIndicator({ type: 'ipv4', value: '5.6.7.8' })
    assert.equal(held?.firstSeen, 300)
    assert.equal(held?.lastSeen, 900)
    assert.equal(held?.count, 5)
    assert.deepEqual(held?.tags, ['a', 'b'])
    assert.equal(held?.tlp, 'red')
    assert.deepEqual(store.stats().indicators, { ipv4: { red: 1 } }, 'the count moved from green to red')
    let n = 0
    for await (const _ of store.indicators()) n++
    assert.equal(n, 1, 'no duplicate record')
    await store.stop()
  })

  it('folds repeats inside one batch and treats a repeated sighting as one event', async () => {
    const store = new Store({ location: join(dir, 'db') })
    await store.start()
    const sighting: SightingRecord = { type: 'domain', value: 'evil.example', tlp: 'amber', time: 42, count: 2, source: 's', where: 'fw1' }
    const result = await store.ingest([indicator('9.9.9.1'), indicator('9.9.9.1')], [sighting, { ...sighting, count: 5 }])
    assert.deepEqual(result, { inserted: 2, merged: 2 })
    await store.ingest([], [sighting])
    const all = []
    for await (const s of store.sightings()) all.push(s)
    assert.equal(all.length, 1)
    assert.equal(all[0]?.count, 5)
    assert.equal(store.stats().sightings, 1)
    await store.stop()
  })

  it('refuses a database with a newer schema version, with a message naming both versions', async () => {
    const location = join(dir, 'db')
    const store = new Store({ location })
    await store.start()
    await store.putMeta('schema', SCHEMA_VERSION + 1)
    await store.stop()
    const newer = new Store({ location })
    await assert.rejects(newer.start(), (err: Error) => {
      assert.equal(err.name, 'SchemaTooNewError')
      assert.ok(err instanceof SchemaTooNewError)
      assert.match(err.message, new RegExp(`schema version ${SCHEMA_VERSION + 1}`))
      assert.match(err.message, /upgrade Sightline/)
      return true
    })
  })

  it('refuses a second opener of the same database with StoreLockedError', async () => {
    const location = join(dir, 'db')
    const first = new Store({ location })
    await first.start()
    const second = new Store({ location })
    await assert.rejects(second.start(), (err: Error) => err instanceof StoreLockedError && err.name === 'StoreLockedError')
    await first.stop()
  })
})
