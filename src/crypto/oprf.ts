import { createHash, randomBytes } from 'node:crypto'
import { assertBytes, concat, i2osp, lengthPrefixed, utf8 } from './bytes.ts'
import { DeriveKeyPairError } from './errors.ts'
import type { GroupBackend } from './group.ts'
import {
  deriveKeyPairDst,
  ELEMENT_BYTES,
  hashToGroupDst,
  hashToScalarDst,
  MODE_OPRF,
  type OprfMode,
  OUTPUT_BYTES,
  SCALAR_BYTES,
} from './suite.ts'
import { expandMessageXmd } from './xmd.ts'

const FINALIZE = utf8('Finalize')
const EMPTY = new Uint8Array(0)
const MAX_INPUT = 65535

export interface KeyPair {
  secretKey: Uint8Array
  publicKey: Uint8Array
}

/** Packed batches: element i is bytes [32 i, 32 i + 32) (scalars and elements) or [64 i, 64 i + 64) (outputs). */
export interface BlindBatch {
  blinds: Uint8Array
  blinded: Uint8Array
}

function checkInput(input: Uint8Array): void {
  assertBytes(input, 'input')
  if (input.length > MAX_INPUT) throw new RangeError(`input longer than ${MAX_INPUT} bytes`)
}

function slot(packed: Uint8Array, i: number, size: number): Uint8Array {
  return packed.subarray(i * size, (i + 1) * size)
}

/**
 * RFC 9497 OPRF, suite ristretto255-SHA512, over a group backend. Mode OPRF (0x00) by default;
 * the same functions serve VOPRF's unblinded parts with mode 0x01. Secrets (blinds, keys) are
 * the caller's to keep and zero.
 */
export class Oprf {
  readonly backend: GroupBackend
  readonly mode: OprfMode
  readonly #h2g: Uint8Array
  readonly #h2s: Uint8Array

  constructor(backend: GroupBackend, mode: OprfMode = MODE_OPRF) {
    this.backend = backend
    this.mode = mode
    this.#h2g = hashToGroupDst(mode)
    this.#h2s = hashToScalarDst(mode)
  }

