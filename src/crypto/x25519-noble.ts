import { x25519 } from '@noble/curves/ed25519.js'
import { assertPoints, assertScalar, POINT_BYTES } from './dh-suite.ts'
import type { X25519Backend } from './x25519-backend.ts'

/** The pure-JS reference backend (@noble/curves), for cross-checking: about ten times slower. */
export const nobleX25519: X25519Backend = {
  name: 'noble',
  // RFC 7748 section 5 (noble clamps the scalar and masks the top bit of u).
  raise(scalar, points) {
    assertScalar(scalar)
    assertPoints(points)
    const out = new Uint8Array(points.length)
    for (let offset = 0; offset < points.length; offset += POINT_BYTES) {
      try {
        out.set(x25519.scalarMult(scalar, points.subarray(offset, offset + POINT_BYTES)), offset)
      } catch {
        // noble refuses an all-zero result (small-order u): leave 32 zero bytes.
      }
    }
    return out
  },
}
