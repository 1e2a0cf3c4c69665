import { strict as assert } from 'node:assert'
import { randomBytes, randomInt } from 'node:crypto'
import {
  Oprf as CfOprf,
  deriveKeyPair as cfDeriveKeyPair,
  DLEQProof,
  Evaluation,
  EvaluationRequest,
  OPRFClient,
  OPRFServer,
  VOPRFClient,
  VOPRFServer,
} from '@cloudflare/voprf-ts'
import { CryptoNoble } from '@cloudflare/voprf-ts/crypto-noble'
import { concat, fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts'
import { nobleBackend } from '../../src/crypto/noble-backend.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { sodiumBackend } from '../../src/crypto/sodium-backend.ts'
import { MODE_OPRF, MODE_VOPRF } from '../../src/crypto/suite.ts'
import { voprf } from '../../src/crypto/voprf.ts'

// @cloudflare/voprf-ts: Cloudflare's own protocol code; its default (sjcl) provider lacks
// ristretto255, so its noble provider is passed explicitly (no global Oprf.Crypto to reset).
const SUITE = CfOprf.Suite.RISTRETTO255_SHA512
const group = CfOprf.getGroup(SUITE, CryptoNoble)
const INPUTS = 30

const ours = new Oprf(sodiumBackend)
const oursVoprf = new Oprf(sodiumBackend, MODE_VOPRF)
const { secretKey } = ours.deriveKeyPair(randomBytes(32), utf8('interop OPRF key'))
const vKeys = voprf.deriveKeyPair(randomBytes(32), utf8('interop VOPRF key'))
const inputs = Array.from({ length: INPUTS }, (_, i) => (i === 0 ? new Uint8Array(0) : randomBytes(randomInt(1, 200))))

/** items[i], failing the test when it is missing (noUncheckedIndexedAccess). */
function at<T>(items: readonly T[], i: number): T {
  const item = items[i]
  assert.ok(item !== undefined, `no item ${i}`)
  return item
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7))
  return out
}

function slots(packed: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < packed.length; i += size) out.push(packed.subarray(i, i + size))
  return out
}

