import { randomBytes } from 'node:crypto'
import type { ICryptoInterface } from '@chainsafe/libp2p-noise'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { x25519Backend } from '../crypto/x25519-backend.ts'

/** The X25519 base point, u = 9 (RFC 7748 section 4.1). */
const BASE_POINT = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 9 : 0))

/** Noise hands keys as Uint8Array or Uint8ArrayList (of its own uint8arraylist version). */
function bytes(data: Uint8Array | { subarray(): Uint8Array }): Uint8Array {
  return data instanceof Uint8Array ? data : data.subarray()
}

/**
 * Noise's crypto with X25519 on our native backend (libsodium, about 34 us per operation) instead
 * of noise's default, which rebuilds node:crypto key objects from DER for each of the four DH
 * operations of every handshake (several times slower). Hashing and ChaCha20-Poly1305 stay
 * noise's own. Where sodium-native cannot load, noise's default is used unchanged.
 */
export function noiseCrypto(): ICryptoInterface {
  const backend = x25519Backend()
  if (backend.name !== 'sodium') return defaultCrypto
  const fromSeed = (seed: Uint8Array) => ({ publicKey: backend.raise(seed, BASE_POINT), privateKey: seed })
  return {
    ...defaultCrypto,
    generateX25519KeyPair: () => fromSeed(new Uint8Array(randomBytes(32))),
    generateX25519KeyPairFromSeed: fromSeed,
    generateX25519SharedKey(privateKey, publicKey) {
      const shared = backend.raise(bytes(privateKey), bytes(publicKey))
      // RFC 7748 section 6.1: an all-zero shared secret (a small-order public key) is refused.
      if (shared.every((b) => b === 0)) throw new Error('X25519 shared secret is all zero')
      return shared
    },
  }
}
