import { strict as assert } from 'node:assert'
import { membersAfter } from '../../src/node/pair-order.ts'
import { SyncLedger } from '../../src/node/sync-ledger.ts'

describe('membersAfter', () => {
  const roster = ['p3', 'p1', 'p5', 'p2', 'p4']

  it('lists the other members in id order, starting after us and wrapping around', () => {
    assert.deepEqual(membersAfter(roster, 'p3'), ['p4', 'p5', 'p1', 'p2'])
    assert.deepEqual(membersAfter(roster, 'p5'), ['p1', 'p2', 'p3', 'p4'])
    assert.deepEqual(membersAfter(roster, 'p1'), ['p2', 'p3', 'p4', 'p5'])
    assert.deepEqual(membersAfter(roster, 'p0'), ['p1', 'p2', 'p3', 'p4', 'p5'], 'a node not on its own roster starts at the first')
  })

  it('gives every member a different first peer, whatever the roster order each holds', () => {
    const firsts = roster.map((self) => membersAfter([...roster].reverse(), self)[0])
    assert.equal(new Set(firsts).size, roster.length)
  })
})

describe('SyncLedger', () => {
  it('marks due only the members not heard from within the period, until heard again', () => {
    let now = 1000
    const ledger = new SyncLedger(() => now)
    ledger.heard('a')
    now = 1500
    ledger.heard('b')
    now = 2100
    assert.deepEqual(ledger.markDue(['a', 'b', 'c'], 1000), ['a', 'c'])
    assert.equal(ledger.isDue('a'), true)
    assert.equal(ledger.isDue('b'), false)
    assert.equal(ledger.isDue('c'), true, 'a member never heard from is due')
    ledger.heard('a')
    assert.equal(ledger.isDue('a'), false)
  })
})
