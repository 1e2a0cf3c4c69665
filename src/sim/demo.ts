import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { normalize } from '../indicators/normalize.ts'
import { Warninglists } from '../indicators/warninglist.ts'
import { resolveConfig } from '../node/config.ts'
import { initDataDir } from '../node/data-dir.ts'
import { importFiles } from '../node/importer.ts'
import { SightlineNode } from '../node/node.ts'
import { Store } from '../store/store.ts'

export interface DemoOptions {
  nodes: number
  /** Unique AMBER indicators per node besides the planted ones. */
  itemsPerNode: number
  /** Parent directory for the nodes' data directories. */
  dir: string
  /** Give up waiting for matches after this long. */
  timeoutMs: number
  onProgress?: (message: string) => void
}

export interface DemoNodeReport {
  peerId: string
  organization: string
  indicators: number
  /** Matches this node recorded: `peer organization -> values`. */
  found: Record<string, string[]>
  /** RED overlap counts learned by cardinality PSI, per peer organization. */
  redCounts: Record<string, number>
  sent: { messages: number; bytes: number; byProtocol: Record<string, { messages: number; bytes: number }> }
  rejectedGossip: Record<string, number>
  /** CLEAR/GREEN indicators received as themselves on the community feed. */
  feedReceived: number
  errors: string[]
}

export interface DemoResult {
  nodes: DemoNodeReport[]
  /** Ground truth: pairs (node, peer, value) both hold, outside RED. */
  planted: number
  found: number
  truePositives: number
  precision: number
  recall: number
  /** RED overlaps are only counted: expected vs learned, per ordered pair. */
  redExpected: number
  redCounted: number
  elapsedMs: number
}

const ORGS = [
  'Acme Bank',
  'Borealis Energy',
  'Cobalt Health',
  'Delta Rail',
  'Ember Telecom',
  'Fjord Water',
  'Granite Insurance',
  'Harbor Port',
]

interface Planted {
  value: string
  tlp: 'clear' | 'amber' | 'red'
  holders: number[]
}

/** Planted overlaps: pairwise AMBER, community-wide AMBER and CLEAR, and RED between nodes 0 and 1. */
function plant(n: number): Planted[] {
  const planted: Planted[] = []
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = 0; k < 3; k++) planted.push({ value: `pair-${i}-${j}-${k}.c2.example`, tlp: 'amber', holders: [i, j] })
    }
  }
  const all = Array.from({ length: n }, (_, i) => i)
  planted.push({ value: '45.155.205.233', tlp: 'amber', holders: all })
  planted.push({ value: 'hxxp://update-check[.]evil.example/gate.php', tlp: 'amber', holders: all })
  planted.push({ value: '5d41402abc4b2a76b9719d911017c592aa5c4b6f0e1b3a9c7d2e4f6a8b0c1d2e', tlp: 'clear', holders: all })
  if (n >= 2) for (let k = 0; k < 4; k++) planted.push({ value: `red-${k}.apt.example`, tlp: 'red', holders: [0, 1] })
  return planted
}

function ownItems(node: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => {
    switch (k % 4) {
      case 0:
        return `node${node}-host${k}.example`
      case 1:
        return `${91 + node}.${(k >> 8) & 255}.${k & 255}.${(k * 7) & 255}`
      case 2:
        return `https://node${node}.example/path/${k}`
      default:
        return `${node.toString(16).padStart(2, '0')}${k.toString(16).padStart(62, '0')}`
    }
  })
}

