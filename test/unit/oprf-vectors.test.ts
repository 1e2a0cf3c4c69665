import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import type { RNG } from '@noble/curves/abstract/oprf.js'
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js'
import { concat, fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts'
import type { GroupBackend } from '../../src/crypto/group.ts'
import { nobleBackend } from '../../src/crypto/noble-backend.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { sodiumBackend } from '../../src/crypto/sodium-backend.ts'
import { MODE_OPRF, MODE_VOPRF } from '../../src/crypto/suite.ts'
import { voprf } from '../../src/crypto/voprf.ts'
import { expandMessageXmd } from '../../src/crypto/xmd.ts'

/** RFC 9497 Appendix A.1 test vector, hex strings as in the RFC. */
interface Vector {
  name: string
  batchSize: number
  Input: string[]
  Blind: string[]
  BlindedElement: string[]
  EvaluationElement: string[]
  Output: string[]
  Proof?: string
  ProofRandomScalar?: string
}

interface ModeVectors {
  id: number
  common: { Seed: string; KeyInfo: string; skSm: string; pkSm?: string }
  vectors: Vector[]
}

const rfc9497: { modes: { OPRF: ModeVectors; VOPRF: ModeVectors } } = JSON.parse(
  readFileSync(new URL('../vectors/rfc9497-ristretto255-sha512.json', import.meta.url), 'utf8'),
)

const MODES = { OPRF: MODE_OPRF, VOPRF: MODE_VOPRF } as const
const BACKENDS: readonly GroupBackend[] = [nobleBackend, sodiumBackend]

const packed = (hexes: readonly string[]): Uint8Array => concat(...hexes.map(fromHex))
const inputsOf = (v: Vector): Uint8Array[] => v.Input.map(fromHex)

/**
 * noble draws a random scalar as (LE(rng(48)) mod (n - 1)) + 1, so returning LE48(s - 1) forces s:
 * how the RFC's ProofRandomScalar is reproduced. One draw only; a second call fails the test.
 */
function forcedScalar(scalarHex: string): RNG {
  let used = false
  return (bytesLength) => {
    assert.equal(bytesLength, 48, 'noble asked for an unexpected number of random bytes')
    assert.ok(!used, 'noble drew more than one random scalar for one proof')
    used = true
    return numberToBytesLE(bytesToNumberLE(fromHex(scalarHex)) - 1n, 48)
  }
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7))
  return out
}

