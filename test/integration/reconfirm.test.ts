import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { type MatchRecord, matchView, type OutboxEntry } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { taxiiMatches, withTaxii } from '../helpers/taxii.ts'
import { tempDir } from '../helpers/tmp.ts'

const T0 = Date.parse('2024-06-03T00:00:00Z')
const WEEK = 7 * 24 * 3600 * 1000

function found(epoch: number, matchedAt: number): MatchRecord {
  return {
    peer: '12D3KooWMember',
    organization: 'Member',
    type: 'domain',
    value: 'again.example',
    tlp: 'amber',
    holds: true,
    sighted: {},
    ours: { sources: [{ name: 'test', kind: 'community' as const }], tags: [], count: 1, sightings: {} },
    level: 'normal' as const,
    alerted: 'none' as const,
    epoch,
    matchedAt,
  }
}

describe('a match confirmed again in a later epoch', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
  })
  afterEach(() => cleanup())

  it('raises no second alert nor log entry, records confirmedEpoch, and is one TAXII Sighting in a new version', async () => {
    const store = new Store({ location: join(dir, 'db') })
    await store.start()
    try {
      let alerts = 0
      const alertsFor = (match: MatchRecord, seq: number): OutboxEntry[] => {
        alerts++
        const alert = { id: `a${seq}`, kind: 'match' as const, seq, match: matchView(match), stix: [] }
        return [{ id: `${seq}/webhook`, destination: 'webhook', alert, attempts: 0, nextAttemptAt: 0, state: 'pending', createdAt: 0 }]
      }
      const first = await store.recordMatches([found(100, T0)], alertsFor)
      assert.deepEqual(
        first.map((f) => f.seq),
        [1],
      )
      const before = (await taxiiMatches(store)).find((o) => o.type === 'sighting')

      // The same match in the next epoch, and again within that epoch, and late from an older one.
      assert.deepEqual(await store.recordMatches([found(101, T0 + WEEK)], alertsFor), [])
      assert.deepEqual(await store.recordMatches([found(101, T0 + WEEK + 5000)], alertsFor), [])
      assert.deepEqual(await store.recordMatches([found(100, T0 + WEEK + 9000)], alertsFor), [])

      assert.equal(alerts, 1, 'one alert')
      assert.equal((await store.outbox.all()).length, 1, 'one outbox entry')
      assert.equal(store.lastSeq('matches'), 1)
      assert.equal((await store.addedAfter('matches', 0, 10)).length, 1, 'one log entry')
      const listed = await store.matchesAfter(0, 10)
      assert.equal(listed.length, 1, '/v1/matches lists it once')
      const [record] = await store.matches.all()
      assert.equal(record?.epoch, 100, 'the epoch of the first match')
      assert.equal(record?.matchedAt, T0)
      assert.equal(record?.confirmedEpoch, 101)
      assert.equal(record?.updatedAt, T0 + WEEK, 'the first re-confirmation of epoch 101')

      const objects = await taxiiMatches(store)
      const sightings = objects.filter((o) => o.type === 'sighting')
      assert.equal(sightings.length, 1, 'never a second Sighting')
      const [sighting] = sightings
      assert.equal(sighting?.id, before?.id, 'the same Sighting id')
      assert.equal(before?.modified, new Date(T0).toISOString())
      assert.equal(sighting?.created, new Date(T0).toISOString())
      assert.equal(sighting?.first_seen, new Date(T0).toISOString())
      assert.equal(sighting?.modified, new Date(T0 + WEEK).toISOString(), 'a new version')
      assert.equal(sighting?.last_seen, new Date(T0 + WEEK).toISOString())
      await withTaxii(store, async (get) => {
        const response = await get(`/taxii2/sightline/collections/matches/objects/${sighting?.id}/versions/`)
        assert.equal(response.status, 200)
        assert.deepEqual(((await response.json()) as { versions: string[] }).versions, [new Date(T0 + WEEK).toISOString()])
      })
    } finally {
      await store.stop()
    }
  })
})