/**
 * A local community: N member nodes on 127.0.0.1, each with its own data directory, roster of
 * the others and indicator set with planted overlaps, running the real node code over TCP
 * until every expected match has been found (or the timeout). Returns what each node learned
 * against the ground truth.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now()
  const say = options.onProgress ?? (() => {})
  const n = options.nodes
  if (!Number.isInteger(n) || n < 2 || n > ORGS.length) throw new RangeError(`--nodes must be 2 to ${ORGS.length}`)
  const planted = plant(n)
  const configs = Array.from({ length: n }, (_, i) => resolveConfig({ dataDir: join(options.dir, `node${i}`), community: 'demo' }, {}))
  const ids: string[] = []
  for (const config of configs) ids.push((await initDataDir(config)).peerId)
  say(`created ${n} nodes: ${ids.map((id, i) => `${ORGS[i]} ${id.slice(-8)}`).join(', ')}`)

  for (let i = 0; i < n; i++) {
    const lines = [
      ...ownItems(i, options.itemsPerNode).map((value) => ({ value, tlp: 'amber' })),
      ...planted.filter((p) => p.holders.includes(i)).map((p) => ({ value: p.value, tlp: p.tlp })),
    ]
    const file = join(options.dir, `node${i}-feed.ndjson`)
    await writeFile(file, `${lines.map((l) => JSON.stringify({ ...l, source: `${ORGS[i]} feed` })).join('\n')}\n`)
    const store = new Store({ location: join(configs[i]?.dataDir as string, 'db') })
    await store.start()
    try {
      await importFiles(store, [file], { format: 'ndjson', tlp: 'amber', sightings: false, warninglists: Warninglists.load() })
      await store.roster.putMany(
        ids.flatMap((id, j) =>
          j === i ? [] : [[id, { peerId: id, organization: ORGS[j] as string, source: 'local' as const, addedAt: Date.now() }]],
        ),
      )
    } finally {
      await store.stop()
    }
  }
  say('imported feeds and rosters; starting nodes on 127.0.0.1')

  const nodes: SightlineNode[] = []
  try {
    for (const config of configs) {
      const node = await SightlineNode.create(config, { workers: 1 })
      await node.start()
      nodes.push(node)
    }
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) await nodes[i]?.model?.dial(nodes[j]?.model?.addresses[0] as string)
    }
    const truth = groundTruth(planted, n)
    const deadline = started + options.timeoutMs
    for (;;) {
      for (const node of nodes) await node.model?.idle()
      const found = (await Promise.all(nodes.map((node) => foundPairs(node, ids)))).reduce((a, b) => a + b.size, 0)
      say(`matches found: ${found} of ${truth.size} planted`)
      if (found >= truth.size || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    return await report(nodes, ids, planted, truth, started)
  } finally {
    for (const node of nodes.reverse()) await node.stop()
  }
}

function groundTruth(planted: Planted[], n: number): Set<string> {
  // Matches are recorded in canonical form; planted values may be defanged.
  const truth = new Set<string>()
  for (const p of planted) {
    if (p.tlp === 'red') continue
    for (const i of p.holders) for (const j of p.holders) if (i !== j && i < n && j < n) truth.add(`${i}|${j}|${normalize(p.value).value}`)
  }
  return truth
}

async function foundPairs(node: SightlineNode, ids: string[]): Promise<Set<string>> {
  const i = ids.indexOf(node.peerId)
  const out = new Set<string>()
  for (const m of await node.store.matches.all()) out.add(`${i}|${ids.indexOf(m.peer)}|${m.value}`)
  return out
}

async function report(nodes: SightlineNode[], ids: string[], planted: Planted[], truth: Set<string>, started: number): Promise<DemoResult> {
  const reports: DemoNodeReport[] = []
  let found = 0
  let truePositives = 0
  let redCounted = 0
  for (const node of nodes) {
    const pairs = await foundPairs(node, ids)
    found += pairs.size
    for (const pair of pairs) if (truth.has(pair)) truePositives++
    const byPeer: Record<string, string[]> = {}
    for (const m of await node.store.matches.all()) {
      const list = byPeer[m.organization] ?? []
      if (!list.includes(m.value)) list.push(m.value)
      byPeer[m.organization] = list.sort()
    }
    const member = node.model?.snapshot()
    const redCounts: Record<string, number> = {}
    for (const [peer, count] of member?.redCounts ?? []) {
      redCounts[ORGS[ids.indexOf(peer)] ?? peer] = count
      redCounted += count
    }
    const byProtocol = member?.sent ?? {}
    const totals = Object.values(byProtocol).reduce((a, b) => ({ messages: a.messages + b.messages, bytes: a.bytes + b.bytes }), {
      messages: 0,
      bytes: 0,
    })
    const stats = node.store.stats()
    reports.push({
      peerId: node.peerId,
      organization: ORGS[ids.indexOf(node.peerId)] as string,
      indicators: Object.values(stats.indicators).reduce((sum, byTlp) => sum + Object.values(byTlp).reduce((a, b) => a + b, 0), 0),
      found: byPeer,
      redCounts,
      sent: { ...totals, byProtocol },
      rejectedGossip: member?.gossipRejected ?? {},
      feedReceived: member?.feedReceived ?? 0,
      errors: member?.errors ?? [],
    })
  }
  const red = planted.filter((p) => p.tlp === 'red')
  const redExpected = red.reduce((sum, p) => sum + p.holders.length * (p.holders.length - 1), 0)
  return {
    nodes: reports,
    planted: truth.size,
    found,
    truePositives,
    precision: found === 0 ? 1 : truePositives / found,
    recall: truth.size === 0 ? 1 : truePositives / truth.size,
    redExpected,
    redCounted,
    elapsedMs: Date.now() - started,
  }
}
