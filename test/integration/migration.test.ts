import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { Level } from 'level'
import { stixMatchSighting } from '../../src/indicators/export/stix.ts'
import { encodeIndicator } from '../../src/store/codec.ts'
import { SchemaTooNewError } from '../../src/store/errors.ts'
import type { MatchRecord } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { SCHEMA_VERSION } from '../../src/store/sublevels.ts'
import { taxiiMatches } from '../helpers/taxii.ts'
import { tempDir } from '../helpers/tmp.ts'

const T0 = Date.parse('2024-05-01T00:00:00Z')
const P1 = '12D3KooWMemberOne'
const P2 = '12D3KooWMemberTwo'

/** A match record as schema 1 wrote it: keyed by peer, indicator AND mode (`oprf` or `notice`). */
interface LegacyMatch {
  peer: string
  organization: string
  type: string
  value: string
  tlp: string
  mode: 'oprf' | 'notice'
  epoch: number
  matchedAt: number
}

function legacy(peer: string, value: string, mode: LegacyMatch['mode'], matchedAt: number): LegacyMatch {
  return { peer, organization: peer === P1 ? 'Org One' : 'Org Two', type: 'domain', value, tlp: 'amber', mode, epoch: 7, matchedAt }
}

/**
 * The matches log of a schema-1 node, in the order it recorded them: a.example found by us
 * first then noticed, b.example only found, c.example noticed BEFORE we found it (so the
 * earliest is the second record of the pair), d.example of another member, both ways.
 */
const LOG: LegacyMatch[] = [
  legacy(P1, 'a.example', 'oprf', T0 + 1000),
  legacy(P1, 'b.example', 'oprf', T0 + 2000),
  legacy(P1, 'c.example', 'notice', T0 + 3000),
  legacy(P1, 'a.example', 'notice', T0 + 4000),
  legacy(P2, 'd.example', 'notice', T0 + 5000),
  legacy(P1, 'c.example', 'oprf', T0 + 6000),
  legacy(P2, 'd.example', 'oprf', T0 + 7000),
]

/** Builds a schema-1 data directory by hand, with `level` and the old layout (no Store code). */
async function writeSchema1(location: string, schema = 1): Promise<void> {
  const db = new Level<string, unknown>(location, { keyEncoding: 'utf8', valueEncoding: 'json' })
  await db.open()
  const meta = db.sublevel<string, unknown>('meta', { valueEncoding: 'json' })
  const matches = db.sublevel<string, LegacyMatch>('match', { valueEncoding: 'json' })
  const added = db.sublevel<string, string>('added', { valueEncoding: 'utf8' })
  const indicators = db.sublevel<string, Uint8Array>('ind', { valueEncoding: 'view' })
  await meta.put('schema', schema)
  await meta.put('seq/matches', LOG.length)
  await meta.put('stats', { indicators: { domain: { amber: 1 } }, sightings: 0 })
  await indicators.put(
    'domain:a.example',
    encodeIndicator({ type: 'domain', value: 'a.example', tlp: 'amber', tags: [], source: 'siem', firstSeen: T0, lastSeen: T0, count: 1 }),
  )
  for (const [i, m] of LOG.entries()) {
    const key = `${m.peer}\u0000${m.type}:${m.value}\u0000${m.mode}`
    await matches.put(key, m)
    await added.put(`matches/${String(i + 1).padStart(15, '0')}`, `${m.matchedAt + 10} ${key}`)
  }
  await db.close()
}

