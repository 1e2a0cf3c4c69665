import { strict as assert } from 'node:assert'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { dhPsiDst } from '../../src/crypto/dh-suite.ts'
import { hashToU } from '../../src/crypto/hash-to-u.ts'
import { psiElement } from '../../src/indicators/element.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { sealEnvelope } from '../../src/net/envelope.ts'
import { topic } from '../../src/net/options.ts'
import { signRoster } from '../../src/net/signed-roster.ts'
import { resolveConfig } from '../../src/node/config.ts'
import { memberParts } from '../../src/node/internals.ts'
import { SightlineNode } from '../../src/node/node.ts'
import { Mode, modesFor } from '../../src/psi/enums.ts'
import { DEFAULT_PSI_OPTIONS } from '../../src/psi/options.ts'
import { runDemo } from '../../src/sim/demo.ts'
import { Store } from '../../src/store/store.ts'
import { connectedPair, makeNode, type Seed, setRoster, settle, start, startPair } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

/** Distinct `organization:value` matches (a match found by query and by the peer's notice counts once). */
const matchValues = async (node: SightlineNode) =>
  [...new Set((await node.store.matches.all()).map((m) => `${m.organization}:${m.value}`))].sort()

describe('member nodes on 127.0.0.1', function () {
  this.timeout(120_000)

  it('a community of three finds exactly the planted overlaps, both directions (demo, precision and recall 1.0)', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const result = await runDemo({ nodes: 3, itemsPerNode: 100, dir, timeoutMs: 60_000 })
      assert.equal(result.planted, 36)
      assert.equal(result.precision, 1)
      assert.equal(result.recall, 1)
      assert.equal(result.redCounted, result.redExpected, 'RED overlaps counted, never listed')
      for (const node of result.nodes) {
        for (const values of Object.values(node.found))
          assert.ok(
            values.every((v) => !v.startsWith('red-')),
            'no RED value is ever a per-item match',
          )
        assert.deepEqual(node.errors, [])
      }
    } finally {
      await cleanup()
    }
  })

  it('refuses a non-member: it can neither connect nor be connected to', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const a = await makeNode(dir, 'a', [{ value: 'shared.example', tlp: 'amber' }])
      const outsider = await makeNode(dir, 'x', [{ value: 'shared.example', tlp: 'amber' }])
      await setRoster(a, [])
      await setRoster(outsider, [a])
      const nodeA = await start(a)
      const nodeX = await start(outsider)
      nodes.push(nodeA, nodeX)
      // Outbound, our own gater refuses at once; inbound, the connection is closed right after the
      // noise handshake reveals the peer id (the dialer may briefly see it open).
      await assert.rejects(
        nodeA.model?.dial(nodeX.model?.addresses[0] as string) as Promise<void>,
        (e: Error) => e.name === 'DialDeniedError',
      )
      await nodeX.model?.dial(nodeA.model?.addresses[0] as string).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 500))
      for (const node of [nodeA, nodeX]) await node.model?.idle()
      assert.deepEqual(nodeA.model?.snapshot().connectedPeers, [])
      assert.deepEqual(nodeX.model?.snapshot().connectedPeers, [])
      assert.deepEqual(await nodeA.store.matches.all(), [])
      assert.deepEqual(await nodeX.store.matches.all(), [])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('rejects and counts forged, replayed and stale announcements', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const { nodeA, nodeB } = await connectedPair(
        dir,
        nodes,
        [{ value: 'one.example', tlp: 'amber' }],
        [{ value: 'two.example', tlp: 'amber' }],
      )
      await settle(nodes, async () => (nodeA.model?.snapshot().gossipAccepted ?? 0) > 0)
      const t = topic('test', 'digest')
      const forger = await generateKeyPair('Ed25519')
      const forged = await sealEnvelope(forger, nodeB.peerId, t, {
        epoch: 1,
        sequence: Date.now() * 10,
        kind: 'list-items',
        payload: new Uint8Array(8),
      })
      const stale = await sealEnvelope(nodeB.identity.privateKey, nodeB.peerId, t, {
        epoch: 1,
        sequence: Date.now() * 10,
        kind: 'list-items',
        payload: new Uint8Array(8),
        timestampMs: Date.now() - 3_600_000,
      })
      const replay = await sealEnvelope(nodeB.identity.privateKey, nodeB.peerId, t, {
        epoch: 1,
        sequence: 1,
        kind: 'list-items',
        payload: new Uint8Array(9),
      })
      const outsiderKey = await generateKeyPair('Ed25519')
      const nonMember = await sealEnvelope(outsiderKey, peerIdFromPrivateKey(outsiderKey).toString(), t, {
        epoch: 1,
        sequence: 1,
        kind: 'list-items',
        payload: new Uint8Array(8),
      })
      for (const message of [forged, stale, replay, nonMember]) await memberParts(nodeB).network.publish(t, message)
      await settle(nodes, async () => {
        const r = nodeA.model?.snapshot().gossipRejected ?? {}
        return (
          (r.InvalidSignatureError ?? 0) >= 1 &&
          (r.StaleMessageError ?? 0) >= 1 &&
          (r.ReplayError ?? 0) >= 1 &&
          (r.NotMemberError ?? 0) >= 1
        )
      })
      const rejected = nodeA.model?.snapshot().gossipRejected ?? {}
      // REJECT verdicts cost the forwarding peer gossipsub score (P4, invalid messages).
      await settle(nodes, async () => memberParts(nodeA).network.scoreOf(nodeB.peerId) < 0, 5000)
      assert.equal(rejected.InvalidSignatureError, 1)
      assert.equal(rejected.StaleMessageError, 1)
      assert.equal(rejected.ReplayError, 1)
      assert.equal(rejected.NotMemberError, 1)
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('sends no raw value and no MD5, SHA-1 or SHA-256 of a protected indicator, nor any sighting time (wire audit canary, holds and sighted lists)', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const canaries = ['canary-amber.secret.example', '185.220.101.77', 'https://canary.secret.example/x?id=42']
      const red = 'canary-red.secret.example'
      const a = await makeNode(dir, 'a', [...canaries.map((value) => ({ value, tlp: 'amber' as const })), { value: red, tlp: 'red' }])
      const b = await makeNode(dir, 'b', [
        { value: canaries[0] as string, tlp: 'amber' },
        { value: red, tlp: 'red' },
        { value: 'other.example', tlp: 'amber' },
      ])
      // Every canary (and the RED one) was also sighted by A within the window; B sighted the first.
      const sightedAt = Date.now() - 3_600_000 - 123
      const sightings = (values: readonly string[]) =>
        values.map((value) => ({
          ...normalize(value),
          tlp: (value === red ? 'red' : 'amber') as 'red' | 'amber',
          time: sightedAt,
          count: 1,
          source: 'siem',
          where: 'fw-1',
        }))
      for (const [seed, values] of [
        [a, [...canaries, red]],
        [b, [canaries[0] as string]],
      ] as const) {
        const store = new Store({ location: join(seed.dataDir, 'db') })
        await store.start()
        await store.ingest([], sightings(values))
        await store.stop()
      }
      await setRoster(a, [b])
      await setRoster(b, [a])
      const audit = join(dir, 'a-wire.ndjson')
      const nodeA = await start(a, { auditWire: audit })
      const nodeB = await start(b)
      nodes.push(nodeA, nodeB)
      await nodeB.model?.dial(nodeA.model?.addresses[0] as string)
      const sightedBoth = async (node: SightlineNode) =>
        (await node.store.matches.all()).some((m) => m.value === canaries[0] && Object.keys(m.sighted).length > 0)
      await settle(nodes, async () => (await sightedBoth(nodeA)) && (await sightedBoth(nodeB)))
      assert.deepEqual(await matchValues(nodeA), ['org0:canary-amber.secret.example'])
      await nodeA.stop()
      nodes.shift()
      const lines = (await readFile(audit, 'utf8')).trim().split('\n')
      assert.ok(lines.length >= 4, `audit holds ${lines.length} messages`)
      const sent = Buffer.concat(lines.map((l) => Buffer.from(JSON.parse(l).bytes, 'base64')))
      for (const value of [...canaries, red]) {
        const element = psiElement(normalize(value))
        const canonical = Buffer.from(normalize(value).value)
        for (const needle of [
          canonical,
          Buffer.from(element),
          ...['md5', 'sha1', 'sha256'].flatMap((h) => [createHash(h).update(canonical).digest(), createHash(h).update(element).digest()]),
          // The unkeyed point of the element (anyone could compute it from a guess), in both modes.
          ...modesFor(1).map((mode) => Buffer.from(hashToU(element, dhPsiDst('test', mode)))),
        ]) {
          assert.equal(sent.indexOf(needle), -1, `a form of ${value} left the node`)
        }
      }
      // Sighting times never leave the node: not as text, nor as 8-byte integers or doubles.
      const u64 = Buffer.alloc(8)
      u64.writeBigUInt64BE(BigInt(sightedAt))
      const f64 = Buffer.alloc(8)
      f64.writeDoubleLE(sightedAt)
      for (const needle of [
        Buffer.from(String(sightedAt)),
        Buffer.from(new Date(sightedAt).toISOString()),
        u64,
        Buffer.from(u64).reverse(),
        f64,
      ])
        assert.equal(sent.indexOf(needle), -1, 'a sighting time left the node')
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('rotates epoch keys while running and keeps matching in the new epoch', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const rotating = [{ value: 'rotating.example', tlp: 'amber' as const }]
      const { nodeA, nodeB } = await connectedPair(dir, nodes, rotating, rotating, { epochMs: 3000 }, { epochMs: 3000 })
      await settle(nodes, async () => (await matchValues(nodeA)).length === 1)
      const a = memberParts(nodeA)
      const first = a.service.epoch
      await settle(
        nodes,
        async () => a.service.epoch === first + 1 && a.party.pair(nodeB.peerId, first + 1, Mode.Items).theirPoints > 0,
        10_000,
      )
      const answers = await memberParts(nodeA).service.ask([psiElement(normalize('rotating.example'))], [Mode.Items])
      assert.deepEqual(answers, [{ peer: nodeB.peerId, modes: [{ mode: Mode.Items, matched: [0], count: 1 }] }])
      assert.deepEqual(nodeA.model?.snapshot().errors, [])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('refuses a member over its budget with a typed error while another member is still served', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const s = await makeNode(dir, 's', [{ value: 'asset.example', tlp: 'amber' }])
      const greedy = await makeNode(dir, 'g', [{ value: 'g.example', tlp: 'amber' }])
      const fair = await makeNode(dir, 'f', [{ value: 'asset.example', tlp: 'amber' }])
      await setRoster(s, [greedy, fair])
      await setRoster(greedy, [s])
      await setRoster(fair, [s])
      const tight = { multiple: 0, floor: 50, cap: 50 }
      const nodeS = await start(s, { psi: { budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Items]: tight } } })
      const nodeG = await start(greedy)
      const nodeF = await start(fair)
      nodes.push(nodeS, nodeG, nodeF)
      for (const node of [nodeG, nodeF]) await node.model?.dial(nodeS.model?.addresses[0] as string)
      await settle(nodes, async () => (await matchValues(nodeF)).length === 1)
      const walk = Array.from({ length: 200 }, (_, i) => psiElement({ type: 'ipv4', value: `10.0.${i >> 8}.${i & 255}` }))
      const refused = await memberParts(nodeG).service.ask(walk, [Mode.Items])
      assert.equal(refused?.length, 1)
      assert.match(refused?.[0]?.modes[0]?.error ?? '', /^budget_exceeded/)
      assert.equal(nodeS.model?.snapshot().budgetRefusals.items, 1)
      const served = await memberParts(nodeF).service.ask([psiElement(normalize('asset.example'))], [Mode.Items])
      assert.deepEqual(served, [{ peer: nodeS.peerId, modes: [{ mode: Mode.Items, matched: [0], count: 1 }] }])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('shares CLEAR indicators as themselves on the feed, and nothing of AMBER or above', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const a = await makeNode(dir, 'a', [
        { value: 'clear-shared.example', tlp: 'clear' },
        { value: 'amber-kept.example', tlp: 'amber' },
        { value: 'red-kept.example', tlp: 'red' },
      ])
      const b = await makeNode(dir, 'b', [{ value: 'unrelated.example', tlp: 'amber' }])
      const { nodeA, nodeB } = await startPair(a, b, nodes)
      await settle(nodes, async () => (nodeB.model?.snapshot().feedReceived ?? 0) >= 1)
      const held = []
      for await (const r of nodeB.store.indicators()) held.push(`${r.value} ${r.tlp} ${r.source}`)
      assert.deepEqual(held.sort(), ['clear-shared.example clear feed:org0', 'unrelated.example amber b'])
      assert.deepEqual(await matchValues(nodeA), [], 'a feed entry is not matched back to its sender')
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('refuses and counts an announced list over its size cap without fetching it', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const values = Array.from({ length: 300 }, (_, i) => ({ value: `bulk-${i}.example`, tlp: 'amber' as const }))
      // B's cap is far below A's list of 300 items.
      const { nodeA, nodeB } = await connectedPair(dir, nodes, values, values.slice(0, 3), {}, { psi: { maxListPoints: 64 } })
      const deadline = Date.now() + 10_000
      // Both sides publish once listening: B's refusal and A's fetch of B's list come in either order.
      const done = () => (nodeB.model?.snapshot().digestsRefused.too_large ?? 0) > 0 && (nodeA.model?.snapshot().psi.listsFetched ?? 0) > 0
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      assert.ok((nodeB.model?.snapshot().digestsRefused.too_large ?? 0) >= 1, 'B counted the refusal')
      const epoch = memberParts(nodeB).service.epoch
      assert.equal(memberParts(nodeB).party.pair(nodeA.peerId, epoch, Mode.Items).theirPoints, 0, "B never fetched A's items list")
      assert.ok((nodeA.model?.snapshot().psi.listsFetched ?? 0) >= 1, 'A fetched the small list of B')
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('catches up by sync on announcements older than the allowed clock skew', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const a = await makeNode(dir, 'a', [{ value: 'late.example', tlp: 'amber' }])
      const b = await makeNode(dir, 'b', [{ value: 'late.example', tlp: 'amber' }])
      await setRoster(a, [b])
      await setRoster(b, [a])
      const skew = { maxSkewMs: 300 }
      const nodeA = await start(a, skew)
      // a's announcements are now older than the skew gossip accepts; sync must still carry them.
      await new Promise((resolve) => setTimeout(resolve, 800))
      const nodeB = await start(b, skew)
      nodes.push(nodeA, nodeB)
      await nodeB.model?.dial(nodeA.model?.addresses[0] as string)
      await settle(nodes, async () => (await matchValues(nodeB)).length === 1 && (await matchValues(nodeA)).length === 1)
      assert.deepEqual(nodeB.model?.snapshot().errors, [])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('200 single-item pushes into a running node all reach a member, and every shared indicator is one match', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const late = Array.from({ length: 200 }, (_, i) => ({ value: `push-${i}.example`, tlp: 'amber' as const }))
      const { nodeA, nodeB } = await connectedPair(dir, nodes, [{ value: 'a.example', tlp: 'amber' }], late, {}, {}, undefined)
      await settle(nodes, async () => !memberParts(nodeA).service.exchange.busy)
      for (const [i, { value }] of late.entries()) {
        await nodeA.store.ingest([{ ...normalize(value), tlp: 'amber', tags: [], source: 'siem', firstSeen: i, lastSeen: i, count: 1 }])
        await nodeA.model?.localChange()
      }
      await settle(
        nodes,
        async () => (await nodeA.store.matches.all()).length === 200 && (await nodeB.store.matches.all()).length === 200,
        60_000,
      )
      assert.ok((memberParts(nodeA).service.digestState?.deltas ?? 0) > 0, 'additions went out as deltas')
      assert.deepEqual(nodeB.model?.snapshot().digestsRefused, {})
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('cuts off a member that a newer signed roster removes', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const admin = await generateKeyPair('Ed25519')
      const adminId = peerIdFromPrivateKey(admin).toString()
      const seeds = await Promise.all(['a', 'b', 'c'].map((name) => makeNode(dir, name, [{ value: 'cut.example', tlp: 'amber' }])))
      const [a, b, c] = seeds as [Seed, Seed, Seed]
      const roster = (version: number, members: Seed[]) =>
        signRoster(admin, {
          community: 'test',
          version,
          members: members.map((m) => ({ peerId: m.peerId, organization: m === a ? 'A' : m === b ? 'B' : 'C' })),
        })
      const v1 = await roster(1, [a, b, c])
      for (const seed of seeds) {
        const config = resolveConfig({ dataDir: seed.dataDir, community: 'test', rosterAdmins: [adminId] }, {})
        const offline = await SightlineNode.create(config)
        await offline.start()
        await offline.roster.applySigned(v1)
        await offline.stop()
        const node = await SightlineNode.create(config, { workers: 1 })
        await node.start()
        nodes.push(node)
      }
      const [nodeA, nodeB, nodeC] = nodes as [SightlineNode, SightlineNode, SightlineNode]
      for (const node of [nodeB, nodeC]) await node.model?.dial(nodeA.model?.addresses[0] as string)
      await settle(nodes, async () => (await matchValues(nodeC)).includes('A:cut.example'))
      const v2 = await roster(2, [a, b])
      await memberParts(nodeB).network.publish(topic('test', 'roster'), new TextEncoder().encode(JSON.stringify(v2)))
      await settle(nodes, async () => nodeA.roster.version === 2 && !(nodeA.model?.snapshot().connectedPeers ?? []).includes(nodeC.peerId))
      assert.equal(nodeA.roster.isMember(nodeC.peerId), false)
      const answers = await memberParts(nodeC).service.ask([psiElement(normalize('cut.example'))], [Mode.Items])
      assert.deepEqual(
        answers?.filter((x) => x.peer === nodeA.peerId && x.modes[0]?.matched !== undefined),
        [],
        'no more answers from a',
      )
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })

  it('a restarted node keeps its peer id, indicators and matches, and takes up its peers again', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const a = await makeNode(dir, 'a', [{ value: 'both.example', tlp: 'amber' }])
      const b = await makeNode(dir, 'b', [{ value: 'both.example', tlp: 'amber' }])
      await setRoster(a, [b])
      await setRoster(b, [a])
      let nodeA = await start(a)
      const nodeB = await start(b)
      nodes.push(nodeB)
      await nodeB.model?.dial(nodeA.model?.addresses[0] as string)
      await settle([nodeA, nodeB], async () => (await matchValues(nodeA)).length === 1)
      const id = nodeA.peerId
      await nodeA.stop()
      nodeA = await start(a)
      nodes.push(nodeA)
      assert.equal(nodeA.peerId, id)
      assert.deepEqual(await matchValues(nodeA), ['org0:both.example'])
      assert.equal(nodeA.store.stats().indicators.domain?.amber, 1)
      // No dial here: the restarted node redials B from the addresses it kept.
      await settle([nodeA, nodeB], async () => (nodeA.model?.snapshot().gossipAccepted ?? 0) > 0)
      assert.deepEqual(nodeA.model?.snapshot().errors, [])
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })
})