describe('RFC 9497 ristretto255-SHA512 test vectors (Appendix A.1)', () => {
  for (const backend of BACKENDS) {
    for (const modeName of ['OPRF', 'VOPRF'] as const) {
      describe(`${modeName} mode, ${backend.name} backend`, () => {
        const md = rfc9497.modes[modeName]
        const oprf = new Oprf(backend, MODES[modeName])
        const skSm = fromHex(md.common.skSm)

        it('the vector file names the same mode id', () => {
          assert.equal(md.id, MODES[modeName])
        })

        it(`DeriveKeyPair(Seed, KeyInfo) gives skSm${md.common.pkSm === undefined ? '' : ' and pkSm'}`, () => {
          const keys = oprf.deriveKeyPair(fromHex(md.common.Seed), fromHex(md.common.KeyInfo))
          assert.equal(toHex(keys.secretKey), md.common.skSm)
          if (md.common.pkSm !== undefined) assert.equal(toHex(keys.publicKey), md.common.pkSm)
        })

        for (const v of md.vectors) {
          it(`${v.name}: Blind, BlindEvaluate, Finalize and Evaluate for each of ${v.batchSize} element(s)`, () => {
            v.Input.forEach((inputHex, i) => {
              const input = fromHex(inputHex)
              const blind = fromHex(v.Blind[i] as string)
              const { blinded } = oprf.blind(input, blind)
              assert.equal(toHex(blinded), v.BlindedElement[i], `BlindedElement[${i}]`)
              const evaluated = oprf.blindEvaluate(skSm, blinded)
              assert.equal(toHex(evaluated), v.EvaluationElement[i], `EvaluationElement[${i}]`)
              assert.equal(toHex(oprf.finalize(input, blind, evaluated)), v.Output[i], `Output[${i}] from finalize`)
              assert.equal(toHex(oprf.evaluate(skSm, input)), v.Output[i], `Output[${i}] from evaluate`)
            })
          })

          it(`${v.name}: blindEvaluateBatch, finalizeBatch and evaluateBatch`, () => {
            const evaluated = oprf.blindEvaluateBatch(skSm, packed(v.BlindedElement))
            assert.equal(toHex(evaluated), v.EvaluationElement.join(''))
            assert.equal(toHex(oprf.finalizeBatch(inputsOf(v), packed(v.Blind), evaluated)), v.Output.join(''))
            assert.equal(toHex(oprf.evaluateBatch(skSm, inputsOf(v))), v.Output.join(''))
          })
        }

        it('every vector of the mode in one batch (several blinds through one batch inversion)', () => {
          const all = md.vectors
          const inputs = all.flatMap(inputsOf)
          const evaluated = oprf.blindEvaluateBatch(skSm, packed(all.flatMap((v) => v.BlindedElement)))
          assert.equal(toHex(evaluated), all.flatMap((v) => v.EvaluationElement).join(''))
          const outputs = all.flatMap((v) => v.Output).join('')
          assert.equal(toHex(oprf.finalizeBatch(inputs, packed(all.flatMap((v) => v.Blind)), evaluated)), outputs)
          assert.equal(toHex(oprf.evaluateBatch(skSm, inputs)), outputs)
        })
      })
    }
  }

  describe('VOPRF proofs (src/crypto/voprf.ts, noble)', () => {
    const md = rfc9497.modes.VOPRF
    const keys = voprf.deriveKeyPair(fromHex(md.common.Seed), fromHex(md.common.KeyInfo))

    it('deriveKeyPair gives skSm and pkSm', () => {
      assert.equal(toHex(keys.secretKey), md.common.skSm)
      assert.equal(toHex(keys.publicKey), md.common.pkSm)
    })

    for (const v of md.vectors) {
      const proofHex = v.Proof as string
      const items = () =>
        v.Input.map((input, i) => ({
          input: fromHex(input),
          blind: fromHex(v.Blind[i] as string),
          evaluated: fromHex(v.EvaluationElement[i] as string),
          blinded: fromHex(v.BlindedElement[i] as string),
        }))

      it(`${v.name} (batch of ${v.batchSize}): blindEvaluateBatch with ProofRandomScalar reproduces EvaluationElement and Proof`, () => {
        const r = voprf.blindEvaluateBatch(
          keys.secretKey,
          keys.publicKey,
          v.BlindedElement.map(fromHex),
          forcedScalar(v.ProofRandomScalar as string),
        )
        assert.deepEqual(r.evaluated.map(toHex), v.EvaluationElement)
        assert.equal(toHex(r.proof), proofHex)
      })

      it(`${v.name}: finalizeBatch verifies Proof and gives Output`, () => {
        const outputs = voprf.finalizeBatch(items(), keys.publicKey, fromHex(proofHex))
        assert.deepEqual(outputs.map(toHex), v.Output)
      })

      it(`${v.name}: the proof with one bit flipped (16 positions across c and s) throws VerifyError`, () => {
        for (let i = 0; i < 16; i++) {
          const bit = i * 32 + (i % 8)
          const tampered = flipBit(fromHex(proofHex), bit)
          assert.throws(() => voprf.finalizeBatch(items(), keys.publicKey, tampered), { name: 'VerifyError' }, `bit ${bit}`)
        }
      })

      it(`${v.name}: another server's public key throws VerifyError`, () => {
        const other = voprf.deriveKeyPair(fromHex(md.common.Seed), utf8('another key'))
        assert.throws(() => voprf.finalizeBatch(items(), other.publicKey, fromHex(proofHex)), { name: 'VerifyError' })
      })
    }

    it('Test Vector 3: evaluated elements swapped between the two items throw VerifyError', () => {
      const v = md.vectors.find((x) => x.batchSize === 2) as Vector
      const swapped = v.Input.map((input, i) => ({
        input: fromHex(input),
        blind: fromHex(v.Blind[i] as string),
        evaluated: fromHex(v.EvaluationElement[1 - i] as string),
        blinded: fromHex(v.BlindedElement[i] as string),
      }))
      assert.throws(() => voprf.finalizeBatch(swapped, keys.publicKey, fromHex(v.Proof as string)), { name: 'VerifyError' })
    })
  })
})

