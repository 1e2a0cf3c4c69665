import { createPublicKey, type KeyObject, verify } from 'node:crypto'
import type { PublicKey } from '@libp2p/interface'

/** DER SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 section 4), before the 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
/** Key objects kept: a community's members, with room to spare; forgotten wholesale when full. */
const MAX_KEYS = 4096
const keys = new Map<string, KeyObject>()

/**
 * Verifies `signature` over `data` by `publicKey` (pure Ed25519, RFC 8032 section 5.1.7, as
 * libp2p signs). libp2p's own verify rebuilds a node:crypto key object from JWK on every call,
 * which is most of its cost: here the key object of each member's key is built once. Keys of other
 * types go through libp2p.
 */
export async function verifySignature(publicKey: PublicKey, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.type !== 'Ed25519') return publicKey.verify(data, signature)
  const id = Buffer.from(publicKey.raw).toString('base64')
  let key = keys.get(id)
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear()
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey.raw]), format: 'der', type: 'spki' })
    keys.set(id, key)
  }
  return verify(null, data, key, signature)
}
