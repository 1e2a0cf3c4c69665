import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import {
  checkCodeOf,
  commitSequence,
  type EnvelopeChecks,
  openEnvelope,
  sealEnvelope,
  UNEXPECTED_CODE,
  VerifiedSignatures,
} from '../../src/net/envelope.ts'

describe('signed gossip envelopes', () => {
  const topic = '/sightline/test/digest/1'

  async function member() {
    const privateKey = await generateKeyPair('Ed25519')
    return { privateKey, id: peerIdFromPrivateKey(privateKey).toString() }
  }

  function checks(members: string[], overrides: Partial<EnvelopeChecks> = {}): EnvelopeChecks {
    return { maxBytes: 1 << 20, maxSkewMs: 60_000, isMember: (p) => members.includes(p), lastSequence: new Map(), ...overrides }
  }

  it('opens what a member sealed', async () => {
    const a = await member()
    const bytes = await sealEnvelope(a.privateKey, a.id, topic, { epoch: 3, sequence: 1, kind: 'digest', payload: Uint8Array.of(1, 2, 3) })
    const envelope = await openEnvelope(bytes, topic, checks([a.id]))
    assert.equal(envelope.issuer, a.id)
    assert.deepEqual(envelope.payload, Uint8Array.of(1, 2, 3))
  })

  it('rejects a tampered payload, another topic and a forged issuer with InvalidSignatureError', async () => {
    const a = await member()
    const b = await member()
    const bytes = await sealEnvelope(a.privateKey, a.id, topic, { epoch: 3, sequence: 1, kind: 'digest', payload: Uint8Array.of(1, 2, 3) })
    const tampered = Uint8Array.from(bytes)
    tampered[tampered.indexOf(3)] = 4
    const isSig = (err: Error) => err.name === 'InvalidSignatureError'
    await assert.rejects(openEnvelope(tampered, topic, checks([a.id])), isSig)
    await assert.rejects(openEnvelope(bytes, '/sightline/other/digest/1', checks([a.id])), isSig)
    const forged = await sealEnvelope(b.privateKey, a.id, topic, { epoch: 3, sequence: 1, kind: 'digest', payload: Uint8Array.of(1) })
    await assert.rejects(openEnvelope(forged, topic, checks([a.id, b.id])), isSig)
  })

  it('remembers verified signatures by topic and bytes in VerifiedSignatures, and still checks the rest', async () => {
    const a = await member()
    const b = await member()
    const bytes = await sealEnvelope(a.privateKey, a.id, topic, { epoch: 3, sequence: 5, kind: 'digest', payload: Uint8Array.of(7) })
    const forged = await sealEnvelope(b.privateKey, a.id, topic, { epoch: 3, sequence: 5, kind: 'digest', payload: Uint8Array.of(7) })
    const verified = new VerifiedSignatures()
    const c = checks([a.id, b.id], { verified })
    await openEnvelope(bytes, topic, c)
    assert.equal(verified.has(VerifiedSignatures.keyOf(topic, bytes)), true, 'a good signature is remembered')
    assert.equal(verified.has(VerifiedSignatures.keyOf('/sightline/other/digest/1', bytes)), false, 'for its topic only')
    await assert.rejects(openEnvelope(forged, topic, c), { name: 'InvalidSignatureError' })
    assert.equal(verified.has(VerifiedSignatures.keyOf(topic, forged)), false, 'a bad one is not')
    // What is remembered is not checked again (shown with bytes whose signature is bad), but the
    // other checks still run.
    verified.add(VerifiedSignatures.keyOf(topic, forged))
    assert.equal((await openEnvelope(forged, topic, c)).issuer, a.id)
    await assert.rejects(openEnvelope(bytes, topic, checks([], { verified })), { name: 'NotMemberError' })
    const applied = new Map([[`${a.id}/digest`, 5]])
    await assert.rejects(openEnvelope(bytes, topic, checks([a.id], { verified, lastSequence: applied })), { name: 'ReplayError' })
  })

  it('rejects non-members, replays of applied messages, unknown kinds, stale or future timestamps and oversize messages', async () => {
    const a = await member()
    const seal = (sequence: number, timestampMs?: number) =>
      sealEnvelope(a.privateKey, a.id, topic, {
        epoch: 1,
        sequence,
        kind: 'digest',
        payload: new Uint8Array(10),
        ...(timestampMs === undefined ? {} : { timestampMs }),
      })
    await assert.rejects(openEnvelope(await seal(1), topic, checks([])), (e: Error) => e.name === 'NotMemberError')
    const shared = checks([a.id])
    commitSequence(shared, await openEnvelope(await seal(5), topic, shared))
    await assert.rejects(openEnvelope(await seal(5), topic, shared), (e: Error) => e.name === 'ReplayError')
    await assert.rejects(openEnvelope(await seal(4), topic, shared), (e: Error) => e.name === 'ReplayError')
    await openEnvelope(await seal(6), topic, shared)
    await openEnvelope(await seal(6), topic, shared)
    await assert.rejects(
      openEnvelope(await seal(6), topic, checks([a.id], { kinds: new Set(['feed']) })),
      (e: Error) => e.name === 'MalformedMessageError',
    )
    await assert.rejects(openEnvelope(await seal(7, Date.now() - 3_600_000), topic, shared), (e: Error) => e.name === 'StaleMessageError')
    await assert.rejects(openEnvelope(await seal(8, Date.now() + 3_600_000), topic, shared), (e: Error) => e.name === 'StaleMessageError')
    await assert.rejects(
      openEnvelope(await seal(9), topic, checks([a.id], { maxBytes: 50 })),
      (e: Error) => e.name === 'OversizeMessageError',
    )
    await assert.rejects(openEnvelope(Uint8Array.of(0xff, 0xff, 0xff), topic, shared), (e: Error) => e.name === 'MalformedMessageError')
  })

  it('labels a failed check by its stable code, the label gossip counters, metrics and the simulator key on', async () => {
    const a = await member()
    const b = await member()
    const bytes = await sealEnvelope(a.privateKey, a.id, topic, { epoch: 3, sequence: 1, kind: 'digest', payload: Uint8Array.of(1) })
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'opened',
        (err: unknown) => checkCodeOf(err),
      )
    assert.equal(await codeOf(openEnvelope(bytes, topic, checks([b.id]))), 'NotMemberError')
    assert.equal(await codeOf(openEnvelope(bytes, '/sightline/other/digest/1', checks([a.id]))), 'InvalidSignatureError')
    assert.equal(await codeOf(openEnvelope(bytes, topic, checks([a.id], { maxBytes: 4 }))), 'OversizeMessageError')
    assert.equal(await codeOf(openEnvelope(Uint8Array.of(0xff, 0xff, 0xff), topic, checks([a.id]))), 'MalformedMessageError')
    assert.equal(await codeOf(openEnvelope(bytes, topic, checks([a.id], { now: () => Date.now() + 3_600_000 }))), 'StaleMessageError')
    assert.equal(
      await codeOf(openEnvelope(bytes, topic, checks([a.id], { lastSequence: new Map([[`${a.id}/digest`, 1]]) }))),
      'ReplayError',
    )
    assert.equal(checkCodeOf(new TypeError('not a check')), UNEXPECTED_CODE)
  })
})
