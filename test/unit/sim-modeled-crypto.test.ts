import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { utf8 } from '../../src/crypto/bytes.ts'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { dhPsiDst, POINT_BYTES, TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { tagContext } from '../../src/crypto/dh-tags.ts'
import { backendByName, x25519Backend } from '../../src/crypto/x25519-backend.ts'
import { Mode } from '../../src/psi/messages.ts'
import { exchange } from '../../src/psi/mutual.ts'
import { DEFAULT_PSI_OPTIONS } from '../../src/psi/options.ts'
import { PsiParty } from '../../src/psi/party.ts'
import { MeteredEngine, measureCostModel, meteredEngine, modeledMs, TAGS_PER_RAISE } from '../../src/sim/cost-model.ts'

describe('modeled crypto (simulation stand-in, not secure)', () => {
  const modeled = new InlineDhEngine(backendByName('modeled'))
  const dst = dhPsiDst('sim', Mode.Items)
  const inputs = Array.from({ length: 50 }, () => randomBytes(20))

  it('keeps the DH-PSI flow and sizes: each side raising the other’s published points gives the same tags', async () => {
    const a = randomBytes(32)
    const b = randomBytes(32)
    const context = tagContext('peer-a', 'peer-b', 3, Mode.Items)
    const [aPub, bPub] = await Promise.all([modeled.publish(a, inputs, dst), modeled.publish(b, inputs.slice(0, 30), dst)])
    assert.equal(aPub.length, POINT_BYTES * inputs.length)
    const [aTags] = await modeled.raiseToTags(b, aPub, [context])
    const [bTags] = await modeled.raiseToTags(a, bPub, [context])
    assert.equal(aTags?.length, TAG_BYTES * inputs.length)
    assert.deepEqual(bTags, aTags?.subarray(0, 30 * TAG_BYTES))
    const [other] = await modeled.raiseToTags(randomBytes(32), bPub, [context])
    assert.notDeepEqual(other, bTags)
  })

  it('runs the real PSI code unchanged: two parties on the modeled engine find exactly their intersection', async () => {
    const options = { ...DEFAULT_PSI_OPTIONS, community: 'sim' }
    const alice = new PsiParty('peer-alice', options, { engine: modeled, seed: randomBytes(32) })
    const bob = new PsiParty('peer-bob', options, { engine: modeled, seed: randomBytes(32) })
    const shared = Array.from({ length: 7 }, (_, i) => utf8(`shared-${i}.example`))
    const aliceItems = [...shared, ...Array.from({ length: 40 }, (_, i) => utf8(`alice-${i}.example`))]
    const bobItems = [...Array.from({ length: 25 }, (_, i) => utf8(`bob-${i}.example`)), ...shared]
    const [aList, bList] = await Promise.all([alice.publish(1, Mode.Items, aliceItems), bob.publish(1, Mode.Items, bobItems)])
    const result = await exchange(alice, bob, { a: [aList], b: [bList] })
    assert.deepEqual(
      [...result.aFound].sort((x, y) => x - y),
      [0, 1, 2, 3, 4, 5, 6],
    )
    assert.deepEqual(
      [...result.bFound].sort((x, y) => x - y),
      [25, 26, 27, 28, 29, 30, 31],
    )
  })

  it('maps the small-order stand-ins (u = 0, u = 1) to zero as the real backends do', () => {
    const points = new Uint8Array(2 * POINT_BYTES)
    points[POINT_BYTES] = 1
    assert.deepEqual(backendByName('modeled').raise(randomBytes(32), points), new Uint8Array(2 * POINT_BYTES))
  })

  it('cost model: measured per element on the real backend; the meter counts every element', async () => {
    const model = await measureCostModel(32)
    assert.equal(model.backend, x25519Backend().name)
    for (const ms of Object.values(model.msPerElement)) assert.ok(ms > 0 && ms < 50, `${ms} ms per element`)
    const meter = new MeteredEngine(modeled)
    const scalar = randomBytes(32)
    const points = await meter.publish(scalar, inputs, dst)
    const contexts = Array.from({ length: TAGS_PER_RAISE }, (_, i) => tagContext(`p${i}`, `q${i}`, 1, Mode.Items))
    const tags = await meter.raiseToTags(randomBytes(32), points, contexts)
    assert.equal(tags.length, TAGS_PER_RAISE)
    assert.equal(meter.counts.publish, inputs.length)
    assert.equal(meter.counts.raise, inputs.length)
    assert.ok(meter.cpuMs > 0)
    const ms = modeledMs(meter.counts, model)
    assert.ok(Math.abs(ms - inputs.length * (model.msPerElement.publish + model.msPerElement.raise)) < 1e-9)
  })

  it('simulated members get the metered engine on the backend their scenario names', async () => {
    const scalar = randomBytes(32)
    const real = await new InlineDhEngine(x25519Backend()).publish(scalar, inputs, dst)
    assert.deepEqual(await meteredEngine('real').publish(scalar, inputs, dst), real)
    const fake = await meteredEngine('modeled').publish(scalar, inputs, dst)
    assert.deepEqual(fake, await modeled.publish(scalar, inputs, dst))
    assert.notDeepEqual(fake, real)
  })
})