  /** RFC 9497 section 4.1: HashToGroup = hash_to_ristretto255 (RFC 9380) with DST "HashToGroup-" || contextString. */
  hashToGroup(input: Uint8Array): Uint8Array {
    return this.backend.elementFromUniform(expandMessageXmd(input, this.#h2g, 64))
  }

  /** RFC 9497 section 4.1: HashToScalar = hash_to_field(SHA-512) mod L with DST "HashToScalar-" || contextString by default. */
  hashToScalar(msg: Uint8Array, dst: Uint8Array = this.#h2s): Uint8Array {
    return this.backend.scalarReduce64(expandMessageXmd(msg, dst, 64))
  }

  /** RFC 9497 section 3.2.1 DeriveKeyPair(seed, info). */
  deriveKeyPair(seed: Uint8Array, info: Uint8Array): KeyPair {
    assertBytes(seed, 'seed', 32)
    assertBytes(info, 'info')
    const deriveInput = concat(seed, lengthPrefixed(info))
    const dst = deriveKeyPairDst(this.mode)
    for (let counter = 0; counter < 256; counter++) {
      const secretKey = this.hashToScalar(concat(deriveInput, i2osp(counter, 1)), dst)
      if (!this.backend.isZeroScalar(secretKey)) return { secretKey, publicKey: this.backend.scalarMultBase(secretKey) }
    }
    throw new DeriveKeyPairError('DeriveKeyPair found no non-zero scalar')
  }

  /** A uniformly random non-zero scalar: 64 random bytes reduced (RFC 9497 section 4.7 RandomScalar). */
  randomScalar(): Uint8Array {
    for (;;) {
      const s = this.backend.scalarReduce64(randomBytes(64))
      if (!this.backend.isZeroScalar(s)) return s
    }
  }

  /** RFC 9497 section 3.3.1 Blind. `blind` is for test vectors; normally random. */
  blind(input: Uint8Array, blind: Uint8Array = this.randomScalar()): { blind: Uint8Array; blinded: Uint8Array } {
    checkInput(input)
    assertBytes(blind, 'blind', SCALAR_BYTES)
    return { blind, blinded: this.backend.scalarMult(blind, this.hashToGroup(input)) }
  }

  /** RFC 9497 section 3.3.1 BlindEvaluate: the server's step. Refuses identity and malformed elements. */
  blindEvaluate(secretKey: Uint8Array, blinded: Uint8Array): Uint8Array {
    assertBytes(secretKey, 'secretKey', SCALAR_BYTES)
    assertBytes(blinded, 'blindedElement', ELEMENT_BYTES)
    return this.backend.scalarMult(secretKey, blinded)
  }

  /** RFC 9497 section 3.3.1 Finalize: Hash(len(input) || input || len(unblinded) || unblinded || "Finalize"). */
  finalize(input: Uint8Array, blind: Uint8Array, evaluated: Uint8Array): Uint8Array {
    checkInput(input)
    assertBytes(blind, 'blind', SCALAR_BYTES)
    assertBytes(evaluated, 'evaluatedElement', ELEMENT_BYTES)
    return finalizeHash(input, this.backend.scalarMult(this.backend.scalarInvert(blind), evaluated))
  }

  /** RFC 9497 section 3.3.1 Evaluate: the server computes its own PRF output without blinding. */
  evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array {
    checkInput(input)
    assertBytes(secretKey, 'secretKey', SCALAR_BYTES)
    return finalizeHash(input, this.backend.scalarMult(secretKey, this.hashToGroup(input)))
  }

  blindBatch(inputs: readonly Uint8Array[]): BlindBatch {
    const blinds = new Uint8Array(inputs.length * SCALAR_BYTES)
    const blinded = new Uint8Array(inputs.length * ELEMENT_BYTES)
    inputs.forEach((input, i) => {
      const r = this.blind(input)
      blinds.set(r.blind, i * SCALAR_BYTES)
      blinded.set(r.blinded, i * ELEMENT_BYTES)
    })
    return { blinds, blinded }
  }

  blindEvaluateBatch(secretKey: Uint8Array, blinded: Uint8Array): Uint8Array {
    const n = packedCount(blinded, ELEMENT_BYTES, 'blinded elements')
    const out = new Uint8Array(n * ELEMENT_BYTES)
    for (let i = 0; i < n; i++) out.set(this.blindEvaluate(secretKey, slot(blinded, i, ELEMENT_BYTES)), i * ELEMENT_BYTES)
    return out
  }

  /** Finalize for a batch, with one scalar inversion for all blinds (Montgomery's trick). */
  finalizeBatch(inputs: readonly Uint8Array[], blinds: Uint8Array, evaluated: Uint8Array): Uint8Array {
    const n = inputs.length
    if (packedCount(blinds, SCALAR_BYTES, 'blinds') !== n || packedCount(evaluated, ELEMENT_BYTES, 'evaluated elements') !== n) {
      throw new RangeError('finalizeBatch: inputs, blinds and evaluated elements differ in number')
    }
    const inverses = this.#batchInvert(blinds, n)
    const out = new Uint8Array(n * OUTPUT_BYTES)
    for (let i = 0; i < n; i++) {
      const input = inputs[i] as Uint8Array
      checkInput(input)
      const unblinded = this.backend.scalarMult(slot(inverses, i, SCALAR_BYTES), slot(evaluated, i, ELEMENT_BYTES))
      out.set(finalizeHash(input, unblinded), i * OUTPUT_BYTES)
    }
    inverses.fill(0)
    return out
  }

  evaluateBatch(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Uint8Array {
    const out = new Uint8Array(inputs.length * OUTPUT_BYTES)
    inputs.forEach((input, i) => {
      out.set(this.evaluate(secretKey, input), i * OUTPUT_BYTES)
    })
    return out
  }

  /**
   * Cardinality mode (DESIGN section 5): outputs bound to the element only, Finalize with an empty
   * input, because a shuffled answer cannot be tied back to its input. Not an RFC 9497 output.
   */
  evaluateUnboundBatch(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Uint8Array {
    assertBytes(secretKey, 'secretKey', SCALAR_BYTES)
    const out = new Uint8Array(inputs.length * OUTPUT_BYTES)
    inputs.forEach((input, i) => {
      checkInput(input)
      out.set(finalizeHash(EMPTY, this.backend.scalarMult(secretKey, this.hashToGroup(input))), i * OUTPUT_BYTES)
    })
    return out
  }

  /** Cardinality mode: every element blinded with one scalar, as in classic DH-PSI. */
  blindSharedBatch(inputs: readonly Uint8Array[], blind: Uint8Array): Uint8Array {
    assertBytes(blind, 'blind', SCALAR_BYTES)
    const out = new Uint8Array(inputs.length * ELEMENT_BYTES)
    inputs.forEach((input, i) => {
      checkInput(input)
      out.set(this.backend.scalarMult(blind, this.hashToGroup(input)), i * ELEMENT_BYTES)
    })
    return out
  }

  /** Cardinality mode: removes the shared blind from (shuffled) evaluated elements; unbound outputs. */
  unblindSharedBatch(evaluated: Uint8Array, blind: Uint8Array): Uint8Array {
    assertBytes(blind, 'blind', SCALAR_BYTES)
    const n = packedCount(evaluated, ELEMENT_BYTES, 'evaluated elements')
    const inverse = this.backend.scalarInvert(blind)
    const out = new Uint8Array(n * OUTPUT_BYTES)
    for (let i = 0; i < n; i++) {
      out.set(finalizeHash(EMPTY, this.backend.scalarMult(inverse, slot(evaluated, i, ELEMENT_BYTES))), i * OUTPUT_BYTES)
    }
    inverse.fill(0)
    return out
  }

  #batchInvert(scalars: Uint8Array, n: number): Uint8Array {
    const b = this.backend
    const out = new Uint8Array(n * SCALAR_BYTES)
    if (n === 0) return out
    // prefix[i] = s0 * ... * si; one inversion of the whole product, then walk back.
    const prefix = new Uint8Array(n * SCALAR_BYTES)
    prefix.set(slot(scalars, 0, SCALAR_BYTES), 0)
    for (let i = 1; i < n; i++) prefix.set(b.scalarMul(slot(prefix, i - 1, SCALAR_BYTES), slot(scalars, i, SCALAR_BYTES)), i * SCALAR_BYTES)
    let acc = b.scalarInvert(slot(prefix, n - 1, SCALAR_BYTES))
    for (let i = n - 1; i > 0; i--) {
      out.set(b.scalarMul(acc, slot(prefix, i - 1, SCALAR_BYTES)), i * SCALAR_BYTES)
      acc = b.scalarMul(acc, slot(scalars, i, SCALAR_BYTES))
    }
    out.set(acc, 0)
    prefix.fill(0)
    return out
  }
}

function packedCount(packed: Uint8Array, size: number, name: string): number {
  assertBytes(packed, name)
  if (packed.length % size !== 0) throw new RangeError(`${name}: length ${packed.length} is not a multiple of ${size}`)
  return packed.length / size
}

function finalizeHash(input: Uint8Array, unblinded: Uint8Array): Uint8Array {
  const hash = createHash('sha512')
    .update(i2osp(input.length, 2))
    .update(input)
    .update(i2osp(unblinded.length, 2))
    .update(unblinded)
    .update(FINALIZE)
  return new Uint8Array(hash.digest())
}
