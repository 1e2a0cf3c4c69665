import { strict as assert } from 'node:assert'
import { _map_to_curve_elligator2_curve25519, ed25519 } from '@noble/curves/ed25519.js'
import { fromHex, toHex, utf8 } from '../../src/crypto/bytes.ts'
import { hashToU } from '../../src/crypto/hash-to-u.ts'
import { backendByName, type X25519Backend } from '../../src/crypto/x25519-backend.ts'
import { expandMessageXmd } from '../../src/crypto/xmd.ts'

const REAL = ['sodium', 'node', 'noble'].map(backendByName)
const ALL = [...REAL, backendByName('modeled')]
const BASE_POINT = fromHex(`09${'00'.repeat(31)}`)

/** RFC 7748 section 5.2: the two single test vectors (scalar, u, output). */
const SINGLE = [
  {
    scalar: 'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
    u: 'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
    out: 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
  },
  {
    scalar: '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
    u: 'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
    out: '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
  },
]

/** RFC 7748 section 6.1: the Diffie-Hellman example. */
const DH = {
  alicePrivate: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  bobPrivate: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
}

/** RFC 7748 section 5.2 iterated test: k = u = 9; k, u = X25519(k, u), k. */
function iterate(backend: X25519Backend, times: number): string {
  let k = BASE_POINT
  let u = BASE_POINT
  for (let i = 0; i < times; i++) [k, u] = [backend.raise(k, u), k]
  return toHex(k)
}

describe('X25519 backends: RFC 7748 vectors', () => {
  for (const backend of REAL) {
    describe(backend.name, () => {
      it('gives the section 5.2 single vectors', () => {
        for (const v of SINGLE) assert.equal(toHex(backend.raise(fromHex(v.scalar), fromHex(v.u))), v.out)
      })

      it('gives both vectors in one packed batch, in order', () => {
        const [first, second] = SINGLE as [(typeof SINGLE)[0], (typeof SINGLE)[0]]
        const out = backend.raise(fromHex(first.scalar), fromHex(first.u + second.u))
        assert.equal(toHex(out.subarray(0, 32)), first.out)
        assert.equal(toHex(out.subarray(32)), toHex(backend.raise(fromHex(first.scalar), fromHex(second.u))))
      })

      it('gives the section 5.2 iterated vector after 1 and 1,000 iterations', () => {
        assert.equal(iterate(backend, 1), '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079')
        assert.equal(iterate(backend, 1000), '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51')
      })

      it('gives the section 6.1 Diffie-Hellman public keys and shared secret', () => {
        assert.equal(toHex(backend.raise(fromHex(DH.alicePrivate), BASE_POINT)), DH.alicePublic)
        assert.equal(toHex(backend.raise(fromHex(DH.bobPrivate), BASE_POINT)), DH.bobPublic)
        assert.equal(toHex(backend.raise(fromHex(DH.alicePrivate), fromHex(DH.bobPublic))), DH.shared)
        assert.equal(toHex(backend.raise(fromHex(DH.bobPrivate), fromHex(DH.alicePublic))), DH.shared)
      })

      it('masks the top bit of u and accepts a non-canonical u (section 5)', () => {
        const scalar = fromHex(DH.alicePrivate)
        const highBit = fromHex(DH.bobPublic)
        highBit[31] = (highBit[31] as number) | 0x80
        assert.equal(toHex(backend.raise(scalar, highBit)), DH.shared)
        // p + 9 = 2^255 - 10 is 9 modulo p.
        const pPlus9 = fromHex(`f6${'ff'.repeat(30)}7f`)
        assert.equal(toHex(backend.raise(scalar, pPlus9)), DH.alicePublic)
      })
    })
  }
})

