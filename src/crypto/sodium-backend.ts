import sodium from 'libsodium-wrappers-sumo'
import { InvalidElementError } from './errors.ts'
import type { GroupBackend } from './group.ts'

await sodium.ready

const ZERO32 = new Uint8Array(32)

function checkedElement(bytes: Uint8Array): Uint8Array {
  // is_valid_point accepts the identity; RFC 9497 section 2.1 requires refusing it.
  if (bytes.length !== 32 || sodium.memcmp(bytes, ZERO32) || !sodium.crypto_core_ristretto255_is_valid_point(bytes)) {
    throw new InvalidElementError('not a canonical, non-identity ristretto255 element')
  }
  return bytes
}

/**
 * The fast backend: libsodium compiled to WebAssembly (libsodium-wrappers-sumo). About nine times
 * faster than noble per scalar multiplication here. Its from_hash is the RFC 9496 one-way map.
 */
export const sodiumBackend: GroupBackend = {
  name: 'sodium',
  elementFromUniform: (uniform64) => sodium.crypto_core_ristretto255_from_hash(uniform64),
  scalarMult: (scalar, bytes) => sodium.crypto_scalarmult_ristretto255(scalar, checkedElement(bytes)),
  scalarMultBase: (scalar) => sodium.crypto_scalarmult_ristretto255_base(scalar),
  scalarReduce64: (bytes64) => sodium.crypto_core_ristretto255_scalar_reduce(bytes64),
  scalarInvert: (scalar) => sodium.crypto_core_ristretto255_scalar_invert(scalar),
  scalarMul: (a, b) => sodium.crypto_core_ristretto255_scalar_mul(a, b),
  isZeroScalar: (scalar) => sodium.is_zero(scalar),
}
