import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { x25519Backend } from '../../src/crypto/x25519-backend.ts'
import type { Tlp } from '../../src/indicators/tlp.ts'
import type { IndicatorRecord } from '../../src/indicators/types.ts'
import { MatchEngine } from '../../src/node/match-engine.ts'
import { Mode } from '../../src/psi/messages.ts'
import { DEFAULT_PSI_OPTIONS } from '../../src/psi/options.ts'
import { PsiParty } from '../../src/psi/party.ts'
import type { Store } from '../../src/store/store.ts'

const EPOCH = 3

function record(value: string, tlp: Tlp = 'amber'): IndicatorRecord {
  return { type: 'domain', value, tlp, tags: [], source: 'test', firstSeen: 1, lastSeen: 1, count: 1 }
}

/** The match engine over a store stub whose indicators are `records` (read afresh at each scan). */
function setup() {
  const records: IndicatorRecord[] = ['a.example', 'b.example', 'c.example'].map((v) => record(v))
  let failAfter: number | undefined
  const store = {
    async *indicators() {
      for (const [i, r] of records.entries()) {
        if (failAfter !== undefined && i >= failAfter) throw new Error('store read failed')
        yield r
      }
    },
    async *sightings() {},
  } as unknown as Store
  const party = new PsiParty(
    'me',
    { ...DEFAULT_PSI_OPTIONS, community: 'test' },
    {
      engine: new InlineDhEngine(x25519Backend()),
      seed: createHash('sha256').update('me').digest(),
    },
  )
  const engine = new MatchEngine({ epochMs: 1000, contextInPsi: false }, { store, party, organizationOf: () => undefined })
  return { records, engine, party, failAt: (i: number | undefined) => (failAfter = i) }
}

const values = (engine: MatchEngine, mode: Mode, n: number) =>
  engine
    .entriesOf(
      mode,
      Array.from({ length: n }, (_, i) => i),
    )
    .map((e) => e.value)

describe('MatchEngine: local changes', () => {
  it('publishes only new values as a delta, nothing when nothing changed, and a new generation when a value left a list', async () => {
    const { records, engine, party } = setup()
    const [base] = await engine.publishAll(EPOCH)
    assert.deepEqual([base?.generation, base?.index], [0, 0])
    records.push(record('d.example'), record('e.example'))
    const changed = await engine.publishChanges()
    assert.deepEqual(
      changed.map((l) => [l.mode, l.generation, l.index]),
      [[Mode.Items, 0, 1]],
    )
    assert.equal(party.own(EPOCH, Mode.Items).items, 5)
    assert.deepEqual(values(engine, Mode.Items, 5), ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'])
    assert.deepEqual(await engine.publishChanges(), [])
    // b becomes RED: it leaves the holds list (a new generation) and enters the count list.
    records[1] = record('b.example', 'red')
    const moved = await engine.publishChanges()
    assert.deepEqual(
      moved.map((l) => [l.mode, l.generation, l.index]),
      [
        [Mode.Items, 1, 0],
        [Mode.Count, 0, 1],
      ],
    )
    assert.deepEqual(engine.ownSizes(), { items: 4, count: 1 })
    assert.deepEqual(values(engine, Mode.Items, 4), ['a.example', 'c.example', 'd.example', 'e.example'])
  })

  it('after a change that failed half way, the next change rebuilds every list from the store', async () => {
    const { records, engine, party, failAt } = setup()
    await engine.publishAll(EPOCH)
    records.push(record('d.example'), record('e.example'))
    failAt(4)
    await assert.rejects(engine.publishChanges(), /store read failed/)
    failAt(undefined)
    const next = await engine.publishChanges()
    assert.deepEqual(
      next.map((l) => [l.mode, l.generation, l.index]),
      [
        [Mode.Items, 1, 0],
        [Mode.Count, 1, 0],
      ],
    )
    assert.equal(party.own(EPOCH, Mode.Items).items, 5)
    assert.deepEqual(values(engine, Mode.Items, 5), ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'])
    assert.deepEqual(await engine.publishChanges(), [])
  })
})

describe('MatchEngine: feed entries from the same read of the store', () => {
  it('keeps our active CLEAR and GREEN indicators (not AMBER, not a member feed entry, not warninglisted) for the feed, once per scan', async () => {
    const { records, engine } = setup()
    records.push(
      record('clear.example', 'clear'),
      record('green.example', 'green'),
      { ...record('member.example', 'clear'), source: 'feed:Other Org' },
      { ...record('benign.example', 'clear'), warninglist: 'benign' },
    )
    assert.equal(engine.takeFeedEntries(), undefined, 'nothing before a scan')
    await engine.publishAll(EPOCH)
    assert.deepEqual(
      engine.takeFeedEntries()?.map((e) => [e.value, e.tlp]),
      [
        ['clear.example', 'clear'],
        ['green.example', 'green'],
      ],
    )
    assert.equal(engine.takeFeedEntries(), undefined, 'taken once')
    records.push(record('later.example', 'green'))
    await engine.publishChanges()
    assert.deepEqual(
      engine.takeFeedEntries()?.map((e) => e.value),
      ['clear.example', 'green.example', 'later.example'],
    )
  })
})
