import { strict as assert } from 'node:assert'
import { backoffDelay, DEFAULT_REDIAL_OPTIONS } from '../../src/node/redial-options.ts'
import { Redialer, type RedialNetwork } from '../../src/node/redialer.ts'

/** A network stub whose dials fail until `up` holds the peer (or address); connect events by hand. */
function stubNetwork() {
  const connected = new Set<string>()
  const up = new Set<string>()
  const dials: { target: string; at: number; addresses?: readonly string[] }[] = []
  const listeners = { connect: [] as ((p: string) => void)[], disconnect: [] as ((p: string) => void)[] }
  let clock = 0
  const network: RedialNetwork = {
    connectedPeers: () => [...connected],
    dialPeer: async (peer, addresses) => {
      dials.push({ target: peer, at: clock, addresses })
      if (!up.has(peer)) throw new Error('connect ECONNREFUSED 127.0.0.1:1')
      connected.add(peer)
      for (const l of listeners.connect) l(peer)
    },
    dialAddress: async (address) => {
      dials.push({ target: address, at: clock })
      if (!up.has(address)) throw new Error('connect ECONNREFUSED')
      return /\/p2p\/([^/]+)$/.exec(address)?.[1] ?? 'unknown'
    },
    onPeerConnect: (l) => listeners.connect.push(l),
    onPeerDisconnect: (l) => listeners.disconnect.push(l),
  }
  return {
    network,
    connected,
    up,
    dials,
    setClock: (t: number) => {
      clock = t
    },
    disconnect: (peer: string) => {
      connected.delete(peer)
      for (const l of listeners.disconnect) l(peer)
    },
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('Redialer', () => {
  it('backoff: full jitter under min(cap, base * 2^attempt), never above the cap', () => {
    const o = { baseMs: 1000, capMs: 180_000 }
    assert.equal(
      backoffDelay(0, o, () => 0.999_999),
      999,
    )
    assert.equal(
      backoffDelay(3, o, () => 0.5),
      4000,
    )
    assert.equal(
      backoffDelay(3, o, () => 0),
      0,
    )
    for (const attempt of [8, 20, 1000])
      assert.equal(
        backoffDelay(attempt, o, () => 0.999_999),
        179_999,
      )
    assert.equal(DEFAULT_REDIAL_OPTIONS.capMs <= 5 * 60_000 && DEFAULT_REDIAL_OPTIONS.capMs >= 2 * 60_000, true, 'cap of minutes')
  })

  it('redials an unreachable member with growing, capped, jittered delays, and stops once connected', async () => {
    const net = stubNetwork()
    let now = 1_000_000
    net.setClock(now)
    const redialer = new Redialer(
      { ...DEFAULT_REDIAL_OPTIONS, baseMs: 1000, capMs: 10_000, tickMs: 60_000, bootstrap: [] },
      {
        network: net.network,
        members: () => ['peerB'],
        addressesOf: () => ['/ip4/127.0.0.1/tcp/4001'],
        learn: async () => {},
        warn: () => {},
        now: () => now,
        random: () => 0.5,
      },
    )
    await redialer.start()
    try {
      // Advance the fake clock in 100 ms steps for 60 s, ticking each step.
      for (let t = 0; t < 60_000; t += 100) {
        now = 1_000_000 + t
        net.setClock(now)
        redialer.tick()
        await settle()
      }
      const gaps = net.dials.slice(1).map((d, i) => d.at - (net.dials[i] as { at: number }).at)
      // random 0.5: waits of 500, 1000, 2000, 4000, then 5000 (half the 10 s cap) forever.
      assert.deepEqual(gaps.slice(0, 6), [500, 1000, 2000, 4000, 5000, 5000])
      assert.ok(gaps.every((g) => g <= 10_000))
      assert.deepEqual(net.dials[0]?.addresses, ['/ip4/127.0.0.1/tcp/4001'])
      const state = redialer.state('peerB')
      assert.equal(state.connected, false)
      assert.match(state.lastError ?? '', /ECONNREFUSED/)
      assert.ok((state.nextAttemptAt ?? 0) > now)

      // The member comes back: the next due attempt connects, and no more dials follow.
      net.up.add('peerB')
      now = (state.nextAttemptAt as number) + 1
      redialer.tick()
      await settle()
      const count = net.dials.length
      assert.equal(redialer.state('peerB').connected, true)
      assert.equal(redialer.state('peerB').lastError, null)
      assert.equal(redialer.state('peerB').nextAttemptAt, null)
      now += 30_000
      redialer.tick()
      await settle()
      assert.equal(net.dials.length, count)

      // It goes away after a stable connection (30 s): redialed at once, with the backoff reset.
      net.up.delete('peerB')
      net.disconnect('peerB')
      redialer.tick()
      await settle()
      assert.equal(net.dials.length, count + 1)
      assert.equal(redialer.state('peerB').attempts, 1)
      assert.equal(redialer.state('peerB').nextAttemptAt, now + 500)

      // A peer that accepts and closes at once (its roster lacks us) is not redialed in a loop.
      net.up.add('peerB')
      now += 500
      redialer.tick()
      await settle()
      net.disconnect('peerB')
      assert.equal(redialer.state('peerB').attempts, 2)
      assert.equal(redialer.state('peerB').nextAttemptAt, now + 1000)
      assert.match(redialer.state('peerB').lastError ?? '', /connection closed after 0 ms/)
    } finally {
      await redialer.stop()
    }
  })

  it('warns once about an unreachable bootstrap address, reports it, and keeps trying it', async () => {
    const net = stubNetwork()
    let now = 0
    const warnings: string[] = []
    const learned: [string, string[]][] = []
    const good = '/ip4/127.0.0.1/tcp/4001/p2p/peerA'
    const bad = '/ip4/127.0.0.1/tcp/1/p2p/peerX'
    net.up.add(good)
    const redialer = new Redialer(
      { ...DEFAULT_REDIAL_OPTIONS, tickMs: 60_000, bootstrap: [bad, good] },
      {
        network: net.network,
        members: () => [],
        addressesOf: () => [],
        learn: async (peer, addresses) => {
          learned.push([peer, addresses])
        },
        warn: (m) => warnings.push(m),
        now: () => now,
        random: () => 1,
      },
    )
    await redialer.start()
    try {
      await settle()
      for (now = 0; now < 10_000; now += 100) {
        redialer.tick()
        await settle()
      }
      assert.equal(warnings.length, 1)
      assert.match(warnings[0] as string, /bootstrap address \/ip4\/127\.0\.0\.1\/tcp\/1\/p2p\/peerX cannot be reached/)
      assert.deepEqual(
        redialer.bootstrapErrors().map((e) => e.address),
        [bad],
      )
      assert.equal(net.dials.filter((d) => d.target === good).length, 1, 'a reached bootstrap address is not dialed again')
      assert.ok(net.dials.filter((d) => d.target === bad).length >= 3, 'an unreachable one is retried')
      assert.deepEqual(learned, [
        ['peerX', [bad]],
        ['peerA', [good]],
        ['peerA', [good]],
      ])
    } finally {
      await redialer.stop()
    }
  })
  it('a member outside the mesh is only dialed on demand: never by the loop, never refused for backoff, no backoff when its connection closes', async () => {
    const net = stubNetwork()
    let now = 0
    const redialer = new Redialer(
      { ...DEFAULT_REDIAL_OPTIONS, baseMs: 1000, capMs: 60_000, tickMs: 60_000, bootstrap: [] },
      {
        network: net.network,
        members: () => ['mesh', 'far'],
        keep: (peer) => peer === 'mesh',
        addressesOf: () => ['/memory/x'],
        learn: async () => {},
        warn: () => {},
        now: () => now,
        random: () => 0.5,
      },
    )
    await redialer.start()
    try {
      for (now = 0; now < 5_000; now += 100) {
        redialer.tick()
        await settle()
      }
      assert.equal(net.dials.filter((d) => d.target === 'far').length, 0, 'the loop leaves members outside the mesh alone')
      assert.ok(net.dials.filter((d) => d.target === 'mesh').length >= 2, 'and keeps redialing the mesh')

      // Down: each request dials (the PSI job's retries space them), none is refused as backing off.
      await assert.rejects(redialer.dialNow('far', AbortSignal.timeout(1000)), /not reachable|ECONNREFUSED/)
      await assert.rejects(redialer.dialNow('far', AbortSignal.timeout(1000)), /ECONNREFUSED/)
      assert.equal(net.dials.filter((d) => d.target === 'far').length, 2)

      // Up: dialed on demand; an idle close a moment later is no fault.
      net.up.add('far')
      await redialer.dialNow('far', AbortSignal.timeout(1000))
      net.disconnect('far')
      assert.equal(redialer.state('far').nextAttemptAt, null)
      await redialer.dialNow('far', AbortSignal.timeout(1000))
      assert.equal(redialer.state('far').connected, true)
    } finally {
      await redialer.stop()
    }
  })
})
