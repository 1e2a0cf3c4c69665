import { strict as assert } from 'node:assert'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { noiseCrypto } from '../../src/net/noise-crypto.ts'

describe('noiseCrypto (X25519 of noise handshakes on the native backend)', () => {
  const ours = noiseCrypto()

  it('derives the same public keys and shared secrets as noise’s own node:crypto code', () => {
    const seed = new Uint8Array(32).fill(7)
    assert.deepEqual(
      Buffer.from(ours.generateX25519KeyPairFromSeed(seed).publicKey),
      Buffer.from(defaultCrypto.generateX25519KeyPairFromSeed(seed).publicKey),
    )
    const a = ours.generateX25519KeyPair()
    const b = defaultCrypto.generateX25519KeyPair()
    assert.deepEqual(
      Buffer.from(ours.generateX25519SharedKey(a.privateKey, b.publicKey)),
      Buffer.from(defaultCrypto.generateX25519SharedKey(b.privateKey, a.publicKey)),
    )
  })

  it('refuses a small-order public key (all-zero shared secret), as noise’s own code does', () => {
    const a = ours.generateX25519KeyPair()
    assert.throws(() => defaultCrypto.generateX25519SharedKey(a.privateKey, new Uint8Array(32)))
    assert.throws(() => ours.generateX25519SharedKey(a.privateKey, new Uint8Array(32)))
  })
})
