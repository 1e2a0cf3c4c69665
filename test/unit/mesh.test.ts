import assert from 'node:assert/strict'
import { meshKeeper, ringNeighbours } from '../../src/node/mesh.ts'

const members = Array.from({ length: 10 }, (_, i) => `peer-${String(i).padStart(2, '0')}`)

describe('production mesh (config meshDegree)', () => {
  it('keeps k ring neighbours, and the links agree on both ends', () => {
    for (const degree of [1, 2, 3, 4, 8]) {
      for (const self of members) {
        const mine = ringNeighbours(members, self, degree)
        assert.equal(mine.size, degree, `${self} at degree ${degree}`)
        assert.ok(!mine.has(self))
        if (degree % 2 === 0) for (const peer of mine) assert.ok(ringNeighbours(members, peer, degree).has(self), `${peer} keeps ${self}`)
      }
    }
    assert.deepEqual([...ringNeighbours(members, 'peer-00', 2)].sort(), ['peer-01', 'peer-09'])
  })

  it('never more than the other members, whatever the degree', () => {
    assert.equal(ringNeighbours(members.slice(0, 3), 'peer-00', 8).size, 2)
    assert.equal(ringNeighbours(['peer-00'], 'peer-00', 4).size, 0)
  })

  it('follows the roster as it changes', () => {
    let roster = members.slice(0, 4)
    const keep = meshKeeper(() => roster, 'peer-00', 2)
    assert.ok(keep('peer-03'))
    roster = [...members.slice(0, 4), 'peer-99']
    assert.ok(!keep('peer-03'))
    assert.ok(keep('peer-99'))
  })
})
