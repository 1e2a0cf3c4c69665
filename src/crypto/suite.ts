import { concat, utf8 } from './bytes.ts'

/** RFC 9497 section 3.1 modes. */
export const MODE_OPRF = 0x00
export const MODE_VOPRF = 0x01
export type OprfMode = typeof MODE_OPRF | typeof MODE_VOPRF

/** RFC 9497 section 4.1: ristretto255-SHA512. Elements and scalars are 32 bytes, outputs 64. */
export const SUITE_ID = 'ristretto255-SHA512'
export const ELEMENT_BYTES = 32
export const SCALAR_BYTES = 32
export const OUTPUT_BYTES = 64

/** RFC 9497 section 3.1: contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier. */
export function contextString(mode: OprfMode): Uint8Array {
  return concat(utf8('OPRFV1-'), Uint8Array.of(mode), utf8(`-${SUITE_ID}`))
}

export function hashToGroupDst(mode: OprfMode): Uint8Array {
  return concat(utf8('HashToGroup-'), contextString(mode))
}

export function hashToScalarDst(mode: OprfMode): Uint8Array {
  return concat(utf8('HashToScalar-'), contextString(mode))
}

export function deriveKeyPairDst(mode: OprfMode): Uint8Array {
  return concat(utf8('DeriveKeyPair'), contextString(mode))
}
