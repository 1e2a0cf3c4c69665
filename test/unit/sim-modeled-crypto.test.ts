import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { InlineEngine } from '../../src/crypto/engine.ts'
import { InvalidElementError } from '../../src/crypto/errors.ts'
import { ModeledOprf, modeledBackend } from '../../src/crypto/modeled-backend.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { MeteredEngine, measureCostModel, modeledMs } from '../../src/sim/cost-model.ts'

describe('modeled crypto (simulation stand-in, not secure)', () => {
  const oprf = new Oprf(modeledBackend)
  const inputs = Array.from({ length: 50 }, () => randomBytes(20))

  it('keeps the OPRF message flow and sizes: Finalize(BlindEvaluate(Blind(x))) = Evaluate(x)', () => {
    const { secretKey } = oprf.deriveKeyPair(new Uint8Array(32).fill(7), new TextEncoder().encode('sim/1'))
    const { blinds, blinded } = oprf.blindBatch(inputs)
    assert.equal(blinds.length, 32 * inputs.length)
    assert.equal(blinded.length, 32 * inputs.length)
    const evaluated = oprf.blindEvaluateBatch(secretKey, blinded)
    assert.equal(evaluated.length, 32 * inputs.length)
    const outputs = oprf.finalizeBatch(inputs, blinds, evaluated)
    assert.equal(outputs.length, 64 * inputs.length)
    assert.deepEqual(outputs, oprf.evaluateBatch(secretKey, inputs))
    const other = oprf.deriveKeyPair(new Uint8Array(32).fill(8), new TextEncoder().encode('sim/1')).secretKey
    assert.notDeepEqual(oprf.evaluate(other, inputs[0] as Uint8Array), oprf.evaluate(secretKey, inputs[0] as Uint8Array))
  })

  it('ModeledOprf (pooled random blinds) agrees with the plain OPRF over the modeled backend', () => {
    const fast = new ModeledOprf()
    const key = fast.randomScalar()
    const { blinds, blinded } = fast.blindBatch(inputs)
    assert.equal(
      new Set(Array.from({ length: inputs.length }, (_, i) => Buffer.from(blinds.subarray(32 * i, 32 * i + 32)).toString('hex'))).size,
      inputs.length,
    )
    assert.deepEqual(fast.finalizeBatch(inputs, blinds, fast.blindEvaluateBatch(key, blinded)), oprf.evaluateBatch(key, inputs))
  })

  it('refuses the identity and non-canonical encodings as the real backends do', () => {
    const k = oprf.randomScalar()
    assert.throws(() => modeledBackend.scalarMult(k, new Uint8Array(32)), InvalidElementError)
    assert.throws(() => modeledBackend.scalarMult(k, new Uint8Array(32).fill(255)), InvalidElementError)
    assert.throws(() => modeledBackend.scalarMult(new Uint8Array(32).fill(255), oprf.hashToGroup(inputs[0] as Uint8Array)), RangeError)
    const s = oprf.randomScalar()
    assert.deepEqual(modeledBackend.scalarMul(s, modeledBackend.scalarInvert(s)), Uint8Array.from([1, ...new Array(31).fill(0)]))
  })

  it('cost model: measured per element on the real backend; the meter counts every element', async () => {
    const model = await measureCostModel(16)
    assert.equal(model.backend, 'sodium')
    for (const ms of Object.values(model.msPerElement)) assert.ok(ms > 0 && ms < 50)
    const meter = new MeteredEngine(new InlineEngine(oprf))
    const { blinded } = await meter.blind(inputs)
    await meter.blindEvaluate(oprf.randomScalar(), blinded)
    assert.equal(meter.counts.blind, inputs.length)
    assert.equal(meter.counts.blindEvaluate, inputs.length)
    const modeled = modeledMs(meter.counts, model)
    assert.ok(Math.abs(modeled - inputs.length * (model.msPerElement.blind + model.msPerElement.blindEvaluate)) < 1e-9)
  })
})
