import assert from 'node:assert/strict'
import { type MatchRecord, matchKey } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'

function match(peer: string, value: string, holds: boolean, sighted: Record<string, number>): MatchRecord {
  return {
    peer,
    organization: peer,
    type: 'domain',
    value,
    tlp: 'amber',
    holds,
    sighted,
    epoch: 3,
    matchedAt: 1000,
    ours: { sources: [], tags: [], count: 1, sightings: {} },
    level: 'normal',
    alerted: 'none',
  }
}

describe('withdrawing a sighting window from matches (store)', () => {
  let store: Store
  beforeEach(async () => {
    store = new Store({ location: 'withdrawal', memory: true })
    await store.start()
  })
  afterEach(async () => {
    await store.stop()
  })

  it('drops only the unconfirmed window of that member, keeps holds, deletes what is left empty, and keeps the count right', async () => {
    await store.recordMatches([
      match('p1', 'held.example', true, { '7d': 3, '24h': 3 }),
      match('p1', 'confirmed.example', true, { '7d': 3 }),
      match('p1', 'sighted-only.example', false, { '7d': 3 }),
      match('p1', 'later.example', true, { '7d': 4 }),
      match('p2', 'held.example', true, { '7d': 3 }),
    ])
    assert.equal(store.matchCount(), 5)
    const before = store.lastSeq('matches')
    const kept = await store.withdrawSighted('p1', '7d', 3, new Set(['domain:confirmed.example']))
    assert.deepEqual(
      kept.map((m) => [m.value, m.holds, m.sighted]),
      [['held.example', true, { '24h': 3 }]],
    )
    const all = new Map((await store.matches.all()).map((m) => [matchKey(m), m]))
    assert.deepEqual(all.get('p1\u0000domain:held.example')?.sighted, { '24h': 3 }, 'the other window stays')
    assert.deepEqual(all.get('p1\u0000domain:confirmed.example')?.sighted, { '7d': 3 }, 'confirmed: untouched')
    assert.equal(all.has('p1\u0000domain:sighted-only.example'), false, 'neither held nor sighted any more: deleted')
    assert.deepEqual(
      all.get('p1\u0000domain:later.example')?.sighted,
      { '7d': 4 },
      'confirmed by a later epoch: an older comparison leaves it',
    )
    assert.deepEqual(all.get('p2\u0000domain:held.example')?.sighted, { '7d': 3 }, 'another member: untouched')
    assert.equal(store.matchCount(), 4)
    assert.equal(store.matchCount(), all.size)
    const logged = await store.matchesAfter(before, 10)
    assert.deepEqual(
      logged.map((x) => x.match.value),
      ['held.example'],
      'a new version of what changed; nothing for the deleted',
    )
    // Sighted again later: a new record, counted once.
    await store.recordMatches([match('p1', 'sighted-only.example', false, { '7d': 5 })])
    assert.equal(store.matchCount(), 5)
    const again = await store.withdrawSighted('p1', '7d', 3, new Set())
    assert.deepEqual(
      again.map((m) => m.value),
      ['confirmed.example'],
      'only what epoch 3 confirmed last: not later.example (epoch 4) nor the new sighted-only.example (epoch 5)',
    )
    assert.equal(store.matchCount(), 5)
  })
})
