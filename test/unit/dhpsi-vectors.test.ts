import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { concat, fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { DhPool } from '../../src/crypto/dh-pool.ts'
import { DH_SUITE, dhPsiDst, POINT_BYTES, TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { tagContext, tagOf, tagsOf } from '../../src/crypto/dh-tags.ts'
import { hashToU, hashToUBatch } from '../../src/crypto/hash-to-u.ts'
import { backendByName } from '../../src/crypto/x25519-backend.ts'

interface VectorFile {
  suite: string
  community: string
  peerA: string
  peerB: string
  epoch: number
  scalarA: string
  scalarB: string
  cases: {
    mode: number
    dst: string
    tagContext: string
    elements: { element: string; u: string; raisedA: string; raisedAB: string; tag: string }[]
  }[]
}

const file = JSON.parse(readFileSync(new URL('../vectors/dhpsi-x25519-v1.json', import.meta.url), 'utf8')) as VectorFile
const REAL = ['sodium', 'node', 'noble'].map(backendByName)
const a = fromHex(file.scalarA)
const b = fromHex(file.scalarB)
const joined = (hexes: string[]): Uint8Array => concat(...hexes.map(fromHex))

describe('DH-PSI vectors (test/vectors/dhpsi-x25519-v1.json)', () => {
  it('names this suite and holds both modes', () => {
    assert.equal(file.suite, DH_SUITE)
    assert.deepEqual(
      file.cases.map((c) => c.mode),
      [0, 1],
    )
  })

  for (const c of file.cases) {
    describe(`mode ${c.mode}`, () => {
      const dst = dhPsiDst(file.community, c.mode)
      const context = tagContext(file.peerA, file.peerB, file.epoch, c.mode)
      const elements = c.elements.map((v) => fromHex(v.element))

      it('derives the committed DST and tag context', () => {
        assert.equal(toHex(dst), c.dst)
        assert.equal(toHex(context), c.tagContext)
        assert.notEqual(toHex(tagContext(file.peerB, file.peerA, file.epoch, c.mode)), c.tagContext, 'the pair is ordered: learner first')
      })

      it('maps every element to the committed u, singly and in a batch', () => {
        for (const v of c.elements) assert.equal(toHex(hashToU(fromHex(v.element), dst)), v.u)
        assert.equal(toHex(hashToUBatch(elements, dst)), c.elements.map((v) => v.u).join(''))
      })

      for (const backend of REAL) {
        it(`${backend.name}: raises and tags to the committed bytes`, () => {
          const raisedA = backend.raise(a, joined(c.elements.map((v) => v.u)))
          assert.equal(toHex(raisedA), c.elements.map((v) => v.raisedA).join(''))
          const raisedAB = backend.raise(b, raisedA)
          assert.equal(toHex(raisedAB), c.elements.map((v) => v.raisedAB).join(''))
          assert.equal(toHex(tagsOf(raisedAB, context)), c.elements.map((v) => v.tag).join(''))
          for (const v of c.elements) assert.equal(toHex(tagOf(fromHex(v.raisedAB), context)), v.tag)
        })

        it(`${backend.name}: X25519(b, X25519(a, u)) == X25519(a, X25519(b, u))`, () => {
          const us = joined(c.elements.map((v) => v.u))
          assert.deepEqual(backend.raise(a, backend.raise(b, us)), backend.raise(b, backend.raise(a, us)))
        })
      }

      it('InlineDhEngine: publish and raiseToTags give the vectors', async () => {
        const engine = new InlineDhEngine(backendByName('sodium'))
        assert.equal(toHex(await engine.publish(a, elements, dst)), c.elements.map((v) => v.raisedA).join(''))
        const tags = (await engine.raiseToTags(b, joined(c.elements.map((v) => v.raisedA)), [context]))[0] as Uint8Array
        assert.equal(toHex(tags), c.elements.map((v) => v.tag).join(''))
        await engine.close()
      })
    })
  }

  it('tags differ by mode, epoch and peer pair', () => {
    const raised = fromHex(file.cases[0]?.elements[3]?.raisedAB ?? '')
    const base = toHex(tagOf(raised, tagContext(file.peerA, file.peerB, file.epoch, 0)))
    assert.notEqual(toHex(tagOf(raised, tagContext(file.peerA, file.peerB, file.epoch, 1))), base)
    assert.notEqual(toHex(tagOf(raised, tagContext(file.peerA, file.peerB, file.epoch + 1, 0))), base)
    assert.notEqual(toHex(tagOf(raised, tagContext(file.peerA, 'other', file.epoch, 0))), base)
  })

  it('refuses peer ids that are empty or hold NUL, and over-long communities', () => {
    assert.throws(() => tagContext('', 'b', 1, 0), RangeError)
    assert.throws(() => tagContext('a\0b', 'c', 1, 0), RangeError)
    assert.throws(() => dhPsiDst('x'.repeat(217), 0), RangeError)
    assert.equal(dhPsiDst('x'.repeat(216), 0).length, 255)
    assert.deepEqual(dhPsiDst('', 2), concat(utf8(`${DH_SUITE}:hash-to-u:`), new Uint8Array([0, 0, 2])))
  })
})

describe('DhPool (size 2)', function () {
  this.timeout(30000)
  let pool: DhPool

  before(() => {
    pool = new DhPool({ size: 2 })
  })

  after(async () => {
    await pool.close()
  })

  it('gives the vectors for publish and raiseToTags', async () => {
    for (const c of file.cases) {
      const dst = dhPsiDst(file.community, c.mode)
      const context = tagContext(file.peerA, file.peerB, file.epoch, c.mode)
      const published = await pool.publish(
        a,
        c.elements.map((v) => fromHex(v.element)),
        dst,
      )
      assert.equal(toHex(published), c.elements.map((v) => v.raisedA).join(''))
      assert.equal(toHex((await pool.raiseToTags(b, published, [context]))[0] as Uint8Array), c.elements.map((v) => v.tag).join(''))
    }
  })

  it('cuts a large batch across both workers and keeps input order', async () => {
    const elements = Array.from({ length: 300 }, (_, i) => utf8(`domain-name:host-${i}.example`))
    const dst = dhPsiDst(file.community, 0)
    const context = tagContext(file.peerA, file.peerB, file.epoch, 0)
    const inline = new InlineDhEngine(backendByName('noble'))
    const published = await pool.publish(a, elements, dst)
    assert.equal(published.length, 300 * POINT_BYTES)
    assert.deepEqual(published, await inline.publish(a, elements, dst))
    const tags = (await pool.raiseToTags(b, published, [context]))[0] as Uint8Array
    assert.equal(tags.length, 300 * TAG_BYTES)
    assert.deepEqual(tags, (await inline.raiseToTags(b, published, [context]))[0] as Uint8Array)
    assert.equal((await pool.publish(a, [], dst)).length, 0)
  })

  it('sends a batch larger than its slices one slice per worker at a time, in input order, two contexts split per context', async () => {
    const small = new DhPool({ size: 2, maxSlice: 64 })
    try {
      const elements = Array.from({ length: 1000 }, (_, i) => utf8(`ipv4-addr:10.1.${i >> 8}.${i & 255}`))
      const dst = dhPsiDst(file.community, 0)
      const contexts = [tagContext(file.peerA, file.peerB, file.epoch, 0), tagContext(file.peerB, file.peerA, file.epoch, 0)]
      const inline = new InlineDhEngine(backendByName('sodium'))
      const published = await small.publish(a, elements, dst)
      assert.deepEqual(published, await inline.publish(a, elements, dst))
      assert.deepEqual(await small.raiseToTags(b, published, contexts), await inline.raiseToTags(b, published, contexts))
    } finally {
      await small.close()
    }
  })

  it('checks arguments before posting', async () => {
    await assert.rejects(pool.publish(new Uint8Array(31), [], new Uint8Array(1)), /scalar/)
    await assert.rejects(pool.raiseToTags(a, new Uint8Array(33), [new Uint8Array(1)]), /points/)
  })

  it('rejects the slices of a worker that dies and replaces it', async () => {
    const dst = dhPsiDst(file.community, 0)
    const elements = Array.from({ length: 6000 }, (_, i) => utf8(`ipv4-addr:10.0.${i >> 8}.${i & 255}`))
    const running = pool.publish(a, elements, dst)
    await pool.terminateWorker(0)
    await assert.rejects(running, /exited/)
    const again = await pool.publish(a, elements.slice(0, 200), dst)
    assert.deepEqual(again, await new InlineDhEngine(backendByName('sodium')).publish(a, elements.slice(0, 200), dst))
  })
})
