import { strict as assert } from 'node:assert'
import { randomBytes, randomInt } from 'node:crypto'
import { toHex, utf8 } from '../../src/crypto/bytes.ts'
import { nobleBackend } from '../../src/crypto/noble-backend.ts'
import { Oprf } from '../../src/crypto/oprf.ts'
import { OprfPool } from '../../src/crypto/pool.ts'
import { sodiumBackend } from '../../src/crypto/sodium-backend.ts'
import { MODE_VOPRF } from '../../src/crypto/suite.ts'

// noble costs about 1 ms per group operation; these counts keep the file to a few seconds.
const HASH_TO_GROUP_INPUTS = 3000
const SCALAR_MULTS = 1000
const FULL_ROUNDS = 300
const POOL_INPUTS = 500

const noble = new Oprf(nobleBackend)
const sodium = new Oprf(sodiumBackend)
const { secretKey } = sodium.deriveKeyPair(randomBytes(32), utf8('backend equivalence'))

/** Random inputs from 0 to 300 bytes, with the empty input always first. */
function randomInputs(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? new Uint8Array(0) : randomBytes(randomInt(1, 301))))
}

function outputsOf(packed: Uint8Array): string[] {
  const out: string[] = []
  for (let i = 0; i < packed.length; i += 64) out.push(toHex(packed.subarray(i, i + 64)))
  return out
}

describe('noble and sodium backends agree bit for bit', function () {
  // Seconds of noble work per test: well over mocha's default 2 s when run without .mocharc.
  this.timeout(30_000)

  it(`hashToGroup on ${HASH_TO_GROUP_INPUTS} random inputs, OPRF and VOPRF contexts`, () => {
    const nobleVoprf = new Oprf(nobleBackend, MODE_VOPRF)
    const sodiumVoprf = new Oprf(sodiumBackend, MODE_VOPRF)
    randomInputs(HASH_TO_GROUP_INPUTS).forEach((input, i) => {
      const [a, b] = i % 2 === 0 ? [noble, sodium] : [nobleVoprf, sodiumVoprf]
      assert.equal(toHex(a.hashToGroup(input)), toHex(b.hashToGroup(input)), `input ${toHex(input)}`)
    })
  })

  it('elementFromUniform on edge-case uniform strings (all zero, all ones, one bit set)', () => {
    const edges = [new Uint8Array(64), new Uint8Array(64).fill(0xff), Uint8Array.from({ length: 64 }, (_, i) => (i === 31 ? 1 : 0))]
    for (const uniform of edges) {
      assert.equal(toHex(nobleBackend.elementFromUniform(uniform)), toHex(sodiumBackend.elementFromUniform(uniform)), toHex(uniform))
    }
  })

  it(`scalarMult of ${SCALAR_MULTS} random scalars by random elements, and scalarMultBase`, () => {
    for (let i = 0; i < SCALAR_MULTS; i++) {
      const scalar = sodium.randomScalar()
      const element = sodium.hashToGroup(randomBytes(16))
      const expected = toHex(sodiumBackend.scalarMult(scalar, element))
      assert.equal(toHex(nobleBackend.scalarMult(scalar, element)), expected, `scalar ${toHex(scalar)} element ${toHex(element)}`)
      if (i % 10 === 0) assert.equal(toHex(nobleBackend.scalarMultBase(scalar)), toHex(sodiumBackend.scalarMultBase(scalar)))
    }
  })

  it(`scalar arithmetic (reduce, invert, multiply) on ${SCALAR_MULTS} random values`, () => {
    for (let i = 0; i < SCALAR_MULTS; i++) {
      const wide = randomBytes(64)
      assert.equal(toHex(nobleBackend.scalarReduce64(wide)), toHex(sodiumBackend.scalarReduce64(wide)))
      const a = sodium.randomScalar()
      const b = noble.randomScalar()
      assert.equal(toHex(nobleBackend.scalarInvert(a)), toHex(sodiumBackend.scalarInvert(a)))
      assert.equal(toHex(nobleBackend.scalarMul(a, b)), toHex(sodiumBackend.scalarMul(a, b)))
    }
  })

  it(`${FULL_ROUNDS} full blind -> blindEvaluate -> finalize rounds with the same blinds, equal to evaluate`, () => {
    for (const input of randomInputs(FULL_ROUNDS)) {
      const blind = sodium.randomScalar()
      const n = noble.blind(input, blind)
      const s = sodium.blind(input, blind)
      assert.equal(toHex(n.blinded), toHex(s.blinded))
      const nEvaluated = noble.blindEvaluate(secretKey, n.blinded)
      const sEvaluated = sodium.blindEvaluate(secretKey, s.blinded)
      assert.equal(toHex(nEvaluated), toHex(sEvaluated))
      const output = toHex(noble.finalize(input, blind, nEvaluated))
      assert.equal(toHex(sodium.finalize(input, blind, sEvaluated)), output)
      assert.equal(toHex(noble.evaluate(secretKey, input)), output)
      assert.equal(toHex(sodium.evaluate(secretKey, input)), output)
    }
  })
})

describe('OprfPool (sodium, 2 workers) agrees with inline noble', function () {
  this.timeout(30_000)
  let pool: OprfPool
  const inputs = randomInputs(POOL_INPUTS)
  let expected: string[]

  before(() => {
    pool = new OprfPool({ size: 2, backend: 'sodium' })
    expected = outputsOf(noble.evaluateBatch(secretKey, inputs))
  })

  after(async () => {
    await pool.close()
  })

  it(`evaluate on ${POOL_INPUTS} inputs gives noble's outputs, in order`, async () => {
    assert.deepEqual(outputsOf(await pool.evaluate(secretKey, inputs)), expected)
  })

  it('blind -> blindEvaluate -> finalize through the pool gives the same outputs as evaluate', async () => {
    const { blinds, blinded } = await pool.blind(inputs)
    assert.equal(blinds.length, POOL_INPUTS * 32)
    assert.equal(blinded.length, POOL_INPUTS * 32)
    const evaluated = await pool.blindEvaluate(secretKey, blinded)
    assert.deepEqual(outputsOf(await pool.finalize(inputs, blinds, evaluated)), expected)
  })

  it('a job the worker refuses rejects with the error name kept', async () => {
    await assert.rejects(pool.blindEvaluate(secretKey, new Uint8Array(64)), { name: 'InvalidElementError' })
  })
})

describe('OprfPool resilience', function () {
  this.timeout(30_000)

  it('rejects the batch of a worker that dies, replaces it, and serves the next batch', async () => {
    const pool = new OprfPool({ size: 1, backend: 'sodium' })
    try {
      const oprf = new Oprf(sodiumBackend)
      const { secretKey } = oprf.deriveKeyPair(new Uint8Array(32).fill(9), new Uint8Array(0))
      const inputs = Array.from({ length: 2000 }, (_, i) => new TextEncoder().encode(`item ${i}`))
      const running = pool.evaluate(secretKey, inputs)
      await pool.terminateWorker(0)
      await assert.rejects(running, /exited/)
      assert.deepEqual(await pool.evaluate(secretKey, inputs.slice(0, 50)), oprf.evaluateBatch(secretKey, inputs.slice(0, 50)))
    } finally {
      await pool.close()
    }
  })
})
