import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { makePlan } from '../../src/sim/plan.ts'
import { loadScenario, parseScenario, ScenarioError } from '../../src/sim/scenario.ts'

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios')
const MINIMAL = { name: 't', seed: 3, nodes: 6, itemsPerNode: 20 }

function errorsOf(input: unknown): string[] {
  try {
    parseScenario(input, 't.json')
  } catch (err) {
    assert.ok(err instanceof ScenarioError)
    return err.errors
  }
  assert.fail('the scenario was accepted')
}

describe('simulation scenarios', () => {
  it('every bundled scenario validates', async () => {
    const files = (await readdir(SCENARIOS)).filter((f) => f.endsWith('.json') && !f.includes('schema'))
    assert.deepEqual(files.sort(), ['adversarial.json', 'churn.json', 'isac-100.json', 'isac-20.json', 'small.json'])
    for (const file of files) await loadScenario(join(SCENARIOS, file))
  })

  it('fills in defaults', () => {
    const s = parseScenario(MINIMAL)
    assert.equal(s.transport, 'memory')
    assert.equal(s.crypto, 'real')
    assert.equal(s.connections, 'full')
    assert.deepEqual(s.tlp, { amber: 1 })
    assert.equal(s.adversaries.count, 0)
    assert.equal(s.timeoutMs, 120_000)
  })

  it('names each error by its path', () => {
    assert.deepEqual(errorsOf({ ...MINIMAL, nodez: 3 }), ['(top level): unknown field "nodez"'])
    assert.deepEqual(errorsOf({ ...MINIMAL, nodes: 1 }), ['/nodes: must be >= 2'])
    assert.deepEqual(errorsOf({ ...MINIMAL, crypto: 'fast' }), ['/crypto: must be one of "real", "modeled"'])
    assert.ok(
      errorsOf({ ...MINIMAL, overlap: { hot: { count: 2 } } }).includes("/overlap/hot: must have required property 'holderFraction'"),
    )
    assert.ok(
      errorsOf({ ...MINIMAL, itemsPerNode: { distribution: 'uniform', min: 9, max: 3 } }).includes(
        '/itemsPerNode: min is greater than max',
      ),
    )
    assert.ok(errorsOf({ ...MINIMAL, connections: { degree: 6 } }).includes('/connections/degree: must be below nodes (6)'))
    assert.ok(errorsOf({ ...MINIMAL, adversaries: { count: 5 } })[0]?.startsWith('/adversaries/count: leaves 1 honest member'))
  })

  it('tcp (one process per node) takes no adversaries, which tamper with nodes in this process', () => {
    assert.equal(parseScenario({ ...MINIMAL, transport: 'tcp' }).transport, 'tcp')
    assert.match(
      errorsOf({ ...MINIMAL, transport: 'tcp', adversaries: { count: 1 } })[0] ?? '',
      /^\/adversaries: .* need "transport": "memory"/,
    )
  })

  it('modeled connection encryption only on the memory transport and without adversaries', () => {
    const modeled = { ...MINIMAL, node: { connectionEncryption: 'modeled' } }
    assert.equal(parseScenario(modeled).node.connectionEncryption, 'modeled')
    assert.match(errorsOf({ ...modeled, transport: 'tcp' })[0] ?? '', /^\/node\/connectionEncryption: "modeled" authenticates nobody/)
    assert.match(errorsOf({ ...modeled, adversaries: { count: 1 } })[0] ?? '', /^\/node\/connectionEncryption/)
    assert.match(errorsOf({ ...MINIMAL, node: { connectionEncryption: 'none' } })[0] ?? '', /^\/node\/connectionEncryption/)
  })

  it('one seed gives one plan; another seed another', () => {
    const s = parseScenario({
      ...MINIMAL,
      overlap: {
        pairwise: { probability: 0.5, items: 2 },
        hot: { count: 3, holderFraction: 0.5 },
        clusters: { count: 1, size: 3, items: 2 },
      },
      tlp: { amber: 3, red: 1, clear: 1 },
      sightings: { perSecond: 5, durationMs: 2000 },
      churn: { joins: 1, leaves: 1, fromMs: 100, toMs: 900 },
      partitions: [{ atMs: 100, durationMs: 200, parts: 2 }],
      adversaries: { count: 1, replays: 1, forgedSignatures: 1, queryFloods: 1 },
    })
    const a = makePlan(s)
    const b = makePlan(s)
    assert.deepEqual(a, b)
    const c = makePlan({ ...s, seed: 4 })
    assert.notDeepEqual(
      c.items.map((i) => i.value),
      a.items.map((i) => i.value),
    )
    for (let i = 0; i < s.nodes; i++) assert.ok(a.items.filter((item) => item.holders.includes(i) && item.at[0] === 0).length >= 20)
    assert.equal(a.joinAt.filter((t) => t > 0).length, 1)
    assert.equal(a.leaveAt.filter((t) => t !== undefined).length, 1)
    assert.equal(a.adversaries.malicious.length, 1)
    assert.ok(
      a.items.some((i) => i.at.some((t) => t > 0)),
      'sightings arrive during the run',
    )
  })

  it('a ring lattice gives every node the degree asked for', () => {
    const plan = makePlan(parseScenario({ ...MINIMAL, nodes: 30, connections: { degree: 6 } }))
    assert.ok(plan.neighbours.every((n) => n.size === 6))
  })
})
