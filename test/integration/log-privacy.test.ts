import { strict as assert } from 'node:assert'
import { configureLogging } from '../../src/logger.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import { connectedPair, settle } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

/**
 * Two real members on 127.0.0.1 holding only TLP:AMBER indicators, one of them refusing the
 * other's oversize list (which logs at warn): every line the node writes at info level and above
 * is captured, and none carries a raw indicator value.
 */
describe('the log at info level and above carries no protected value (real nodes)', () => {
  afterEach(() => configureLogging({}))

  it('logs the refusals at warn, and no raw value of either member', async () => {
    const lines: string[] = []
    configureLogging({ level: 'info', format: 'json', sink: { write: (line: string) => lines.push(line) } })
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    const bulk = Array.from({ length: 300 }, (_, i) => ({ value: `bulk-${i}.amber.example`, tlp: 'amber' as const }))
    const shared = { value: 'shared-secret.amber.example', tlp: 'amber' as const }
    const bOnly = { value: '198.51.100.23', tlp: 'amber' as const }
    try {
      const { nodeB } = await connectedPair(dir, nodes, [...bulk, shared], [shared, bOnly], {}, { psi: { maxListPoints: 64 } })
      await settle(nodes, async () => (nodeB.model?.snapshot().digestsRefused.too_large ?? 0) >= 1)
      for (const node of nodes) await node.model?.idle()
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
    const parsed = lines.map((line) => JSON.parse(line) as { level: string; msg: string })
    assert.ok(
      parsed.some((l) => l.level === 'warn' && /announced a list of \d+ points/.test(line(l))),
      `the refusal was logged at warn:\n${lines.join('')}`,
    )
    assert.ok(parsed.every((l) => l.level !== 'debug'))
    for (const text of lines) {
      assert.doesNotMatch(text, /amber\.example|198\.51\.100\.23/, 'a raw protected value reached the log')
    }
  })
})

function line(l: object): string {
  return JSON.stringify(l)
}