describe('interoperability with @cloudflare/voprf-ts (ristretto255-SHA512, CryptoNoble)', () => {
  describe(`OPRF mode, ${INPUTS} random inputs, our sodium backend`, () => {
    it('voprf-ts client against our blindEvaluate: outputs equal our evaluate', async () => {
      const client = new OPRFClient(SUITE, CryptoNoble)
      for (const input of inputs) {
        const [finData, request] = await client.blind([input])
        const blinded = at(request.blinded, 0).serialize(true)
        const evaluated = ours.blindEvaluate(secretKey, blinded)
        const outputs = await client.finalize(finData, new Evaluation(CfOprf.Mode.OPRF, [group.desElt(evaluated)]))
        assert.equal(toHex(at(outputs, 0)), toHex(ours.evaluate(secretKey, input)), `input ${toHex(input)}`)
      }
    })

    it('voprf-ts client, one batch of all inputs, against our blindEvaluateBatch', async () => {
      const client = new OPRFClient(SUITE, CryptoNoble)
      const [finData, request] = await client.blind(inputs)
      const evaluated = ours.blindEvaluateBatch(secretKey, concat(...request.blinded.map((e) => e.serialize(true))))
      const outputs = await client.finalize(
        finData,
        new Evaluation(
          CfOprf.Mode.OPRF,
          slots(evaluated, 32).map((e) => group.desElt(e)),
        ),
      )
      assert.deepEqual(outputs.map(toHex), slots(ours.evaluateBatch(secretKey, inputs), 64).map(toHex))
    })

    it('our client (blind, finalize) against a voprf-ts server: outputs equal our evaluate and its evaluate', async () => {
      const server = new OPRFServer(SUITE, secretKey, CryptoNoble)
      for (const input of inputs) {
        const { blind, blinded } = ours.blind(input)
        const evaluation = await server.blindEvaluate(new EvaluationRequest([group.desElt(blinded)]))
        const evaluated = at(evaluation.evaluated, 0).serialize(true)
        const output = toHex(ours.finalize(input, blind, evaluated))
        assert.equal(output, toHex(ours.evaluate(secretKey, input)), `input ${toHex(input)}`)
        assert.equal(toHex(await server.evaluate(input)), output)
      }
    })

    it('our blindBatch and finalizeBatch against a voprf-ts server, one batch', async () => {
      const server = new OPRFServer(SUITE, secretKey, CryptoNoble)
      const { blinds, blinded } = ours.blindBatch(inputs)
      const evaluation = await server.blindEvaluate(new EvaluationRequest(slots(blinded, 32).map((e) => group.desElt(e))))
      const evaluated = concat(...evaluation.evaluated.map((e) => e.serialize(true)))
      assert.equal(toHex(ours.finalizeBatch(inputs, blinds, evaluated)), toHex(ours.evaluateBatch(secretKey, inputs)))
    })
  })

  describe('VOPRF mode: batch proofs both ways', () => {
    const batch = inputs.slice(0, 5)

    it('voprf-ts client verifies our noble batch proof; outputs equal our evaluate on both backends', async () => {
      const client = new VOPRFClient(SUITE, vKeys.publicKey, CryptoNoble)
      const [finData, request] = await client.blind(batch)
      const blinded = request.blinded.map((e) => e.serialize(true))
      const { evaluated, proof } = voprf.blindEvaluateBatch(vKeys.secretKey, vKeys.publicKey, blinded)
      const evaluationWith = (p: Uint8Array) =>
        new Evaluation(
          CfOprf.Mode.VOPRF,
          evaluated.map((e) => group.desElt(e)),
          DLEQProof.deserialize(group.id, p, CryptoNoble),
        )
      const outputs = await client.finalize(finData, evaluationWith(proof))
      batch.forEach((input, i) => {
        const expected = toHex(voprf.evaluate(vKeys.secretKey, input))
        assert.equal(toHex(at(outputs, i)), expected)
        assert.equal(toHex(oursVoprf.evaluate(vKeys.secretKey, input)), expected)
      })
      await assert.rejects(client.finalize(finData, evaluationWith(flipBit(proof, 3))))
    })

    it('our voprf.finalizeBatch verifies a voprf-ts server proof; a tampered one throws VerifyError', async () => {
      const server = new VOPRFServer(SUITE, vKeys.secretKey, CryptoNoble)
      const blinds = batch.map((input) => voprf.blind(input))
      const evaluation = await server.blindEvaluate(new EvaluationRequest(blinds.map((b) => group.desElt(b.blinded))))
      const items = batch.map((input, i) => ({
        input,
        blind: at(blinds, i).blind,
        blinded: at(blinds, i).blinded,
        evaluated: at(evaluation.evaluated, i).serialize(true),
      }))
      const proof = (evaluation.proof as DLEQProof).serialize()
      const outputs = voprf.finalizeBatch(items, vKeys.publicKey, proof)
      assert.deepEqual(
        outputs.map(toHex),
        batch.map((input) => toHex(oursVoprf.evaluate(vKeys.secretKey, input))),
      )
      assert.throws(() => voprf.finalizeBatch(items, vKeys.publicKey, flipBit(proof, 300)), { name: 'VerifyError' })
      const stranger = voprf.deriveKeyPair(randomBytes(32), utf8('another key'))
      assert.throws(() => voprf.finalizeBatch(items, stranger.publicKey, proof), { name: 'VerifyError' })
    })
  })

  describe('deriveKeyPair agrees', () => {
    const seeds: [seed: Uint8Array, info: Uint8Array][] = [
      [fromHex('a3'.repeat(32)), utf8('test key')],
      [randomBytes(32), new Uint8Array(0)],
      [randomBytes(32), randomBytes(100)],
    ]

    for (const [modeName, mode, cfMode] of [
      ['OPRF', MODE_OPRF, CfOprf.Mode.OPRF],
      ['VOPRF', MODE_VOPRF, CfOprf.Mode.VOPRF],
    ] as const) {
      it(`${modeName} mode: voprf-ts, our noble and sodium backends (and voprf.ts in VOPRF mode)`, async () => {
        for (const [seed, info] of seeds) {
          const cf = await cfDeriveKeyPair(cfMode, SUITE, seed, info, CryptoNoble)
          for (const backend of [nobleBackend, sodiumBackend]) {
            const keys = new Oprf(backend, mode).deriveKeyPair(seed, info)
            assert.equal(toHex(keys.secretKey), toHex(cf.privateKey), backend.name)
            assert.equal(toHex(keys.publicKey), toHex(cf.publicKey), backend.name)
          }
          if (mode === MODE_VOPRF) assert.equal(toHex(voprf.deriveKeyPair(seed, info).publicKey), toHex(cf.publicKey))
        }
      })
    }
  })
})
