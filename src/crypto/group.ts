/**
 * The ristretto255 group operations the OPRF needs, behind one small interface with two
 * backends (noble, the reference; libsodium compiled to WASM, the fast one). Elements and
 * scalars are 32-byte canonical encodings (RFC 9496); the backends must agree bit for bit.
 */
export interface GroupBackend {
  readonly name: string
  /** RFC 9380 hash_to_ristretto255 with expand_message_xmd(SHA-512): 64 uniform bytes -> element. */
  elementFromUniform(uniform64: Uint8Array): Uint8Array
  /** scalar * element; throws InvalidElementError for a non-canonical or identity element. */
  scalarMult(scalar: Uint8Array, element: Uint8Array): Uint8Array
  scalarMultBase(scalar: Uint8Array): Uint8Array
  /** A 64-byte string reduced modulo the group order (RFC 9380 hash_to_field for the scalar field). */
  scalarReduce64(bytes64: Uint8Array): Uint8Array
  scalarInvert(scalar: Uint8Array): Uint8Array
  scalarMul(a: Uint8Array, b: Uint8Array): Uint8Array
  isZeroScalar(scalar: Uint8Array): boolean
}