/** Every raw key and value of a database, to check that an open left it untouched. */
async function dump(location: string): Promise<string[]> {
  const db = new Level<string, Uint8Array>(location, { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const out: string[] = []
  for await (const [key, value] of db.iterator()) out.push(`${key} = ${Buffer.from(value).toString('hex')}`)
  await db.close()
  return out
}

describe('schema 1 -> 2 migration of a real schema-1 data directory', function () {
  this.timeout(60_000)
  let location: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    const tmp = await tempDir()
    cleanup = tmp.cleanup
    location = join(tmp.dir, 'db')
  })
  afterEach(() => cleanup())

  it('merges oprf and notice records into one holds record per member and indicator, logged and served once', async () => {
    await writeSchema1(location)
    const store = new Store({ location })
    await store.start()
    try {
      const records = (await store.matches.all())
        .map((m) => `${m.peer} ${m.value} ${m.holds ? 'holds' : 'sighted'} ${m.matchedAt - T0}`)
        .sort()
      assert.deepEqual(records, [
        `${P1} a.example holds 1000`,
        `${P1} b.example holds 2000`,
        `${P1} c.example holds 3000`,
        `${P2} d.example holds 5000`,
      ])
      // The log keeps the first entry of each merged match (its seq and date), drops the second.
      const listed = await store.matchesAfter(0, 100)
      assert.deepEqual(
        listed.map((l) => `${l.seq} ${l.match.value} ${l.addedAt - T0}`),
        ['1 a.example 1010', '2 b.example 2010', '3 c.example 3010', '5 d.example 5010'],
      )
      assert.equal((await store.addedAfter('matches', 0, 100)).length, 4, 'no log entry points at a deleted key')
      assert.equal(store.matchCount(), 4, 'status counts matches, not log positions')
      // A `since` cursor taken before the migration still sees each match at most once.
      assert.deepEqual(
        (await store.matchesAfter(3, 100)).map((l) => l.match.value),
        ['d.example'],
      )

      const objects = await taxiiMatches(store)
      const sightings = objects.filter((o) => o.type === 'sighting')
      assert.equal(sightings.length, 4, 'one Sighting per match')
      assert.equal(new Set(sightings.map((s) => s.id)).size, 4, 'each Sighting exactly once')
      // A Sighting keeps the id a SIEM already holds from schema 1 (named after the oprf record).
      for (const m of await store.matches.all()) {
        const sighting = sightings.find((s) => s.id === (stixMatchSighting(m) as { id: string }).id)
        assert.ok(sighting !== undefined, `Sighting of ${m.value}`)
        assert.equal(sighting.first_seen, new Date(m.matchedAt).toISOString())
      }

      // The log goes on after the old sequence numbers.
      const later: MatchRecord = {
        peer: P2,
        organization: 'Org Two',
        type: 'domain',
        value: 'e.example',
        tlp: 'amber',
        holds: true,
        sighted: {},
        ours: { sources: [{ name: 'test', kind: 'community' as const }], tags: [], count: 1, sightings: {} },
        level: 'normal' as const,
        alerted: 'none' as const,
        epoch: 8,
        matchedAt: T0 + 9000,
      }
      const fresh = await store.recordMatches([later])
      assert.deepEqual(
        fresh.map((f) => f.seq),
        [LOG.length + 1],
      )
    } finally {
      await store.stop()
    }
    assert.equal(await rawSchema(location), SCHEMA_VERSION, 'migrated through every schema to the current one')
  })

  it('a second open of the migrated database changes nothing', async () => {
    await writeSchema1(location)
    const first = new Store({ location })
    await first.start()
    await first.stop()
    const migrated = await dump(location)
    const second = new Store({ location })
    await second.start()
    assert.equal((await second.matchesAfter(0, 100)).length, 4)
    await second.stop()
    assert.deepEqual(await dump(location), migrated)
  })

  it('refuses a database of a newer schema and leaves it untouched', async () => {
    await writeSchema1(location, SCHEMA_VERSION + 1)
    const before = await dump(location)
    const store = new Store({ location })
    await assert.rejects(
      store.start(),
      (err: Error) => err instanceof SchemaTooNewError && err.message.includes(`schema version ${SCHEMA_VERSION + 1}`),
    )
    assert.deepEqual(await dump(location), before)
    assert.equal(await rawSchema(location), SCHEMA_VERSION + 1)
    assert.ok(
      before.some((entry) => entry.includes('\u0000oprf')),
      'the schema-1 style records are still there',
    )
  })
})

/** The schema version as stored (meta `schema`), read without the Store. */
async function rawSchema(location: string): Promise<unknown> {
  const db = new Level<string, unknown>(location, { keyEncoding: 'utf8', valueEncoding: 'json' })
  await db.open()
  try {
    return await db.sublevel<string, unknown>('meta', { valueEncoding: 'json' }).get('schema')
  } finally {
    await db.close()
  }
}
