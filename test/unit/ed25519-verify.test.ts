import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { verifySignature } from '../../src/net/ed25519-verify.ts'

describe('verifySignature (Ed25519 with a key object kept per key)', () => {
  it('agrees with libp2p on good signatures, tampered data, tampered signatures and other keys, again and again', async () => {
    const a = await generateKeyPair('Ed25519')
    const b = await generateKeyPair('Ed25519')
    const data = new TextEncoder().encode('sightline/v1/gossip test message')
    const signature = await a.sign(data)
    const tamperedData = Uint8Array.from(data)
    tamperedData[0] = (tamperedData[0] as number) ^ 1
    const tamperedSignature = Uint8Array.from(signature)
    tamperedSignature[5] = (tamperedSignature[5] as number) ^ 1
    const cases = [
      [a.publicKey, data, signature, true],
      [a.publicKey, tamperedData, signature, false],
      [a.publicKey, data, tamperedSignature, false],
      [b.publicKey, data, signature, false],
    ] as const
    for (let round = 0; round < 2; round++) {
      for (const [key, bytes, sig, expected] of cases) {
        assert.equal(await key.verify(bytes, sig), expected, 'libp2p')
        assert.equal(await verifySignature(key, bytes, sig), expected, `ours, round ${round}`)
      }
    }
  })
})
