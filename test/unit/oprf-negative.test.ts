import { strict as assert } from 'node:assert'
import { concat, fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts'
import type { GroupBackend } from '../../src/crypto/group.ts'
import { nobleBackend } from '../../src/crypto/noble-backend.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { sodiumBackend } from '../../src/crypto/sodium-backend.ts'

const BACKENDS: readonly GroupBackend[] = [nobleBackend, sodiumBackend]
// RFC 9497 Appendix A.1.1: Seed, KeyInfo and Blind of the OPRF-mode vectors.
const SEED = fromHex('a3'.repeat(32))
const KEY_INFO = utf8('test key')
const BLIND = fromHex('64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706')
// The group order L (RFC 9496 section 4.1), little-endian: the smallest non-canonical scalar.
const ORDER_LE = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
const IDENTITY = new Uint8Array(32)

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7))
  return out
}

/** Runs `f`; returns its output as hex, or 'InvalidElementError' when it refused the element that way. */
function outputOrInvalid(f: () => Uint8Array): string {
  try {
    return toHex(f())
  } catch (err) {
    if ((err as Error).name === 'InvalidElementError') return 'InvalidElementError'
    throw err
  }
}

for (const backend of BACKENDS) {
  describe(`OPRF negative cases, ${backend.name} backend`, () => {
    const oprf = new Oprf(backend)
    const { secretKey } = oprf.deriveKeyPair(SEED, KEY_INFO)
    const otherKey = oprf.deriveKeyPair(SEED, utf8('another key')).secretKey
    const input = utf8('indicator:ipv4:192.0.2.1')
    const { blinded } = oprf.blind(input, BLIND)
    const evaluated = oprf.blindEvaluate(secretKey, blinded)
    const output = oprf.finalize(input, BLIND, evaluated)

    describe('wrong key or wrong data gives a different output', () => {
      it('evaluate and a full round with another key give a different output', () => {
        assert.notEqual(toHex(oprf.evaluate(otherKey, input)), toHex(output))
        const wrongRound = oprf.finalize(input, BLIND, oprf.blindEvaluate(otherKey, blinded))
        assert.notEqual(toHex(wrongRound), toHex(output))
        assert.equal(toHex(wrongRound), toHex(oprf.evaluate(otherKey, input)))
      })

      it('finalize with another input or another blind gives a different output', () => {
        assert.notEqual(toHex(oprf.finalize(utf8('indicator:ipv4:192.0.2.2'), BLIND, evaluated)), toHex(output))
        assert.notEqual(toHex(oprf.finalize(input, oprf.randomScalar(), evaluated)), toHex(output))
      })

      it('a blinded element with any one of its 256 bits flipped is refused or changes the output', () => {
        let refused = 0
        for (let bit = 0; bit < 256; bit++) {
          const result = outputOrInvalid(() => oprf.finalize(input, BLIND, oprf.blindEvaluate(secretKey, flipBit(blinded, bit))))
          assert.notEqual(result, toHex(output), `bit ${bit}`)
          if (result === 'InvalidElementError') refused++
        }
        // Most flips leave no valid encoding; a few land on another element. Both must occur.
        assert.ok(refused > 0 && refused < 256, `${refused} of 256 refused`)
      })

      it('an evaluated element with any one of its 256 bits flipped is refused or changes the output', () => {
        let refused = 0
        for (let bit = 0; bit < 256; bit++) {
          const result = outputOrInvalid(() => oprf.finalize(input, BLIND, flipBit(evaluated, bit)))
          assert.notEqual(result, toHex(output), `bit ${bit}`)
          if (result === 'InvalidElementError') refused++
        }
        assert.ok(refused > 0 && refused < 256, `${refused} of 256 refused`)
      })
    })

    describe('the identity and non-canonical encodings are refused with InvalidElementError', () => {
      it('blindEvaluate refuses the identity (32 zero bytes)', () => {
        assert.throws(() => oprf.blindEvaluate(secretKey, IDENTITY), { name: 'InvalidElementError' })
        assert.throws(() => oprf.blindEvaluateBatch(secretKey, concat(blinded, IDENTITY)), { name: 'InvalidElementError' })
      })

      it('finalize refuses the identity (32 zero bytes)', () => {
        assert.throws(() => oprf.finalize(input, BLIND, IDENTITY), { name: 'InvalidElementError' })
        assert.throws(() => oprf.finalizeBatch([input, input], concat(BLIND, BLIND), concat(evaluated, IDENTITY)), {
          name: 'InvalidElementError',
        })
      })

      it('non-canonical encodings (all ones, s = p, a negative s = 1) are refused', () => {
        const p = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')
        const negative = fromHex(`01${'00'.repeat(31)}`)
        for (const bad of [new Uint8Array(32).fill(0xff), p, negative]) {
          assert.throws(() => oprf.blindEvaluate(secretKey, bad), { name: 'InvalidElementError' }, toHex(bad))
          assert.throws(() => oprf.finalize(input, BLIND, bad), { name: 'InvalidElementError' }, toHex(bad))
        }
      })
    })

    describe('wrong lengths and types throw RangeError/TypeError naming the argument', () => {
      for (const length of [31, 33]) {
        it(`a ${length}-byte element`, () => {
          const element = new Uint8Array(length).fill(1)
          assert.throws(() => oprf.blindEvaluate(secretKey, element), { name: 'RangeError', message: /^blindedElement must be 32 bytes/ })
          assert.throws(() => oprf.finalize(input, BLIND, element), { name: 'RangeError', message: /^evaluatedElement must be 32 bytes/ })
          assert.throws(() => oprf.blindEvaluateBatch(secretKey, element), { name: 'RangeError', message: /^blinded elements: length/ })
          assert.throws(() => oprf.finalizeBatch([input], BLIND, element), RangeError)
        })
      }

      it('a 31-byte blind', () => {
        const blind = BLIND.subarray(0, 31)
        assert.throws(() => oprf.blind(input, blind), { name: 'RangeError', message: /^blind must be 32 bytes/ })
        assert.throws(() => oprf.finalize(input, blind, evaluated), { name: 'RangeError', message: /^blind must be 32 bytes/ })
        assert.throws(() => oprf.finalizeBatch([input], blind, evaluated), { name: 'RangeError', message: /^blinds: length/ })
      })

      it('a 31-byte key', () => {
        const key = secretKey.subarray(0, 31)
        assert.throws(() => oprf.blindEvaluate(key, blinded), { name: 'RangeError', message: /^secretKey must be 32 bytes/ })
        assert.throws(() => oprf.evaluate(key, input), { name: 'RangeError', message: /^secretKey must be 32 bytes/ })
        assert.throws(() => oprf.blindEvaluateBatch(key, blinded), { name: 'RangeError', message: /^secretKey must be 32 bytes/ })
        assert.throws(() => oprf.evaluateBatch(key, [input]), { name: 'RangeError', message: /^secretKey must be 32 bytes/ })
      })

      it('a 31- or 33-byte seed', () => {
        assert.throws(() => oprf.deriveKeyPair(new Uint8Array(33), KEY_INFO), {
          name: 'RangeError',
          message: /^seed must be 32 bytes, got 33/,
        })
        assert.throws(() => oprf.deriveKeyPair(new Uint8Array(31), KEY_INFO), {
          name: 'RangeError',
          message: /^seed must be 32 bytes, got 31/,
        })
      })

      it('arguments that are not Uint8Array', () => {
        const text = 'indicator' as unknown as Uint8Array
        const array = Array.from(secretKey) as unknown as Uint8Array
        assert.throws(() => oprf.blind(text), { name: 'TypeError', message: /^input must be a Uint8Array/ })
        assert.throws(() => oprf.evaluate(secretKey, text), { name: 'TypeError', message: /^input must be a Uint8Array/ })
        assert.throws(() => oprf.evaluate(array, input), { name: 'TypeError', message: /^secretKey must be a Uint8Array/ })
        assert.throws(() => oprf.deriveKeyPair(SEED, text), { name: 'TypeError', message: /^info must be a Uint8Array/ })
        assert.throws(() => oprf.finalizeBatch([text], BLIND, evaluated), { name: 'TypeError', message: /^input must be a Uint8Array/ })
      })

      it('non-canonical scalars (the group order L, 32 bytes of 0xff) as key or blind', () => {
        for (const scalar of [ORDER_LE, new Uint8Array(32).fill(0xff)]) {
          const notReduced = { name: 'RangeError', message: /not reduced modulo the group order/ }
          assert.throws(() => oprf.blindEvaluate(scalar, blinded), notReduced)
          assert.throws(() => oprf.evaluate(scalar, input), notReduced)
          assert.throws(() => oprf.blind(input, scalar), notReduced)
          assert.throws(() => oprf.finalize(input, scalar, evaluated), notReduced)
          assert.throws(() => oprf.finalizeBatch([input, input], concat(BLIND, scalar), concat(evaluated, evaluated)), notReduced)
        }
      })

      it('the zero scalar as key or blind', () => {
        const zero = new Uint8Array(32)
        assert.throws(() => oprf.blindEvaluate(zero, blinded))
        assert.throws(() => oprf.evaluate(zero, input))
        assert.throws(() => oprf.blind(input, zero))
        assert.throws(() => oprf.finalize(input, zero, evaluated))
      })
    })

    describe('input length limit (RFC 9497 section 3.3: inputs up to 2^16 - 1 bytes)', () => {
      const longest = new Uint8Array(65535).fill(0x61)
      const tooLong = new Uint8Array(65536).fill(0x61)
      const overLimit = { name: 'RangeError', message: /input longer than 65535 bytes/ }

      it('accepts 65535 bytes, and the round still matches evaluate', () => {
        const b = oprf.blind(longest)
        assert.equal(
          toHex(oprf.finalize(longest, b.blind, oprf.blindEvaluate(secretKey, b.blinded))),
          toHex(oprf.evaluate(secretKey, longest)),
        )
      })

      it('refuses 65536 bytes in blind, finalize, evaluate and their batch forms', () => {
        assert.throws(() => oprf.blind(tooLong), overLimit)
        assert.throws(() => oprf.finalize(tooLong, BLIND, evaluated), overLimit)
        assert.throws(() => oprf.evaluate(secretKey, tooLong), overLimit)
        assert.throws(() => oprf.blindBatch([input, tooLong]), overLimit)
        assert.throws(() => oprf.evaluateBatch(secretKey, [input, tooLong]), overLimit)
        assert.throws(() => oprf.finalizeBatch([input, tooLong], concat(BLIND, BLIND), concat(evaluated, evaluated)), overLimit)
      })
    })

    describe('finalizeBatch with mismatched counts', () => {
      const mismatch = { name: 'RangeError', message: /^finalizeBatch: inputs, blinds and evaluated elements differ in number/ }

      it('more inputs than blinds and evaluated elements', () => {
        assert.throws(() => oprf.finalizeBatch([input, input], BLIND, evaluated), mismatch)
      })

      it('fewer blinds than inputs and evaluated elements', () => {
        assert.throws(() => oprf.finalizeBatch([input, input], BLIND, concat(evaluated, evaluated)), mismatch)
      })

      it('more evaluated elements than inputs and blinds', () => {
        assert.throws(() => oprf.finalizeBatch([input], BLIND, concat(evaluated, evaluated)), mismatch)
      })

      it('no inputs but one blind and one element', () => {
        assert.throws(() => oprf.finalizeBatch([], BLIND, evaluated), mismatch)
      })
    })
  })
}
