// One simulated member in a process of its own (transport `tcp`): started by the simulator with
// fork(), driven over the IPC channel. The first import must be the polyfill (Node 20).
import '../polyfill.ts'
import type { ParsedRow } from '../indicators/formats/row.ts'
import { resolveConfig } from '../node/config.ts'
import { importItems } from '../node/importer.ts'
import { SightlineNode } from '../node/node.ts'
import { type MeteredEngine, meteredEngine, zeroCounts } from './cost-model.ts'
import { type LaunchSpec, learnAddresses, type MatchKnown, simFeatures } from './host.ts'
import { quiesce, redSightedOf, rejectedOf, snapshot } from './snapshot.ts'

export type NodeRequest =
  | ({ op: 'launch' } & Omit<LaunchSpec, 'index' | 'onMatch'>)
  | { op: 'dial'; address: string }
  | { op: 'hangUp'; peer: string }
  | { op: 'learn'; addresses: [string, string][] }
  | { op: 'setUnreachable'; peers: string[] }
  | { op: 'runAll' }
  | { op: 'reannounce' }
  | { op: 'import'; rows: ParsedRow[] }
  | { op: 'status' }
  | { op: 'snapshot'; online: string[] }
  | { op: 'stop' }

let node: SightlineNode | undefined
let meter: MeteredEngine | undefined
/** Matches recorded (new or grown) since the last status: peer id, value, what the member is known to do. */
const found: [string, string, MatchKnown][] = []

async function handle(request: NodeRequest): Promise<unknown> {
  switch (request.op) {
    case 'launch': {
      meter = meteredEngine(request.crypto)
      node = await SightlineNode.create(resolveConfig({ dataDir: request.dataDir, community: request.community }, {}), {
        ...simFeatures(request, meter),
        listen: ['/ip4/127.0.0.1/tcp/0'],
      })
      await node.store.start()
      await node.store.roster.putMany(request.roster.map((r) => [r.peerId, r]))
      const current = node
      await importItems(current.store, 'sim', rows(request.rows), { tlp: 'amber', sightings: false, warninglists: current.warninglists })
      current.model?.onMatch((m) => found.push([m.peer, m.value, { holds: m.holds, sighted: Object.keys(m.sighted).length > 0 }]))
      await current.start()
      return { peerId: current.peerId, address: current.model?.addresses[0] }
    }
    case 'dial':
      await live().model?.dial(request.address)
      return null
    case 'hangUp':
      await live().model?.hangUp(request.peer)
      return null
    case 'learn':
      await learnAddresses(live(), request.addresses)
      return null
    case 'setUnreachable':
      await live().model?.setUnreachable(request.peers)
      return null
    case 'runAll':
      live().model?.runAll()
      return null
    case 'reannounce':
      await live().model?.reannounce()
      return null
    case 'import': {
      const n = live()
      await importItems(n.store, 'sim', rows(request.rows), { tlp: 'amber', sightings: false, warninglists: n.warninglists })
      await n.model?.localChange()
      return null
    }
    case 'status': {
      const n = live()
      const s = n.model?.snapshot()
      return {
        found: found.splice(0),
        rejected: rejectedOf(n),
        redCounts: [...(s?.redCounts ?? [])],
        redSighted: [...redSightedOf(n)],
        connected: s?.connectedPeers ?? [],
      }
    }
    case 'snapshot': {
      const n = live()
      await quiesce(n, request.online)
      const snap = await snapshot(n, meter?.counts ?? zeroCounts(), meter?.cpuMs ?? 0)
      const cpu = process.cpuUsage()
      return { ...snap, redCounts: [...snap.redCounts], redSighted: [...snap.redSighted], processCpuMs: (cpu.user + cpu.system) / 1000 }
    }
    case 'stop':
      await node?.stop()
      node = undefined
      setImmediate(() => process.exit(0))
      return null
  }
}

function live(): SightlineNode {
  if (node === undefined) throw new Error('node not started')
  return node
}

function rows(list: ParsedRow[]): AsyncIterable<ParsedRow> {
  return (async function* () {
    yield* list
  })()
}

process.on('message', (message: { id: number; request: NodeRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, result }),
    (err: Error) => process.send?.({ id: message.id, error: `${err.name}: ${err.message}` }),
  )
})
process.on('disconnect', () => {
  void node?.stop().finally(() => process.exit(0))
})
