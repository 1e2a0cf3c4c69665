import { strict as assert } from 'node:assert'
import { createHash, randomBytes } from 'node:crypto'
import { InlineEngine } from '../../src/crypto/engine.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { sodiumBackend } from '../../src/crypto/sodium-backend.ts'
import { psiElement } from '../../src/indicators/element.ts'
import { type Evaluator, PsiClient } from '../../src/psi/client.ts'
import { EpochKeys } from '../../src/psi/keys.ts'
import { type Digest, decode, encode, Mode, Status } from '../../src/psi/messages.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions, setSizeBucket } from '../../src/psi/options.ts'
import { mutualPsi, PsiParty } from '../../src/psi/party.ts'
import { PsiServer } from '../../src/psi/server.ts'

const oprf = new Oprf(sodiumBackend)
const engine = new InlineEngine(oprf)

function ips(from: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    psiElement({ type: 'ipv4', value: `198.51.${((from + i) >> 8) & 255}.${(from + i) & 255}` }),
  )
}

function party(name: string, options: PsiOptions = DEFAULT_PSI_OPTIONS): PsiParty {
  return new PsiParty(name, randomBytes(32), options, { engine, oprf })
}

/** Wires a client to a server in process, recording every encoded message. */
function evaluator(server: PsiServer, peer: string, wire: Uint8Array[] = []): Evaluator {
  return async (request) => {
    wire.push(encode('EvaluateRequest', request))
    const response = await server.evaluate(peer, request)
    wire.push(encode('EvaluateResponse', response))
    return response
  }
}

async function publish(from: PsiParty, to: PsiParty, epoch: number, items: Uint8Array[], mode = Mode.Oprf): Promise<Digest> {
  const digest = await from.server.buildDigest(epoch, mode, items)
  to.client.acceptDigest(from.name, digest)
  to.server.notePeerDigest(from.name, digest)
  return digest
}

