import assert from 'node:assert/strict'
import type { Member } from '../../src/sim/community.ts'
import { inWindow, makePlan, SIGHTING_WINDOW_MS } from '../../src/sim/plan.ts'
import { kindQuality, scoreKind } from '../../src/sim/quality.ts'
import { parseScenario } from '../../src/sim/scenario.ts'
import type { Snapshot } from '../../src/sim/snapshot.ts'
import { groundTruth, pairKey } from '../../src/sim/truth.ts'

const BASE = {
  name: 't',
  seed: 11,
  nodes: 5,
  itemsPerNode: 40,
  overlap: { hot: { count: 10, holderFraction: 0.7 } },
  tlp: { amber: 3, red: 1 },
}

function member(index: number, matches: Snapshot['matches']): Member {
  return {
    index,
    organization: `m${index}`,
    role: 'honest',
    dataDir: '',
    peerId: `p${index}`,
    node: undefined,
    leftAt: undefined,
    found: new Map(matches.filter((m) => m.holds).map((m) => [`${m.peer.slice(1)}|${m.value}`, 10])),
    sightedFound: new Map(matches.filter((m) => m.sighted.length > 0).map((m) => [`${m.peer.slice(1)}|${m.value}`, 20])),
    final: { matches } as Snapshot,
    peakConnected: 0,
    launching: undefined,
  }
}

describe('simulated sightings (plan, ground truth, scoring)', () => {
  it('plants sightings only of held items, some outside the window, and the same ones for the same seed', () => {
    const scenario = parseScenario({ ...BASE, sighted: { fraction: 0.3, shared: 0.5, outsideWindow: 0.3 } })
    const plan = makePlan(scenario)
    const ages = plan.items.flatMap((i) => (i.sightedAgoMs ?? []).filter((ms) => ms !== undefined))
    assert.ok(ages.some((ms) => inWindow(ms)) && ages.some((ms) => !inWindow(ms)))
    for (const ms of ages) assert.ok(ms > 0 && ms <= SIGHTING_WINDOW_MS + 23 * 24 * 3600 * 1000)
    for (const item of plan.items) assert.ok((item.sightedAgoMs ?? []).length === item.holders.length)
    assert.deepEqual(makePlan(scenario).items, plan.items)
  })

  it('without `sighted` the plan is the one it was (other draws untouched)', () => {
    const without = makePlan(parseScenario(BASE))
    const withSightings = makePlan(parseScenario({ ...BASE, sighted: { fraction: 0.5 } }))
    assert.ok(without.items.every((i) => i.sightedAgoMs === undefined))
    assert.deepEqual(
      withSightings.items.map(({ sightedAgoMs: _s, ...rest }) => rest),
      without.items,
    )
  })

  it('sighted truth: pairs that both sighted within the window, a subset of holds pairs; RED only counted', () => {
    const plan = makePlan(parseScenario({ ...BASE, sighted: { fraction: 0.4, shared: 0.6, outsideWindow: 0.3 } }))
    const truth = groundTruth(plan)
    assert.ok(truth.sighted.pairs.size > 0 && truth.sighted.pairs.size < truth.pairs.size)
    for (const key of truth.sighted.pairs.keys()) assert.ok(truth.pairs.has(key), `${key} is held by both`)
    let redShared = 0
    for (const item of plan.items) {
      const recent = item.holders.filter((_, k) => inWindow(item.sightedAgoMs?.[k]))
      if (item.tlp !== 'red' || recent.length < 2) continue
      redShared++
      assert.ok((truth.sighted.red.get(`${recent[0]}|${recent[1]}`) ?? 0) > 0)
    }
    assert.ok(redShared > 0, 'some RED values are sighted by two members')
    for (const key of truth.sighted.pairs.keys()) assert.notEqual(truth.tlpOf.get(key.split('|')[2] as string), 'red')
  })

  it('scores what a member recorded: a false positive lowers precision, a missed pair lowers recall, by TLP', () => {
    const truth = {
      pairs: new Map([
        [pairKey(0, 1, 'a'), 0],
        [pairKey(0, 1, 'b'), 0],
        [pairKey(0, 2, 'c'), 0],
      ]),
      expected: new Set([pairKey(0, 1, 'a'), pairKey(0, 1, 'b'), pairKey(0, 2, 'c')]),
      red: new Map(),
    }
    const tlpOf = new Map([
      ['a', 'amber' as const],
      ['b', 'green' as const],
      ['c', 'amber' as const],
      ['x', 'amber' as const],
    ])
    const indexOf = new Map([
      ['p1', 1],
      ['p2', 2],
    ])
    const m = member(0, [
      { peer: 'p1', value: 'a', tlp: 'amber', holds: true, sighted: ['7d'] },
      { peer: 'p1', value: 'b', tlp: 'green', holds: true, sighted: [] },
      { peer: 'p2', value: 'x', tlp: 'amber', holds: false, sighted: ['7d'] },
    ])
    const sighted = scoreKind(m, 'sighted', truth, tlpOf, indexOf)
    assert.equal(sighted.found, 2)
    assert.equal(sighted.truePositives, 1)
    assert.equal(sighted.expectedFound, 1)
    const q = kindQuality([sighted], { expected: 3, counted: 2 })
    assert.equal(q.precision, 0.5)
    assert.equal(q.recall, 1 / 3)
    assert.deepEqual(q.byTlp.amber, { expected: 2, found: 2, truePositives: 1, expectedFound: 1, precision: 0.5, recall: 0.5 })
    assert.deepEqual(q.byTlp.green, { expected: 1, found: 0, truePositives: 0, expectedFound: 0, precision: 1, recall: 0 })
    assert.deepEqual(q.byTlp.red, { expected: 3, counted: 2 })
    const holds = kindQuality([scoreKind(m, 'holds', truth, tlpOf, indexOf)], { expected: 0, counted: 0 })
    assert.equal(holds.precision, 1)
    assert.equal(holds.recall, 2 / 3)
    assert.equal(holds.byTlp.red, undefined)
  })
})
