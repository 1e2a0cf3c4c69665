import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { ConnectionEncrypter, PeerId } from '@libp2p/interface'
import { mdns } from '@libp2p/mdns'
import { memory } from '@libp2p/memory'
import { ping } from '@libp2p/ping'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { gossipOptions } from './gossip-options.ts'
import { libp2pLogger } from './libp2p-logger.ts'
import type { NetworkComponents } from './network.ts'
import { noiseCrypto } from './noise-crypto.ts'
import type { NetworkOptions } from './options.ts'

/**
 * The libp2p configuration of DESIGN section 6: TCP and WebSockets (or in-process streams), noise
 * (or a simulator's model of it), yamux, identify (run by Network on mesh connections only), ping,
 * gossipsub, and the roster gater `deny` at every stage.
 */
export function libp2pOptions(
  options: NetworkOptions,
  c: Pick<NetworkComponents, 'privateKey' | 'encrypter'>,
  deny: (peer: PeerId, stage: string) => boolean,
  topics: Iterable<string>,
) {
  return {
    privateKey: c.privateKey,
    logger: libp2pLogger(),
    addresses: { listen: options.listen, ...(options.announce.length === 0 ? {} : { announce: options.announce }) },
    // TCP, and WebSockets for members behind proxies that only pass HTTP (listen on .../tcp/N/ws);
    // or in-process streams only (simulations of many nodes in one process).
    transports: options.transport === 'memory' ? [memory()] : [tcp(), webSockets()],
    ...(options.mdns ? { peerDiscovery: [mdns()] } : {}),
    ...(options.psk === undefined ? {} : { connectionProtector: preSharedKey({ psk: options.psk }) }),
    connectionEncrypters: [encrypterOf(c)],
    streamMuxers: [yamux()],
    connectionGater: {
      denyDialPeer: async (peer: PeerId) => deny(peer, 'dial'),
      denyInboundEncryptedConnection: async (peer: PeerId) => deny(peer, 'inbound'),
      denyOutboundEncryptedConnection: async (peer: PeerId) => deny(peer, 'outbound'),
      denyInboundUpgradedConnection: async (peer: PeerId) => deny(peer, 'inbound'),
      denyOutboundUpgradedConnection: async (peer: PeerId) => deny(peer, 'outbound'),
    },
    // Loopback communities dial many peers at once; do not rate-limit our own host.
    connectionManager: { allow: ['/ip4/127.0.0.1'], maxParallelDials: 16 },
    // Pings find broken network paths; an in-process memory connection has none to find.
    connectionMonitor: { enabled: options.transport !== 'memory' },
    services: {
      identify: identify({ runOnConnectionOpen: false }),
      ping: ping(),
      pubsub: gossipsub(gossipOptions(options.maxGossipBytes, topics)),
    },
  }
}

function encrypterOf(
  c: Pick<NetworkComponents, 'privateKey' | 'encrypter'>,
): (components: Parameters<ReturnType<typeof noise>>[0]) => ConnectionEncrypter {
  const model = c.encrypter
  return model === undefined ? noise({ crypto: noiseCrypto() }) : () => model(c.privateKey)
}