describe('PSI state machines', function () {
  this.timeout(60_000)

  it('mutual PSI finds exactly the planted overlap on both sides', async () => {
    const a = party('a')
    const b = party('b')
    const aItems = [...ips(0, 250), ...ips(10_000, 37)]
    const bItems = [...ips(5_000, 300), ...ips(10_000, 37)]
    const result = await mutualPsi({ party: a, items: aItems }, { party: b, items: bItems }, 7)
    assert.deepEqual(
      result.aMatched,
      Array.from({ length: 37 }, (_, i) => 250 + i),
    )
    assert.deepEqual(
      result.bMatched,
      Array.from({ length: 37 }, (_, i) => 300 + i),
    )
    assert.ok(result.bytes > 0)
  })

  it('queries only new items once outputs are cached, and tests a delta digest without querying', async () => {
    const a = party('a')
    const b = party('b')
    const aItems = ips(0, 100)
    await publish(b, a, 1, ips(50, 10))
    await publish(a, b, 1, aItems)
    const first = await a.client.query('b', 1, aItems, evaluator(b.server, 'a'))
    assert.equal(first.queried, 100)
    assert.equal(first.matched.length, 10)
    const grown = [...aItems, ...ips(200, 5)]
    const second = await a.client.query('b', 1, grown, evaluator(b.server, 'a'))
    assert.equal(second.queried, 5, 'only the new items went to the peer')
    assert.equal(second.matched.length, 10)
    // b adds five of a's items as a delta; a finds them from cached outputs, sending nothing.
    const delta = await b.server.buildDigest(1, Mode.Oprf, ips(0, 5), { sequence: 1, baseSize: 10 })
    a.client.acceptDigest('b', delta)
    const third = await a.client.query('b', 1, grown, evaluator(b.server, 'a'))
    assert.equal(third.queried, 0)
    assert.equal(third.matched.length, 15)
  })

  it('refuses a peer over its quota with QuotaExceededError while another peer is still served', async () => {
    const options = { ...DEFAULT_PSI_OPTIONS, quotaFloor: 100, quotaMultiple: 1, quotaCap: 1_000_000 }
    const server = party('s', options)
    const greedy = party('greedy', options)
    const fair = party('fair', options)
    await publish(server, greedy, 3, ips(0, 50))
    await publish(server, fair, 3, ips(0, 50))
    await publish(greedy, server, 3, ips(0, 10))
    await publish(fair, server, 3, ips(0, 10))
    assert.equal(server.server.quotaUsed('greedy', 3), 0)
    // Limit: max(floor 100, 1 x max(50, bucket 1024)) = 1024 evaluations.
    await assert.rejects(
      greedy.client.query('s', 3, ips(100_000, 1500), evaluator(server.server, 'greedy')),
      (err: Error) => err.name === 'QuotaExceededError',
    )
    const ok = await fair.client.query('s', 3, ips(0, 20), evaluator(server.server, 'fair'))
    assert.equal(ok.matched.length, 20)
  })

  it('evaluates only for peers that published a digest (reciprocity) and known epochs', async () => {
    const s = party('s')
    const freeRider = party('free')
    await publish(s, freeRider, 4, ips(0, 10))
    await assert.rejects(
      freeRider.client.query('s', 4, ips(0, 3), evaluator(s.server, 'free')),
      (err: Error) => err.name === 'NotReciprocalError',
    )
    const response = await s.server.evaluate('free', { version: 1, epoch: 99, mode: Mode.Oprf, elements: new Uint8Array(32) })
    assert.equal(response.status, Status.UnknownEpoch)
  })

  it('asks the reciprocity hook, which can refuse a peer that did publish', async () => {
    const keys = new EpochKeys(oprf, randomBytes(32), 'community')
    const server = new PsiServer(DEFAULT_PSI_OPTIONS, {
      engine,
      keys,
      reciprocity: (peer, _e, _m, published) => published && peer !== 'banned',
    })
    await server.buildDigest(2, Mode.Oprf, ips(0, 5))
    const element = (await engine.blind(ips(0, 1))).blinded
    for (const peer of ['banned', 'member']) server.notePeerDigest(peer, { epoch: 2, mode: Mode.Oprf, setSizeBucket: 1024 })
    assert.equal(
      (await server.evaluate('banned', { version: 1, epoch: 2, mode: Mode.Oprf, elements: element })).status,
      Status.NotReciprocal,
    )
    assert.equal((await server.evaluate('member', { version: 1, epoch: 2, mode: Mode.Oprf, elements: element })).status, Status.Ok)
  })

  it('refuses oversize and malformed requests with a status, not a crash', async () => {
    const s = party('s')
    const c = party('c')
    await publish(s, c, 5, ips(0, 10))
    await publish(c, s, 5, ips(0, 10))
    const big = await s.server.evaluate('c', { version: 1, epoch: 5, mode: Mode.Oprf, elements: new Uint8Array(32 * 4097) })
    assert.equal(big.status, Status.TooLarge)
    const ragged = await s.server.evaluate('c', { version: 1, epoch: 5, mode: Mode.Oprf, elements: new Uint8Array(33) })
    assert.equal(ragged.status, Status.BadRequest)
    const identity = await s.server.evaluate('c', { version: 1, epoch: 5, mode: Mode.Oprf, elements: new Uint8Array(32) })
    assert.equal(identity.status, Status.BadRequest, 'the identity element is refused')
  })

  it('cardinality mode counts without revealing which, answers shuffled, with a key of its own', async () => {
    const s = party('s')
    const c = party('c')
    const red = [...ips(0, 40), ...ips(1000, 12)]
    await publish(s, c, 6, red, Mode.Cardinality)
    await publish(c, s, 6, ips(0, 1), Mode.Cardinality)
    const mine = [...ips(5000, 30), ...ips(1000, 12)]
    const { count } = await c.client.cardinality('s', 6, mine, evaluator(s.server, 'c'))
    assert.equal(count, 12)
    // Shuffled: the same evaluated elements as an in-order evaluation under the server's key, in another order.
    const keys = new EpochKeys(oprf, randomBytes(32), 'community')
    const server = new PsiServer(DEFAULT_PSI_OPTIONS, { engine, keys })
    await server.buildDigest(6, Mode.Cardinality, red)
    server.notePeerDigest('c', { epoch: 6, mode: Mode.Cardinality, setSizeBucket: 1024 })
    const blinded = await engine.blindShared(mine, oprf.randomScalar())
    const response = await server.evaluate('c', { version: 1, epoch: 6, mode: Mode.Cardinality, elements: blinded })
    const inOrder = await engine.blindEvaluate(keys.key(6, Mode.Cardinality).secretKey, blinded)
    const chunks = (b: Uint8Array) =>
      Array.from({ length: b.length / 32 }, (_, i) => Buffer.from(b.subarray(i * 32, i * 32 + 32)).toString('hex'))
    assert.deepEqual(chunks(response.elements).sort(), chunks(inOrder).sort())
    assert.notDeepEqual(chunks(response.elements), chunks(inOrder))
    // Per-item OPRF answers about RED items are impossible: no OPRF digest, and the keys differ.
    assert.equal(c.client.hasDigest('s', 6, Mode.Oprf), false)
  })

  it('a match notice resolves to exactly the server items that matched, and forged outputs to nothing', async () => {
    const a = party('a')
    const b = party('b')
    const bItems = [...ips(0, 20), ...ips(300, 4)]
    await publish(b, a, 8, bItems)
    await publish(a, b, 8, ips(300, 4))
    const result = await a.client.query('b', 8, ips(300, 4), evaluator(b.server, 'a'))
    const notice = decode('MatchNotice', encode('MatchNotice', a.client.notice(8, result.matchedOutputs)), 1 << 20)
    assert.deepEqual(b.server.resolveNotice(notice), [20, 21, 22, 23])
    assert.deepEqual(b.server.resolveNotice({ version: 1, epoch: 8, outputs: [randomBytes(64)] }), [])
  })

  it('rotates keys per epoch: outputs of one epoch do not match the digest of another', async () => {
    const a = party('a')
    const b = party('b')
    const shared = ips(0, 10)
    await publish(b, a, 10, shared)
    await publish(a, b, 10, shared)
    await publish(b, a, 11, shared)
    await publish(a, b, 11, shared)
    const e10 = await a.client.query('b', 10, shared, evaluator(b.server, 'a'))
    const e11 = await a.client.query('b', 11, shared, evaluator(b.server, 'a'))
    assert.equal(e10.matched.length, 10)
    assert.equal(e11.matched.length, 10)
    assert.notDeepEqual(e10.matchedOutputs[0], e11.matchedOutputs[0])
  })

  it('refuses a digest over the size cap or of another suite', async () => {
    const s = party('s')
    const small = { ...DEFAULT_PSI_OPTIONS, maxDigestItems: 50 }
    const c = new PsiClient(small, { engine, oprf })
    const digest = await s.server.buildDigest(12, Mode.Oprf, ips(0, 100))
    assert.throws(
      () => c.acceptDigest('s', digest),
      (err: Error) => err.name === 'InvalidDigestError',
    )
    assert.throws(
      () => c.acceptDigest('s', { ...digest, suite: 'P256-SHA256' }),
      (err: Error) => err.name === 'BadMessageError',
    )
  })

  it('sends no raw element and no plain hash of one in any message', async () => {
    const a = party('a')
    const b = party('b')
    const aItems = ips(0, 64)
    const bItems = ips(32, 64)
    const wire: Uint8Array[] = []
    wire.push(encode('Digest', await publish(b, a, 13, bItems)))
    wire.push(encode('Digest', await publish(a, b, 13, aItems)))
    const result = await a.client.query('b', 13, aItems, evaluator(b.server, 'a', wire))
    wire.push(encode('MatchNotice', a.client.notice(13, result.matchedOutputs)))
    const all = Buffer.concat(wire)
    for (const item of [...aItems, ...bItems]) {
      const value = item.subarray(item.indexOf(0) + 1)
      for (const needle of [item, value, ...['md5', 'sha1', 'sha256'].map((h) => createHash(h).update(value).digest())]) {
        assert.equal(all.indexOf(Buffer.from(needle)), -1, `found ${Buffer.from(value).toString()} on the wire`)
      }
    }
  })

  it('refuses coarse filters and endless deltas that would make every output match', async () => {
    const s = party('s', { ...DEFAULT_PSI_OPTIONS, fpBits: 8 })
    const c = party('c', { ...DEFAULT_PSI_OPTIONS, maxDeltas: 2 })
    const coarse = await s.server.buildDigest(20, Mode.Oprf, ips(0, 10))
    assert.throws(
      () => c.client.acceptDigest('s', coarse),
      (err: Error) => err.name === 'OversizeError' && /coarser/.test(err.message),
    )
    const fine = party('f')
    c.client.acceptDigest('f', await fine.server.buildDigest(21, Mode.Oprf, ips(0, 10)))
    for (let i = 1; i <= 2; i++)
      c.client.acceptDigest('f', await fine.server.buildDigest(21, Mode.Oprf, ips(100 * i, 5), { sequence: i, baseSize: 10 }))
    const third = await fine.server.buildDigest(21, Mode.Oprf, ips(900, 5), { sequence: 3, baseSize: 20 })
    assert.throws(
      () => c.client.acceptDigest('f', third),
      (err: Error) => err.name === 'OversizeError' && /deltas/.test(err.message),
    )
  })

  it('rations cardinality answers in batches, so a peer cannot probe RED items one by one', async () => {
    const s = party('s')
    const c = party('c')
    await publish(s, c, 22, ips(0, 5), Mode.Cardinality)
    await publish(c, s, 22, ips(0, 5), Mode.Cardinality)
    // Both RED sets fit one batch: ceil(1024 / 4096) + 1 = 2 batches per epoch.
    for (let i = 0; i < 2; i++) assert.equal((await c.client.cardinality('s', 22, ips(i, 1), evaluator(s.server, 'c'))).count, 1)
    await assert.rejects(
      c.client.cardinality('s', 22, ips(2, 1), evaluator(s.server, 'c')),
      (err: Error) => err.name === 'QuotaExceededError',
    )
    assert.equal(s.server.quotaRefusals, 1)
  })

  it('reveals the set size only as a bucket', () => {
    assert.equal(setSizeBucket(1), 1024)
    assert.equal(setSizeBucket(1025), 2048)
    assert.equal(setSizeBucket(100_000), 131_072)
  })
})