describe('X25519 backends: negative cases', () => {
  for (const backend of ALL) {
    it(`${backend.name}: small-order u (0, 1) gives 32 zero bytes, not a throw`, () => {
      const scalar = fromHex(DH.alicePrivate)
      const zero = new Uint8Array(32)
      const one = fromHex(`01${'00'.repeat(31)}`)
      assert.deepEqual(backend.raise(scalar, zero), zero)
      assert.deepEqual(backend.raise(scalar, one), zero)
      const mixed = backend.raise(scalar, fromHex(toHex(one) + DH.bobPublic + toHex(zero)))
      assert.deepEqual(mixed.subarray(0, 32), zero)
      assert.deepEqual(mixed.subarray(64), zero)
      if (backend.name !== 'modeled') assert.equal(toHex(mixed.subarray(32, 64)), DH.shared)
    })

    it(`${backend.name}: wrong lengths throw RangeError naming the argument`, () => {
      const scalar = fromHex(DH.alicePrivate)
      assert.throws(
        () => backend.raise(scalar.subarray(0, 31), BASE_POINT),
        (e: Error) => e instanceof RangeError && /scalar/.test(e.message),
      )
      assert.throws(
        () => backend.raise(new Uint8Array(33), BASE_POINT),
        (e: Error) => e instanceof RangeError && /scalar/.test(e.message),
      )
      assert.throws(
        () => backend.raise(scalar, new Uint8Array(31)),
        (e: Error) => e instanceof RangeError && /points/.test(e.message),
      )
      assert.throws(
        () => backend.raise(scalar, new Uint8Array(65)),
        (e: Error) => e instanceof RangeError && /points/.test(e.message),
      )
      assert.equal(backend.raise(scalar, new Uint8Array(0)).length, 0)
    })
  }
})

describe('RFC 9380 expand_message_xmd SHA-512 (Appendix K.3)', () => {
  const dst = utf8('QUUX-V01-CS02-with-expander-SHA512-256')

  it('gives the 32-byte outputs', () => {
    assert.equal(toHex(expandMessageXmd(utf8(''), dst, 0x20)), '6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba')
    assert.equal(toHex(expandMessageXmd(utf8('abc'), dst, 0x20)), '0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc')
  })

  it('gives the 128-byte output', () => {
    assert.equal(
      toHex(expandMessageXmd(utf8(''), dst, 0x80)),
      '41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e' +
        '0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7eb00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961',
    )
  })
})

describe('hashToU: RFC 9380 hash_to_field of curve25519_XMD:SHA-512_ELL2_NU_', () => {
  // RFC 9380 Appendix J.4.2 (u[0] and Q.x, as big-endian field elements).
  const dst = utf8('QUUX-V01-CS02-with-curve25519_XMD:SHA-512_ELL2_NU_')
  const VECTORS = [
    {
      msg: '',
      u0: '608d892b641f0328523802a6603427c26e55e6f27e71a91a478148d45b5093cd',
      qx: '51125222da5e763d97f3c10fcc92ea6860b9ccbbd2eb1285728f566721c1e65b',
    },
    {
      msg: 'abc',
      u0: '46f5b22494bfeaa7f232cc8d054be68561af50230234d7d1d63d1d9abeca8da5',
      qx: '7d56d1e08cb0ccb92baf069c18c49bb5a0dcd927eff8dcf75ca921ef7f3e6eeb',
    },
    {
      msg: 'abcdef0123456789',
      u0: '235fe40c443766ce7e18111c33862d66c3b33267efa50d50f9e8e5d252a40aaa',
      qx: '3fbe66b9c9883d79e8407150e7c2a1c8680bee496c62fabe4619a72b3cabe90f',
    },
  ]
  const littleEndian = (bigEndianHex: string): string => toHex(fromHex(bigEndianHex).reverse())

  for (const v of VECTORS) {
    it(`gives the RFC's u[0] for msg "${v.msg}", encoded little-endian (RFC 7748)`, () => {
      assert.equal(toHex(hashToU(utf8(v.msg), dst)), littleEndian(v.u0))
    })

    it(`and through noble's Elligator 2 the RFC's Q.x for msg "${v.msg}" (the map we skip)`, () => {
      const u = BigInt(`0x${toHex(hashToU(utf8(v.msg), dst).reverse())}`)
      const { xMn, xMd } = _map_to_curve_elligator2_curve25519(u)
      assert.equal(ed25519.Point.Fp.div(xMn, xMd).toString(16).padStart(64, '0'), v.qx)
    })
  }

  it('is canonical: every u is below p = 2^255 - 19', () => {
    const p = 2n ** 255n - 19n
    for (let i = 0; i < 500; i++) assert.ok(BigInt(`0x${toHex(hashToU(utf8(`e${i}`), dst).reverse())}`) < p)
  })
})
