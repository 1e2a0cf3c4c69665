import { strict as assert } from 'node:assert'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { QueryAnswer } from '../../src/api/node-view.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import type { Tlp } from '../../src/indicators/tlp.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import type { MatchRecord } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { makeNode, type Seed, setRoster, settle, start, startPair } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

const DAY = 24 * 3600 * 1000
const TOKEN = 'sightings-test-token-0123456789'

/** Adds sightings (value, days ago, TLP) to a stopped node's store. */
async function sight(seed: Seed, sightings: { value: string; daysAgo: number; tlp?: Tlp; source?: string }[]): Promise<void> {
  const store = new Store({ location: join(seed.dataDir, 'db') })
  await store.start()
  const now = Date.now()
  await store.ingest(
    [],
    sightings.map((s) => ({
      ...normalize(s.value),
      tlp: s.tlp ?? 'amber',
      time: now - s.daysAgo * DAY,
      count: 1,
      source: s.source ?? 'siem',
      where: 'sensor-1',
    })),
  )
  await store.stop()
}

/** Adds indicators from one named source to a stopped node's store. */
async function hold(seed: Seed, source: string, values: string[]): Promise<void> {
  const store = new Store({ location: join(seed.dataDir, 'db') })
  await store.start()
  await store.ingest(
    values.map((v) => ({ ...normalize(v), tlp: 'amber' as const, tags: ['t'], source, firstSeen: 1, lastSeen: 2, count: 1 })),
  )
  await store.stop()
}

const byValue = async (node: SightlineNode) => new Map((await node.store.matches.all()).map((m): [string, MatchRecord] => [m.value, m]))
const how = (m: MatchRecord | undefined) => (m === undefined ? 'none' : `holds=${m.holds} sighted=${Object.keys(m.sighted).join('/')}`)

