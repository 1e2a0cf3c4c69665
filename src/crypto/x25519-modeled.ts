import { assertPoints, assertScalar, POINT_BYTES } from './dh-suite.ts'
import type { X25519Backend } from './x25519-backend.ts'

/** The prime order of the curve25519 subgroup, l = 2^252 + 27742317777372353535851937790883648493 (RFC 7748 section 4.1). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n
const MASK64 = 2n ** 64n - 1n
const LOW_255 = 2n ** 255n - 1n
const P = 2n ** 255n - 19n

function readLe(bytes: Uint8Array, offset: number): bigint {
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, POINT_BYTES)
  return (
    v.getBigUint64(0, true) | (v.getBigUint64(8, true) << 64n) | (v.getBigUint64(16, true) << 128n) | (v.getBigUint64(24, true) << 192n)
  )
}

function writeLe(n: bigint, out: Uint8Array, offset: number): void {
  const v = new DataView(out.buffer, out.byteOffset + offset, POINT_BYTES)
  for (let i = 0; i < POINT_BYTES; i += 8, n >>= 64n) v.setBigUint64(i, n & MASK64, true)
}

/** RFC 7748 section 5 decodeScalar25519 clamping, as an integer. */
function clamped(scalar: Uint8Array): bigint {
  const k = new Uint8Array(scalar) // a copy even when given a Buffer (whose slice is a view)
  k[0] = (k[0] as number) & 248
  k[31] = ((k[31] as number) & 127) | 64
  const n = readLe(k, 0)
  k.fill(0)
  return n
}

/** RFC 7748 section 5 decodeUCoordinate: the top bit masked, then reduced modulo p. */
function uCoordinate(points: Uint8Array, offset: number): bigint {
  const u = readLe(points, offset) & LOW_255
  return u >= P ? u - P : u
}

/**
 * MODELED X25519 for simulations, NOT SECURE: raise(k, u) = (u mod l) * (clamp(k) mod l) mod l as
 * 32 bytes little-endian. It commutes like X25519, has the same sizes and costs a bigint multiply,
 * but anyone can divide a scalar out. u = 0 and u = 1 stand for the small-order inputs and give 32
 * zero bytes, as on the real backends. Only the simulator uses it, and labels its results modeled.
 */
export const modeledX25519: X25519Backend = {
  name: 'modeled',
  raise(scalar, points) {
    assertScalar(scalar)
    assertPoints(points)
    const k = clamped(scalar) % L
    const out = new Uint8Array(points.length)
    for (let offset = 0; offset < points.length; offset += POINT_BYTES) {
      const u = uCoordinate(points, offset)
      if (u > 1n) writeLe(((u % L) * k) % L, out, offset)
    }
    return out
  },
}
