import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import '../../src/polyfill.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { ATTACK_KINDS } from '../../src/sim/adversary.ts'
import { makePlan } from '../../src/sim/plan.ts'
import { writeResults } from '../../src/sim/results.ts'
import { loadScenario, parseScenario } from '../../src/sim/scenario.ts'
import { type SimulationResult, simulate } from '../../src/sim/simulate.ts'
import { withPage } from '../helpers/browser.ts'

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios')

function honest(result: SimulationResult) {
  return result.nodes.filter((n) => n.role === 'honest')
}

describe('simulate (bundled scenarios, real node code)', function () {
  this.timeout(120_000)
  let out: string
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'sightline-simulate-test-'))
  })
  after(async () => {
    await rm(out, { recursive: true, force: true })
  })

  it('small: every honest member finds exactly the ground truth, the same twice with one seed, and writes a report Chromium renders', async () => {
    const scenario = await loadScenario(join(SCENARIOS, 'small.json'))
    const phases = new Set<string>()
    const first = await simulate(scenario, { onProgress: (p) => phases.add(p.phase) })
    const second = await simulate(scenario)

    for (const result of [first, second]) {
      assert.equal(result.converged, true)
      assert.equal(result.summary.precision, 1)
      assert.equal(result.summary.recall, 1)
      for (const node of honest(result)) {
        assert.equal(node.precision, 1, `precision of node ${node.index}`)
        assert.equal(node.recall, 1, `recall of node ${node.index}`)
      }
      assert.ok(result.groundTruth.expected > 50, 'the scenario plants enough overlap to mean something')
      assert.ok(result.groundTruth.warninglisted > 0 && result.groundTruth.byTlp.red !== undefined && result.groundTruth.sightings > 0)
      assert.equal(result.summary.redCounted, result.summary.redExpected)
      assert.ok(result.groundTruth.sighted.expected > 0 && result.groundTruth.sighted.expected < result.groundTruth.expected)
      assert.equal(result.summary.sighted.precision, 1)
      assert.equal(result.summary.sighted.recall, 1)
      assert.equal(result.summary.budgetRefusals, 0, "honest members never run into each other's budgets (deltas included)")
      assert.equal(result.crypto.fidelity, 'real')
      assert.ok(result.nodes.every((n) => n.bytesSent > 0 && n.cpuMs > 0 && n.pointsRaised > 0 && n.dhOps.publish > 0))
    }
    assert.deepEqual(second.groundTruth, first.groundTruth)
    assert.deepEqual(second.matches, first.matches)
    assert.ok(first.matches.length === first.groundTruth.expected)
    assert.deepEqual([...phases].sort(), ['report', 'run', 'setup'])

    const files = await writeResults(first, join(out, 'small'))
    const json = JSON.parse(await readFile(files.json, 'utf8')) as Record<string, unknown>
    for (const key of ['scenario', 'seed', 'versions', 'groundTruth', 'summary', 'nodes', 'adversaries', 'timeline', 'crypto'])
      assert.ok(key in json, `results.json has ${key}`)
    const csv = (await readFile(files.csv, 'utf8')).trim().split('\n')
    assert.equal(csv.length, scenario.nodes + 1)
    assert.match(csv[0] as string, /^index,organization,peerId,role,/)
    assert.ok((await stat(files.html)).size > 5000)

    await withPage(pathToFileURL(files.html).href, 'simulate-report-small', async (page) => {
      assert.match(await page.title(), /Sightline simulation: small/)
      for (const id of ['cdf', 'bytes', 'cpu', 'quality', 'rejections']) {
        const box = await page.locator(`svg#${id}`).boundingBox()
        assert.ok(box !== null && box.width > 300 && box.height > 200, `plot ${id} is drawn`)
      }
      assert.ok((await page.locator('svg#cdf path.series').count()) >= 1)
      assert.equal(await page.locator('svg#bytes rect.bar').count(), scenario.nodes)
      assert.match((await page.locator('#summary').textContent()) ?? '', /precision \/ recall \(honest\)1\.0000 \/ 1\.0000/)
      assert.match((await page.locator('table#kinds').textContent()) ?? '', /sighted/)
      // Self-contained: nothing but the page itself was loaded.
      assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').length), 0)
    })
  })

  it('sightings: members sighted what they hold (some shared, some older than the window); sighted matches are exactly the pairs that both sighted it within the window', async () => {
    const scenario = parseScenario({
      name: 'sighted',
      seed: 5,
      nodes: 4,
      itemsPerNode: 30,
      overlap: { pairwise: { probability: 1, items: 4 }, hot: { count: 4, holderFraction: 0.8 } },
      tlp: { green: 1, amber: 3, red: 1 },
      warninglisted: 1,
      sighted: { fraction: 0.4, shared: 0.6, outsideWindow: 0.3 },
      timeoutMs: 60_000,
    })
    // The ground truth worked out here from the plan alone, not by the simulator's own truth module.
    const plan = makePlan(scenario)
    const DAY = 24 * 3600 * 1000
    const bothSighted: string[] = []
    const holdOnly: string[] = []
    let redSighted = 0
    for (const item of plan.items) {
      if (item.warninglisted) continue
      const value = normalize(item.value, item.type).value
      const recent = item.holders.map((_, k) => (item.sightedAgoMs?.[k] ?? Number.POSITIVE_INFINITY) <= 7 * DAY)
      item.holders.forEach((i, a) => {
        item.holders.forEach((j, b) => {
          if (i === j) return
          const both = recent[a] === true && recent[b] === true
          if (item.tlp === 'red') redSighted += both ? 1 : 0
          else (both ? bothSighted : holdOnly).push(`${i}|${j}|${value}`)
        })
      })
    }
    assert.ok(bothSighted.length >= 10, `${bothSighted.length} ordered pairs share a sighting within the window`)
    assert.ok(holdOnly.length >= 10, `${holdOnly.length} ordered pairs hold a value without both sighting it in the window`)
    assert.ok(redSighted > 0, 'some RED values are sighted by two members (count only)')

    const result = await simulate(scenario)
    assert.equal(result.converged, true)
    assert.ok(result.groundTruth.sighted.outsideWindow > 0, 'some planted sightings are older than the window')
    assert.equal(result.groundTruth.sighted.expected, bothSighted.length)
    // What the nodes recorded: a record names the window exactly when both sighted it within it.
    assert.deepEqual(result.sightedMatches.map(([i, j, value]) => `${i}|${j}|${value}`).sort(), [...bothSighted].sort())
    const { holds, sighted } = result.summary
    assert.equal(sighted.precision, 1)
    assert.equal(sighted.recall, 1, `missing ${result.groundTruth.sighted.missing.join(', ')}`)
    assert.equal(sighted.found, bothSighted.length)
    assert.equal(holds.precision, 1)
    assert.equal(holds.recall, 1)
    assert.equal(holds.expected, bothSighted.length + holdOnly.length)
    assert.deepEqual(sighted.byTlp.red, { expected: redSighted, counted: redSighted })
    for (const tlp of ['green', 'amber'] as const) {
      assert.ok((sighted.byTlp[tlp]?.expected ?? 0) > 0, `sighted ${tlp} matches expected`)
      assert.equal(sighted.byTlp[tlp]?.precision, 1)
      assert.equal(sighted.byTlp[tlp]?.recall, 1)
    }
    for (const node of result.nodes)
      assert.equal(node.redSighted.counted, node.redSighted.expected, `RED sighted count of node ${node.index}`)
  })

  it('adversarial: every attack is refused and counted by the honest members, whose matches stay exact', async () => {
    const scenario = await loadScenario(join(SCENARIOS, 'adversarial.json'))
    const result = await simulate(scenario)
    assert.equal(result.converged, true)
    assert.equal(result.adversaries.malicious.length, 2)
    for (const node of honest(result)) {
      assert.equal(node.precision, 1, `precision of node ${node.index}`)
      assert.equal(node.recall, 1, `recall of node ${node.index}`)
    }
    for (const kind of ATTACK_KINDS) {
      const attempted = result.adversaries.attempted[kind]
      const { counter, count } = result.adversaries.rejected[kind]
      assert.ok(attempted > 0, `${kind} was attempted`)
      assert.ok(count >= attempted, `${kind}: ${attempted} attempted, ${count} counted by ${counter}`)
    }
    assert.deepEqual(result.adversaries.attempted, { forgedSignature: 4, replay: 4, queryFlood: 12, oversizeDigest: 2, nonMemberJoin: 3 })
    assert.equal(result.adversaries.accounted, true)
    const last = result.timeline[result.timeline.length - 1]
    assert.ok((last?.rejected['gossip:InvalidSignatureError'] ?? 0) > 0, 'rejections appear on the timeline')
    const files = await writeResults(result, join(out, 'adversarial'))
    const html = await readFile(files.html, 'utf8')
    assert.match(html, /queryFlood<\/td><td>12<\/td>/)
  })
  it('small over tcp: one process per member on 127.0.0.1, the same ground truth found', async () => {
    const scenario = { ...(await loadScenario(join(SCENARIOS, 'small.json'))), transport: 'tcp' as const }
    const result = await simulate(scenario)
    assert.equal(result.converged, true)
    assert.equal(result.summary.precision, 1)
    assert.equal(result.summary.recall, 1)
    assert.equal(result.matches.length, result.groundTruth.expected)
    for (const node of result.nodes) assert.ok((node.processCpuMs ?? 0) > 0, `member ${node.index} ran in a process of its own`)
  })
  it('churn and a partition: late joiners catch up, leavers keep what they found, no false match anywhere', async () => {
    const result = await simulate(await loadScenario(join(SCENARIOS, 'churn.json')))
    const joined = result.nodes.filter((n) => n.joinedAtMs > 0)
    const left = result.nodes.filter((n) => n.leftAtMs !== null)
    assert.equal(joined.length, 3)
    assert.equal(left.length, 3)
    for (const node of result.nodes) assert.equal(node.precision, 1, `precision of node ${node.index}`)
    for (const node of joined) assert.ok(node.found > 0 && node.recall !== null, `joiner ${node.index} matched after joining`)
    for (const node of left) assert.equal(node.recall, null)
    // Exact, though sightings arrive while queries run and a delta may reach a joiner before its base.
    assert.equal(result.summary.recall, 1, `recall ${result.summary.recall}, missing ${result.groundTruth.missing.join(', ')}`)
    assert.ok(result.groundTruth.sightings > 0)
  })
  it('sparse mesh: PSI runs between every pair, members outside the mesh dialed on demand and their idle connections closed', async () => {
    const small = await loadScenario(join(SCENARIOS, 'small.json'))
    const scenario = {
      ...small,
      nodes: 8,
      connections: { degree: 2 },
      node: { psiConcurrency: 2, idleCloseMs: 500 },
      sightings: { perSecond: 4, durationMs: 4000, sharedProbability: 0.6 },
    }
    const result = await simulate(scenario)
    assert.equal(result.converged, true)
    assert.equal(result.summary.precision, 1)
    assert.equal(result.summary.recall, 1, `missing ${result.groundTruth.missing.join(', ')}`)
    const { neighbours } = makePlan(scenario)
    const outside = result.matches.filter(([i, j]) => !neighbours[i]?.has(j))
    assert.ok(
      outside.length > result.matches.length / 2,
      `${outside.length} of ${result.matches.length} matches are between members with no mesh link`,
    )
    assert.ok(result.summary.idleClosed > 0, 'on-demand connections were closed once idle')
    assert.equal(result.summary.redCounted, result.summary.redExpected)
  })

  it('isac-20 converges to recall 1 while another process keeps one core busy (load.cpuBurnCores)', async function () {
    this.timeout(240_000)
    const scenario = await loadScenario(join(SCENARIOS, 'isac-20.json'))
    const result = await simulate(scenario, { load: { cpuBurnCores: 1 } })
    assert.deepEqual(result.load, { cpuBurnCores: 1 })
    assert.equal(result.converged, true)
    assert.equal(result.summary.precision, 1)
    assert.equal(result.summary.recall, 1, `missing ${result.groundTruth.missing.join(', ')}`)
  })
})