describe('sightings compared privately (sighted lists per window)', function () {
  this.timeout(120_000)

  it('a value sighted by two members within the window is sighted by both; outside it, held only; RED sightings only counted', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const held = ['both-sighted.example', 'old-sighted.example', 'one-sighted.example']
      const a = await makeNode(
        dir,
        'a',
        held.map((value) => ({ value, tlp: 'amber' as const })),
      )
      const b = await makeNode(
        dir,
        'b',
        held.map((value) => ({ value, tlp: 'amber' as const })),
      )
      const common = [
        { value: 'both-sighted.example', daysAgo: 1 },
        { value: 'old-sighted.example', daysAgo: 30 },
        { value: 'sighted-only.example', daysAgo: 2 },
        { value: 'red-sighted.example', daysAgo: 1, tlp: 'red' as const },
      ]
      await sight(a, [...common, { value: 'one-sighted.example', daysAgo: 1 }])
      await sight(b, common)
      // C is on A's roster but never runs: the query says it was asked and did not answer, and why.
      const c = await makeNode(dir, 'c', [])
      await setRoster(a, [b, c])
      await setRoster(b, [a])
      const nodeA = await start(a, { apiToken: TOKEN })
      const nodeB = await start(b)
      nodes.push(nodeA, nodeB)
      await nodeB.model?.dial(nodeA.model?.addresses[0] as string)
      await settle(nodes, async () => {
        for (const node of nodes) {
          const m = await byValue(node)
          if (how(m.get('both-sighted.example')) !== 'holds=true sighted=7d' || !m.has('sighted-only.example')) return false
          if (!(node.model?.snapshot().redCountsByList ?? []).some((c) => c.list === 'sighted 7d')) return false
        }
        return true
      })
      for (const node of nodes) {
        const m = await byValue(node)
        assert.equal(how(m.get('both-sighted.example')), 'holds=true sighted=7d', 'sighted by both within the window')
        assert.equal(how(m.get('old-sighted.example')), 'holds=true sighted=', 'sighted 30 days ago: held only')
        assert.equal(how(m.get('one-sighted.example')), 'holds=true sighted=', 'sighted by one side only: held only')
        assert.equal(how(m.get('sighted-only.example')), 'holds=false sighted=7d', 'sighted, held by neither')
        assert.equal(m.has('red-sighted.example'), false, 'a RED sighting is never a per-item match')
        const counts = node.model?.snapshot().redCountsByList ?? []
        assert.deepEqual(
          counts.filter((c) => c.list === 'sighted 7d').map((c) => c.count),
          [1],
        )
        assert.deepEqual(node.model?.snapshot().errors, [])
      }
      const mine = (await byValue(nodeA)).get('both-sighted.example') as MatchRecord
      assert.deepEqual(mine.ours.sightings, { '7d': 1 }, 'our own sightings in the window, from our side only')
      assert.deepEqual(mine.ours.sources, [{ name: 'a', kind: 'community' }])
      assert.equal(mine.level, 'high', 'a match involving a sighting alerts first')

      // An analyst's question, about values A may not hold: per member, holds and sighted.
      const res = await fetch(`${nodeA.api?.url}/v1/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ values: ['both-sighted.example', 'old-sighted.example', 'sighted-only.example', 'nobody.example'] }),
      })
      const answer = (await res.json()) as QueryAnswer
      assert.deepEqual(answer.lists, ['holds', 'sighted 7d'])
      assert.deepEqual(answer.asked.map((m) => m.peer).sort(), [b.peerId, c.peerId].sort())
      assert.deepEqual(
        answer.answered.map((m) => m.peer),
        [b.peerId],
      )
      assert.deepEqual(
        answer.unanswered.map((m) => m.peer),
        [c.peerId],
      )
      assert.ok((answer.unanswered[0]?.reason ?? '') !== '', 'says why')
      assert.deepEqual(
        answer.values.map((v) => ('members' in v ? v.members.map((m) => `${m.organization}:${m.holds}:${m.sighted.join('/')}`) : v.error)),
        [['org0:true:7d'], ['org0:true:'], ['org0:false:7d'], []],
      )
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('a sighting that leaves the window is withdrawn from the match once the next lists no longer confirm it; holds stays', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const held = ['kept.example', 'leaving.example'].map((value) => ({ value, tlp: 'amber' as const }))
      const a = await makeNode(dir, 'a', held)
      const b = await makeNode(dir, 'b', held)
      // A one-minute window: B's sightings of the leaving values are 35 s old now and leave it 25 s from now.
      const seconds = (n: number) => (n * 1000) / DAY
      const leavesAt = Date.now() + 25_000
      await sight(a, [
        { value: 'kept.example', daysAgo: 0 },
        { value: 'leaving.example', daysAgo: 0 },
        { value: 'sighted-only-leaving.example', daysAgo: 0 },
      ])
      await sight(b, [
        { value: 'kept.example', daysAgo: 0 },
        { value: 'leaving.example', daysAgo: seconds(35) },
        { value: 'sighted-only-leaving.example', daysAgo: seconds(35) },
      ])
      for (const seed of [a, b])
        await writeFile(join(seed.dataDir, 'config.json'), JSON.stringify({ community: 'test', sightingWindows: ['1m'] }))
      const { nodeA, nodeB } = await startPair(a, b, nodes)
      const states = async (node: SightlineNode) => {
        const m = await byValue(node)
        return ['kept.example', 'leaving.example', 'sighted-only-leaving.example'].map((v) => how(m.get(v))).join(', ')
      }
      const sightedByBoth = 'holds=true sighted=1m, holds=true sighted=1m, holds=false sighted=1m'
      await settle(nodes, async () => (await states(nodeA)) === sightedByBoth && (await states(nodeB)) === sightedByBoth)
      const before = nodeA.store.lastSeq('matches')

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, leavesAt - Date.now()) + 1000))
      // B's window refresh (hourly, or at any local change), now: its sighted list loses both values.
      await nodeB.model?.localChange()
      const withdrawn = 'holds=true sighted=1m, holds=true sighted=, none'
      await settle(nodes, async () => (await states(nodeA)) === withdrawn && (await states(nodeB)) === withdrawn)
      for (const node of nodes) {
        assert.equal(await states(node), withdrawn, 'still sighted by both: kept; left the window: held only; held by neither: gone')
        assert.equal(node.store.matchCount(), (await node.store.matches.all()).length, 'the match count follows')
        assert.deepEqual(node.model?.snapshot().errors, [])
      }
      // The withdrawal is a new version in the matches log (since cursors and TAXII see it), with no alert.
      const logged = (await nodeA.store.matchesAfter(before, 100)).map((x) => `${x.match.value} ${how(x.match)}`)
      assert.deepEqual(logged, ['leaving.example holds=true sighted='])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('a match on a value held only from a public feed is recorded without an alert; an internal one alerts', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const a = await makeNode(dir, 'a', [])
      const b = await makeNode(dir, 'b', [])
      await hold(a, 'spamhaus-drop.txt', ['public-only.example', 'public-and-mine.example'])
      await hold(a, 'api', ['internal.example', 'public-and-mine.example'])
      await hold(a, 'isac-share.csv', ['community.example'])
      await hold(b, 'b-intel', ['public-only.example', 'public-and-mine.example', 'internal.example', 'community.example'])
      const alerts = join(dir, 'a-alerts.ndjson')
      await writeFile(join(a.dataDir, 'config.json'), JSON.stringify({ community: 'test', alerts: { file: alerts } }))
      const { nodeA } = await startPair(a, b, nodes)
      await settle(nodes, async () => (await byValue(nodeA)).size === 4)
      const m = await byValue(nodeA)
      assert.deepEqual(
        ['public-only.example', 'public-and-mine.example', 'internal.example', 'community.example'].map((v) => m.get(v)?.level),
        ['none', 'high', 'high', 'normal'],
      )
      assert.deepEqual(m.get('public-and-mine.example')?.ours.sources, [
        { name: 'spamhaus-drop.txt', kind: 'public' },
        { name: 'api', kind: 'internal' },
      ])
      await settle(nodes, async () => (await readFile(alerts, 'utf8').catch(() => '')).trim().split('\n').length >= 3)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const alerted = (await readFile(alerts, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { match: { value: string; level: string } }).match)
      assert.deepEqual(alerted.map((x) => `${x.value}:${x.level}`).sort(), [
        'community.example:normal',
        'internal.example:high',
        'public-and-mine.example:high',
      ])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })
})
