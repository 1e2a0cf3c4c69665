import { assertBytes } from './bytes.ts'
import { POINT_BYTES } from './dh-suite.ts'
import type { PackedInputs } from './packed.ts'
import { XmdSha512 } from './xmd.ts'

/** RFC 9380 section 5.2 for p = 2^255 - 19: L = ceil((ceil(log2(p)) + k) / 8) = 48 with k = 128. */
const L = 48
const P = 2n ** 255n - 19n
const LOW_255 = 2n ** 255n - 1n
const MASK64 = 2n ** 64n - 1n

/**
 * The element-to-point map of DESIGN section 5, "hash to a u-coordinate" (as SecretFlow's ECDH-PSI
 * does): RFC 9380 section 5.2 hash_to_field with m = 1, count = 1 over expand_message_xmd SHA-512
 * (section 5.3.1), then RFC 7748 section 5 encodeUCoordinate. It does NOT run Elligator 2
 * (RFC 9380 section 6.7.1): about half of all u are on the quadratic twist. X25519 is as hard
 * there: Curve25519 is twist-secure (Bernstein 2006; SafeCurves), its twist has order 4 times a
 * 253-bit prime, and the clamped scalar (RFC 7748 section 5) is a multiple of 8, so every raised
 * value lies in a prime-order subgroup of the curve or of its twist.
 */
export function hashToU(element: Uint8Array, dst: Uint8Array): Uint8Array {
  const out = new Uint8Array(POINT_BYTES)
  writeU(element, new XmdSha512(dst, L), out, 0)
  return out
}

/** hashToU over a batch, packed into `out` (n * 32 bytes, allocated when not given) in input order. */
export function hashToUBatch(
  elements: readonly Uint8Array[],
  dst: Uint8Array,
  out = new Uint8Array(elements.length * POINT_BYTES),
): Uint8Array {
  assertBytes(out, 'out', elements.length * POINT_BYTES)
  const xmd = new XmdSha512(dst, L)
  for (let i = 0; i < elements.length; i++) writeU(elements[i] as Uint8Array, xmd, out, i * POINT_BYTES)
  return out
}

/** hashToUBatch over packed elements (worker threads): no object per element is made. */
export function hashToUPacked(packed: PackedInputs, dst: Uint8Array): Uint8Array {
  const n = packed.offsets.length - 1
  const out = new Uint8Array(n * POINT_BYTES)
  const xmd = new XmdSha512(dst, L)
  for (let i = 0; i < n; i++) {
    writeU(packed.data.subarray(packed.offsets[i] as number, packed.offsets[i + 1] as number), xmd, out, i * POINT_BYTES)
  }
  return out
}

function writeU(element: Uint8Array, xmd: XmdSha512, out: Uint8Array, offset: number): void {
  assertBytes(element, 'element')
  const uniform = xmd.expand(element)
  const be = new DataView(uniform.buffer, uniform.byteOffset, L)
  // OS2IP (RFC 8017 section 4.2): 48 bytes big-endian, read as six 64-bit words.
  let x = 0n
  for (let i = 0; i < L; i += 8) x = (x << 64n) | be.getBigUint64(i)
  // mod p with 2^255 = 19 (mod p): x < 2^384, so the fold is below 2p and one subtraction ends it.
  let u = (x & LOW_255) + 19n * (x >> 255n)
  if (u >= P) u -= P
  const le = new DataView(out.buffer, out.byteOffset + offset, POINT_BYTES)
  for (let i = 0; i < POINT_BYTES; i += 8, u >>= 64n) le.setBigUint64(i, u & MASK64, true)
}