describe('expand_message_xmd(SHA-512): RFC 9380 Appendix K.3', () => {
  const dst = utf8('QUUX-V01-CS02-with-expander-SHA512-256')
  const q128 = `q128_${'q'.repeat(128)}`
  const a512 = `a512_${'a'.repeat(512)}`
  const cases: [msg: string, lenInBytes: number, uniformBytes: string][] = [
    ['', 0x20, '6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba'],
    ['abc', 0x20, '0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc'],
    ['abcdef0123456789', 0x20, '087e45a86e2939ee8b91100af1583c4938e0f5fc6c9db4b107b83346bc967f58'],
    [q128, 0x20, '7336234ee9983902440f6bc35b348352013becd88938d2afec44311caf8356b3'],
    [a512, 0x20, '57b5f7e766d5be68a6bfe1768e3c2b7f1228b3e4b3134956dd73a59b954c66f4'],
    [
      '',
      0x80,
      '41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e' +
        '0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7eb00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961',
    ],
    [
      'abc',
      0x80,
      '7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11bdd7732d8b38adb4a0edc26a0cef4bb45217135456e58fbca1703cd6032cb134' +
        '7ee720b87972d63fbf232587043ed2901bce7f22610c0419751c065922b488431851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1',
    ],
    [
      'abcdef0123456789',
      0x80,
      '3f721f208e6199fe903545abc26c837ce59ac6fa45733f1baaf0222f8b7acb0424814fcb5eecf6c1d38f06e9d0a6ccfbf85ae612ab8735dfdf9ce84c372a77c8' +
        'f9e1c1e952c3a61b7567dd0693016af51d2745822663d0c2367e3f4f0bed827feecc2aaf98c949b5ed0d35c3f1023d64ad1407924288d366ea159f46287e61ac',
    ],
    [
      q128,
      0x80,
      'b799b045a58c8d2b4334cf54b78260b45eec544f9f2fb5bd12fb603eaee70db7317bf807c406e26373922b7b8920fa29142703dd52bdf280084fb7ef69da78af' +
        'df80b3586395b433dc66cde048a258e476a561e9deba7060af40adf30c64249ca7ddea79806ee5beb9a1422949471d267b21bc88e688e4014087a0b592b695ed',
    ],
    [
      a512,
      0x80,
      '05b0bfef265dcee87654372777b7c44177e2ae4c13a27f103340d9cd11c86cb2426ffcad5bd964080c2aee97f03be1ca18e30a1f14e27bc11ebbd650f305269c' +
        'c9fb1db08bf90bfc79b42a952b46daf810359e7bc36452684784a64952c343c52e5124cd1f71d474d5197fefc571a92929c9084ffe1112cf5eea5192ebff330b',
    ],
  ]

  for (const [msg, lenInBytes, uniformBytes] of cases) {
    const label = msg.length > 20 ? `${msg.slice(0, 5)}...(${msg.length} bytes)` : JSON.stringify(msg)
    it(`msg ${label}, len_in_bytes 0x${lenInBytes.toString(16)}`, () => {
      assert.equal(toHex(expandMessageXmd(utf8(msg), dst, lenInBytes)), uniformBytes)
    })
  }

  it('refuses a DST over 255 bytes and a length over 255 blocks', () => {
    assert.throws(() => expandMessageXmd(utf8('abc'), new Uint8Array(256), 32), RangeError)
    assert.throws(() => expandMessageXmd(utf8('abc'), dst, 255 * 64 + 1), RangeError)
  })
})
