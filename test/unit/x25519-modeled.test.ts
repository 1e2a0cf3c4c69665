import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { utf8 } from '../../src/crypto/bytes.ts'
import { dhPsiDst } from '../../src/crypto/dh-suite.ts'
import { hashToUBatch } from '../../src/crypto/hash-to-u.ts'
import { modeledX25519 } from '../../src/crypto/x25519-modeled.ts'

describe('modeled X25519 (simulation stand-in, not secure)', () => {
  const points = hashToUBatch(
    Array.from({ length: 200 }, (_, i) => utf8(`e${i}`)),
    dhPsiDst('sim', 0),
  )

  it('commutes: raise(b, raise(a, u)) == raise(a, raise(b, u))', () => {
    for (let i = 0; i < 20; i++) {
      const a = randomBytes(32)
      const b = randomBytes(32)
      assert.deepEqual(modeledX25519.raise(b, modeledX25519.raise(a, points)), modeledX25519.raise(a, modeledX25519.raise(b, points)))
    }
  })

  it('is deterministic and keyed: same inputs give the same bytes, another scalar others', () => {
    const a = randomBytes(32)
    const out = modeledX25519.raise(a, points)
    assert.deepEqual(modeledX25519.raise(a, points), out)
    assert.equal(out.length, points.length)
    assert.notDeepEqual(modeledX25519.raise(randomBytes(32), points), out)
    assert.equal(new Set(Array.from({ length: 200 }, (_, i) => Buffer.from(out.subarray(i * 32, i * 32 + 32)).toString('hex'))).size, 200)
  })

  it('clamps the scalar like X25519: bits X25519 ignores do not change the result', () => {
    const a = randomBytes(32)
    const flipped = Uint8Array.from(a)
    flipped[0] = (flipped[0] as number) ^ 7
    flipped[31] = (flipped[31] as number) ^ 0x80
    assert.deepEqual(modeledX25519.raise(flipped, points), modeledX25519.raise(a, points))
  })
})
