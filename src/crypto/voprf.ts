import type { RNG } from '@noble/curves/abstract/oprf.js'
import { ristretto255_oprf } from '@noble/curves/ed25519.js'
import { VerifyError } from './errors.ts'

const api = ristretto255_oprf.voprf

/**
 * RFC 9497 VOPRF mode (0x01) for ristretto255-SHA512: the server proves (DLEQ, section 2.2) that it
 * used the key behind its public key. Served by the noble reference only: PSI between members
 * uses OPRF mode, where the digest itself commits the server to one key per epoch.
 */
export const voprf = {
  deriveKeyPair: (seed: Uint8Array, info: Uint8Array) => api.deriveKeyPair(seed, info),
  blind: (input: Uint8Array) => api.blind(input),
  /** `rng` draws the proof's random scalar; only test vectors (RFC 9497 ProofRandomScalar) pass one. */
  blindEvaluateBatch: (secretKey: Uint8Array, publicKey: Uint8Array, blinded: Uint8Array[], rng?: RNG) =>
    api.blindEvaluateBatch(secretKey, publicKey, blinded, rng),
  /** Verifies the batch proof and unblinds; throws VerifyError when the proof does not hold. */
  finalizeBatch(
    items: { input: Uint8Array; blind: Uint8Array; evaluated: Uint8Array; blinded: Uint8Array }[],
    publicKey: Uint8Array,
    proof: Uint8Array,
  ): Uint8Array[] {
    try {
      return api.finalizeBatch(items, publicKey, proof)
    } catch (err) {
      throw new VerifyError(`VOPRF proof does not verify: ${(err as Error).message}`)
    }
  },
  // Present at run time, missing from noble's typings.
  evaluate: (secretKey: Uint8Array, input: Uint8Array): Uint8Array =>
    (api as unknown as { evaluate(sk: Uint8Array, input: Uint8Array): Uint8Array }).evaluate(secretKey, input),
}
