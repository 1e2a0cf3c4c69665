import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { commitSequence, type EnvelopeChecks, openEnvelope, sealEnvelope, VerifiedSignatures } from '../../src/net/envelope.ts'

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

  it('verifies the signature of the same bytes once with a VerifiedSignatures cache, and still checks the rest', async () => {
    const a = await member()
    const bytes = await sealEnvelope(a.privateKey, a.id, topic, { epoch: 3, sequence: 5, kind: 'digest', payload: Uint8Array.of(7) })
    // Count the Ed25519 checks of the issuer's key type (the key inside its peer id).
    const keyType = Object.getPrototypeOf(peerIdFromString(a.id).publicKey)
    const original = keyType.verify
    let verifies = 0
    keyType.verify = function (...args: unknown[]) {
      verifies++
      return original.apply(this, args)
    }
    try {
      const verified = new VerifiedSignatures()
      const c = checks([a.id], { verified })
      await openEnvelope(bytes, topic, c)
      await openEnvelope(bytes, topic, c)
      assert.equal(verifies, 1, 'the second opening of the same bytes skips the signature check')
      await assert.rejects(openEnvelope(bytes, '/sightline/other/digest/1', c), { name: 'InvalidSignatureError' })
      assert.equal(verifies, 2, 'another topic is checked again')
      await assert.rejects(openEnvelope(bytes, topic, checks([], { verified })), { name: 'NotMemberError' })
      const applied = new Map([[`${a.id}/digest`, 5]])
      await assert.rejects(openEnvelope(bytes, topic, checks([a.id], { verified, lastSequence: applied })), { name: 'ReplayError' })
    } finally {
      keyType.verify = original
    }
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
})
