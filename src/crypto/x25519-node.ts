import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto'
import { assertScalar, POINT_BYTES, raiseEach } from './dh-suite.ts'
import type { X25519Backend } from './x25519-backend.ts'

/** RFC 8410 PKCS#8 prefix of an X25519 private key (OID 1.3.101.110) before its 32 raw bytes. */
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

// A private JWK needs its public `x` too (one more multiplication), so the private key is built
// once per batch from PKCS#8 DER; per point, a public JWK costs 38.5 us per X25519 against 118
// for a DER public key.
function privateKey(scalar: Uint8Array): KeyObject {
  const der = Buffer.concat([PKCS8_X25519_PREFIX, scalar])
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } finally {
    der.fill(0)
  }
}

/** The fallback backend: OpenSSL's X25519 through node:crypto (about 38 us per X25519 here). */
export const nodeX25519: X25519Backend = {
  name: 'node',
  // RFC 7748 section 5 (OpenSSL clamps the scalar and masks the top bit of u).
  raise(scalar, points) {
    assertScalar(scalar)
    const key = privateKey(scalar)
    return raiseEach(scalar, points, (point) => {
      const x = Buffer.from(point.buffer, point.byteOffset, POINT_BYTES).toString('base64url')
      return diffieHellman({ privateKey: key, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' }) })
    })
  },
}
