import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { normalize } from '../../src/indicators/normalize.ts'
import { parseWindows, windowLabel } from '../../src/node/sighting-windows.ts'
import { alertLevel, DEFAULT_ALERT_POLICY, parseAlertPolicy, sourceKind } from '../../src/node/source-kinds.ts'
import { isCountMode, Mode, modesFor, sightedMode, windowOf } from '../../src/psi/enums.ts'
import { type MatchRecord, mergeMatch } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('source kinds, alert policy and sighting windows', () => {
  it('gives well-known public feeds and the community feed `public`, the API `internal`, the rest `community`, config first', () => {
    for (const s of ['spamhaus-drop.txt', 'drop_v4.json', 'feodo-ipblocklist.csv', 'urlhaus', 'feed:Acme', 'firehol_level1.netset'])
      assert.equal(sourceKind(s), 'public', s)
    assert.equal(sourceKind('api'), 'internal')
    assert.equal(sourceKind('isac-share.csv'), 'community')
    assert.equal(sourceKind('siem-eu', { 'siem-*': 'internal' }), 'internal')
    assert.equal(sourceKind('spamhaus-drop.txt', { 'spamhaus*': 'community' }), 'community')
    assert.equal(sourceKind('whatever', { '*': 'internal' }), 'internal')
  })

  it('alerts by the loudest applicable rule: public-only is quiet, a sighting or an internal source is high', () => {
    assert.equal(alertLevel(['public'], false, DEFAULT_ALERT_POLICY), 'none')
    assert.equal(alertLevel(['public', 'community'], false, DEFAULT_ALERT_POLICY), 'normal')
    assert.equal(alertLevel(['public', 'internal'], false, DEFAULT_ALERT_POLICY), 'high')
    assert.equal(alertLevel(['public'], true, DEFAULT_ALERT_POLICY), 'high')
    assert.equal(alertLevel(['public'], false, parseAlertPolicy({ public: 'normal' }, 'x')), 'normal')
    assert.throws(() => parseAlertPolicy({ public: 'loud' }, 'x'), /none, normal or high/)
  })

  it('maps windows to mode ids 2+2w (items) and 3+2w (count) and parses window settings', () => {
    assert.deepEqual(modesFor(2), [Mode.Items, Mode.Count, 2, 3, 4, 5])
    assert.equal(sightedMode(1, true), 5)
    assert.equal(windowOf(Mode.Count), undefined)
    assert.equal(windowOf(sightedMode(3, false)), 3)
    assert.equal(isCountMode(sightedMode(2, true)), true)
    assert.throws(() => sightedMode(4, false), RangeError)
    assert.deepEqual(parseWindows(['24h', '7d', '30d'], 'w').map(windowLabel), ['24h', '7d', '30d'])
    assert.throws(() => parseWindows(['1h', '2h', '3h', '4h', '5h'], 'w'), /1 to 4/)
    assert.throws(() => parseWindows(['7d', '168h'], 'w'), /twice/)
  })

  it('merges a confirmation: flags only gain, a new window is a change, the level is the louder', () => {
    const base: MatchRecord = {
      peer: 'p',
      organization: 'o',
      ...normalize('x.example'),
      tlp: 'amber',
      holds: true,
      sighted: {},
      epoch: 1,
      matchedAt: 10,
      ours: { sources: [], tags: [], count: 1, sightings: {} },
      level: 'none',
      alerted: 'none',
    }
    const { record, changed } = mergeMatch(base, { ...base, holds: false, sighted: { '7d': 2 }, epoch: 2, level: 'high' })
    assert.equal(changed, true)
    assert.equal(record.holds, true)
    assert.deepEqual(record.sighted, { '7d': 2 })
    assert.equal(record.level, 'high')
    assert.equal(record.confirmedEpoch, 2)
    assert.equal(mergeMatch(record, { ...base, epoch: 3 }).changed, false)
  })

  it('migrates schema-2 matches to schema 3: holds, sighted nowhere, our side from our indicator', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const location = join(dir, 'db')
      let store = new Store({ location })
      await store.start()
      await store.ingest([
        { ...normalize('old.example'), tlp: 'amber', tags: ['c2'], source: 'spamhaus-drop.txt', firstSeen: 5, lastSeen: 6, count: 2 },
      ])
      const legacy = {
        peer: 'p',
        organization: 'o',
        type: 'domain',
        value: 'old.example',
        tlp: 'amber',
        mode: 'holds',
        epoch: 1,
        matchedAt: 7,
      }
      await store.matches.put('p\u0000domain:old.example', legacy as never)
      await store.putMeta('schema', 2)
      await store.stop()
      store = new Store({ location })
      await store.start()
      const [match] = await store.matches.all()
      assert.deepEqual(match, {
        peer: 'p',
        organization: 'o',
        type: 'domain',
        value: 'old.example',
        tlp: 'amber',
        epoch: 1,
        matchedAt: 7,
        holds: true,
        sighted: {},
        ours: {
          sources: [{ name: 'spamhaus-drop.txt', kind: 'public' }],
          tags: ['c2'],
          firstSeen: 5,
          lastSeen: 6,
          count: 2,
          sightings: {},
        },
        level: 'normal',
        alerted: 'normal',
      })
      await store.stop()
    } finally {
      await cleanup()
    }
  })
})
