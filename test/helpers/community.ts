import { join } from 'node:path'
import { normalize } from '../../src/indicators/normalize.ts'
import { resolveConfig } from '../../src/node/config.ts'
import { initDataDir } from '../../src/node/data-dir.ts'
import { type NetworkFeatures, SightlineNode } from '../../src/node/node.ts'
import { Store } from '../../src/store/store.ts'

/** Real member nodes on 127.0.0.1 for integration tests: data dirs, rosters, start, settle. */
export interface Seed {
  dataDir: string
  peerId: string
}

export async function makeNode(dir: string, name: string, values: { value: string; tlp: 'amber' | 'clear' | 'red' }[]): Promise<Seed> {
  const config = resolveConfig({ dataDir: join(dir, name), community: 'test' }, {})
  const { peerId } = await initDataDir(config)
  const store = new Store({ location: join(config.dataDir, 'db') })
  await store.start()
  await store.ingest(
    values.map(({ value, tlp }) => ({ ...normalize(value), tlp, tags: [], source: name, firstSeen: 1, lastSeen: 1, count: 1 })),
  )
  await store.stop()
  return { dataDir: config.dataDir, peerId }
}

export async function setRoster(seed: Seed, members: Seed[]): Promise<void> {
  const store = new Store({ location: join(seed.dataDir, 'db') })
  await store.start()
  await store.roster.putMany(members.map((m, i) => [m.peerId, { peerId: m.peerId, organization: `org${i}`, source: 'local', addedAt: 0 }]))
  await store.stop()
}

export async function start(seed: Seed, features: NetworkFeatures = {}): Promise<SightlineNode> {
  const node = await SightlineNode.create(resolveConfig({ dataDir: seed.dataDir, community: 'test' }, {}), { workers: 1, ...features })
  await node.start()
  return node
}

/** Two members on each other's roster, started, B dialled to A. */
export async function connectedPair(
  dir: string,
  nodes: SightlineNode[],
  aValues: { value: string; tlp: 'amber' | 'clear' | 'red' }[],
  bValues: { value: string; tlp: 'amber' | 'clear' | 'red' }[],
  featuresA: NetworkFeatures = {},
  featuresB: NetworkFeatures = {},
  /** Runs on the prepared data directories before the nodes start (to edit config.json). */
  prepare?: (a: Seed, b: Seed) => Promise<void>,
): Promise<{ nodeA: SightlineNode; nodeB: SightlineNode }> {
  const a = await makeNode(dir, 'a', aValues)
  const b = await makeNode(dir, 'b', bValues)
  await prepare?.(a, b)
  return startPair(a, b, nodes, featuresA, featuresB)
}

/** Puts two prepared members on each other's roster, starts both (kept in `nodes` to stop) and dials B to A once. */
export async function startPair(
  a: Seed,
  b: Seed,
  nodes: SightlineNode[],
  featuresA: NetworkFeatures = {},
  featuresB: NetworkFeatures = {},
): Promise<{ nodeA: SightlineNode; nodeB: SightlineNode }> {
  await setRoster(a, [b])
  await setRoster(b, [a])
  const nodeA = await start(a, featuresA)
  const nodeB = await start(b, featuresB)
  nodes.push(nodeA, nodeB)
  await nodeB.model?.dial(nodeA.model?.addresses[0] as string)
  return { nodeA, nodeB }
}

export async function settle(nodes: SightlineNode[], until: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (const node of nodes) await node.model?.idle()
    if (await until()) return
    if (Date.now() > deadline) throw new Error('network did not settle in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
