import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ringNeighbours } from '../../src/node/mesh.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import { makeNode, type Seed, setRoster, settle, start } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('a production node with config meshDegree (sparse mesh, 127.0.0.1)', function () {
  this.timeout(120_000)
  const nodes: SightlineNode[] = []
  let dir: { dir: string; cleanup: () => Promise<void> }
  before(async () => {
    dir = await tempDir()
  })
  after(async () => {
    for (const node of nodes.reverse()) await node.stop()
    await dir.cleanup()
  })

  it('runs PSI with every member, stays connected to its ring neighbours only, and closes idle links', async () => {
    const shared = { value: '198.51.100.7', tlp: 'amber' as const }
    const seeds: Seed[] = []
    for (let i = 0; i < 5; i++) seeds.push(await makeNode(dir.dir, `m${i}`, [shared, { value: `own-${i}.example`, tlp: 'amber' }]))
    for (const seed of seeds) {
      await setRoster(
        seed,
        seeds.filter((s) => s !== seed),
      )
      await writeFile(join(seed.dataDir, 'config.json'), JSON.stringify({ community: 'test', meshDegree: 2, psiConcurrency: 2 }))
    }
    for (const seed of seeds) {
      const first = nodes[0]?.model?.addresses[0]
      nodes.push(await start(seed, { idleCloseMs: 500, ...(first === undefined ? {} : { bootstrap: [first] }) }))
    }
    // Every member learns the shared value with each of the 4 others, mesh neighbour or not.
    await settle(nodes, async () => nodes.every((n) => n.store.matchCount() === 4), 90_000)
    for (const node of nodes) {
      const matched = new Set((await node.store.matches.all()).map((m) => m.peer))
      assert.equal(matched.size, 4)
    }
    // Then only the ring links stay open: idle on-demand links are closed.
    const ids = seeds.map((s) => s.peerId)
    const meshOf = (peer: string) => ringNeighbours(ids, peer, 2)
    const deadline = Date.now() + 30_000
    for (;;) {
      const extra = nodes.flatMap((n, i) =>
        (n.model?.snapshot().connectedPeers ?? []).filter((p) => !meshOf(ids[i] as string).has(p)).map((p) => `${i}->${p}`),
      )
      if (extra.length === 0) break
      if (Date.now() > deadline) assert.fail(`links outside the mesh still open: ${extra.join(', ')}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    // The ring links themselves are up (redialed and kept).
    for (const [i, node] of nodes.entries()) {
      const open = new Set(node.model?.snapshot().connectedPeers ?? [])
      for (const peer of meshOf(ids[i] as string)) assert.ok(open.has(peer), `member ${i} keeps its neighbour`)
    }
  })
})
