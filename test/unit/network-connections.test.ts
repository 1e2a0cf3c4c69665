import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { Network, type NetworkComponents } from '../../src/net/network.ts'
import { DEFAULT_NETWORK_OPTIONS } from '../../src/net/options.ts'
import { modeledEncrypter } from '../../src/sim/modeled-encrypter.ts'

const PROTOCOL = '/sightline/test-echo/1.0.0'
let run = 0

/** Two networks on the in-process memory transport, members of each other, with an echo handler. */
async function pair(extra: Partial<NetworkComponents> = {}) {
  run++
  const keys = await Promise.all([generateKeyPair('Ed25519'), generateKeyPair('Ed25519')])
  const ids = keys.map((k) => peerIdFromPrivateKey(k).toString())
  const identified: string[][] = [[], []]
  const nets = keys.map((privateKey, i) => {
    const net = new Network(
      { ...DEFAULT_NETWORK_OPTIONS, transport: 'memory', listen: [`/memory/network-connections-${run}-${i}`] },
      { privateKey, isMember: (peer) => ids.includes(peer), ...extra },
    )
    net.handle(PROTOCOL, async (_peer, request) => Uint8Array.from([...request].reverse()))
    net.onPeerIdentify(({ peer }) => identified[i]?.push(peer))
    return net
  })
  await Promise.all(nets.map((n) => n.start()))
  const [a, b] = nets as [Network, Network]
  return { a, b, ids, identified, stop: () => Promise.all(nets.map((n) => n.stop())) }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

describe('Network connections', function () {
  this.timeout(30_000)

  it('runs identify on connections to members it gossips with (noise on the native X25519)', async () => {
    const { a, b, ids, identified, stop } = await pair()
    try {
      await a.dial(b.addresses[0] as string)
      assert.deepEqual(await a.request(ids[1] as string, PROTOCOL, Uint8Array.of(1, 2, 3)), Uint8Array.of(3, 2, 1))
      await settle()
      assert.deepEqual(identified, [[ids[1]], [ids[0]]])
    } finally {
      await stop()
    }
  })

  it('skips identify (and so gossipsub) on connections to members outside gossipWith', async () => {
    const { a, b, ids, identified, stop } = await pair({ gossipWith: () => false })
    try {
      await a.dial(b.addresses[0] as string)
      assert.deepEqual(await a.request(ids[1] as string, PROTOCOL, Uint8Array.of(4, 5)), Uint8Array.of(5, 4))
      await settle()
      assert.deepEqual(identified, [[], []])
    } finally {
      await stop()
    }
  })

  it('carries requests over the modeled (plaintext) encrypter, the remote peer being the key it states', async () => {
    const { a, b, ids, stop } = await pair({ encrypter: modeledEncrypter, isMember: () => true })
    const noisy = await pair({ isMember: () => true })
    try {
      await b.dial(a.addresses[0] as string)
      assert.deepEqual(b.connectedPeers(), [ids[0]])
      assert.deepEqual(await a.request(ids[1] as string, PROTOCOL, Uint8Array.of(6, 7)), Uint8Array.of(7, 6))
      await assert.rejects(noisy.a.dial(b.addresses[0] as string), 'a node on noise cannot connect: the model is really in use')
    } finally {
      await stop()
      await noisy.stop()
    }
  })
})
