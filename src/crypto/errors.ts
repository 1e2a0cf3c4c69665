/** An element that is not a valid, non-identity ristretto255 encoding (RFC 9497 section 2.1 DeserializeElement). */
export class InvalidElementError extends Error {
  override name = 'InvalidElementError'
}

/** RFC 9497 section 3.2.1: no non-zero key could be derived. */
export class DeriveKeyPairError extends Error {
  override name = 'DeriveKeyPairError'
}

/** A VOPRF proof that does not verify (RFC 9497 section 2.2.2). */
export class VerifyError extends Error {
  override name = 'VerifyError'
}

/** A digest (filter) that is malformed or over the accepted size. */
export class InvalidDigestError extends Error {
  override name = 'InvalidDigestError'
}
