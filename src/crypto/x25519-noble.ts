import { x25519 } from '@noble/curves/ed25519.js'
import { raiseEach } from './dh-suite.ts'
import type { X25519Backend } from './x25519-backend.ts'

/** The pure-JS reference backend (@noble/curves), for cross-checking: about ten times slower. */
export const nobleX25519: X25519Backend = {
  name: 'noble',
  // RFC 7748 section 5 (noble clamps the scalar and masks the top bit of u).
  raise: (scalar, points) => raiseEach(scalar, points, (point) => x25519.scalarMult(scalar, point)),
}
