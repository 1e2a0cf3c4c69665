import { strict as assert } from 'node:assert'
import { createCipheriv, createHash } from 'node:crypto'
import { InvalidDigestError } from '../../src/crypto/errors.ts'
import { buildGcs, decodeGcs } from '../../src/crypto/gcs.ts'

/** Deterministic pseudorandom bytes (AES-256-CTR keystream keyed by a label), so any failure reproduces. */
function seededBytes(label: string, length: number): Uint8Array {
  const key = createHash('sha256').update(label).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  return new Uint8Array(cipher.update(Buffer.alloc(length)))
}

/** xorshift32, for choosing fuzz mutations from a seed. */
function xorshift32(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1
  return (n) => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state % n
  }
}

/** Bytes from a string of '0'/'1' (spaces ignored), zero-padded to a whole byte. */
function bits(text: string): Uint8Array {
  const digits = text.replaceAll(' ', '')
  const out = new Uint8Array(Math.ceil(digits.length / 8))
  for (let i = 0; i < digits.length; i++) if (digits[i] === '1') out[i >> 3] = (out[i >> 3] as number) | (0x80 >> (i & 7))
  return out
}

function header(fpBits: number, n: number, version = 1): Uint8Array {
  const out = new Uint8Array(10)
  out.set([0x53, 0x4c, 0x47, 0x31, version, fpBits])
  new DataView(out.buffer).setUint32(6, n)
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}

/** The construction written the slow, obvious way with BigInt, to check the Number arithmetic bit for bit. */
function referenceGcs(items: Uint8Array, itemBytes: number, fpBits: number): Uint8Array {
  const n = items.length / itemBytes
  const range = BigInt(n) << BigInt(fpBits)
  const view = new DataView(items.buffer, items.byteOffset, items.length)
  const values: bigint[] = []
  for (let i = 0; i < n; i++) values.push((view.getBigUint64(i * itemBytes) * range) >> 64n)
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  let stream = ''
  let previous = 0n
  for (const value of values) {
    const delta = value - previous
    previous = value
    stream += '1'.repeat(Number(delta >> BigInt(fpBits)))
    stream += '0'
    stream += (delta & ((1n << BigInt(fpBits)) - 1n)).toString(2).padStart(fpBits, '0')
  }
  return concat(header(fpBits, n), bits(stream))
}

function assertInvalid(bytes: Uint8Array, message: RegExp, limits?: { maxItems?: number; maxBytes?: number }): void {
  assert.throws(
    () => decodeGcs(bytes, limits),
    (error: unknown) => error instanceof InvalidDigestError && message.test(error.message),
  )
}

describe('Golomb-coded set', () => {
  describe('round trip', () => {
    for (const n of [0, 1, 1000, 100_000]) {
      it(`finds every one of ${n} inserted items`, () => {
        const items = seededBytes(`members ${n}`, n * 64)
        const filter = decodeGcs(buildGcs(items))
        assert.equal(filter.size, n)
        assert.equal(filter.fpBits, 30)
        const flags = filter.hasMany(items)
        assert.equal(flags.length, n)
        assert.equal(flags.indexOf(0), -1)
        if (n > 0) {
          assert.equal(filter.has(items.subarray(0, 64)), true)
          assert.equal(filter.has(items.subarray((n - 1) * 64)), true)
        }
      })
    }

    it('accepts other item lengths of at least 8 bytes, using the 8-byte prefix', () => {
      for (const itemBytes of [8, 9, 32]) {
        const items = seededBytes(`item length ${itemBytes}`, 500 * itemBytes)
        const filter = decodeGcs(buildGcs(items, { itemBytes, fpBits: 20 }))
        assert.equal(filter.size, 500)
        assert.equal(filter.hasMany(items, itemBytes).indexOf(0), -1)
        const longer = new Uint8Array(64)
        longer.set(items.subarray(0, 8))
        assert.equal(filter.has(longer), true)
      }
    })

    it('keeps duplicates (delta 0)', () => {
      const one = seededBytes('duplicate', 64)
      const items = concat(one, one, one)
      const filter = decodeGcs(buildGcs(items))
      assert.equal(filter.size, 3)
      assert.equal(filter.has(one), true)
    })

    it('matches a BigInt reference encoding bit for bit, up to a range of 2^53', () => {
      const edges = concat(new Uint8Array(8), new Uint8Array(8).fill(0xff), new Uint8Array(8).fill(0x80), new Uint8Array(8).fill(0x7f))
      const cases: [number, number][] = [
        [1, 8],
        [4, 8],
        [100, 17],
        [1000, 24],
        [1000, 30],
        [3000, 33],
        [2000, 40],
        [8192, 40], // range exactly 2^53
      ]
      for (const [n, fpBits] of cases) {
        const items = n >= 4 ? concat(edges, seededBytes(`reference ${n} ${fpBits}`, (n - 4) * 8)) : seededBytes(`reference ${n}`, n * 8)
        const encoded = buildGcs(items, { fpBits, itemBytes: 8 })
        assert.deepEqual(encoded, referenceGcs(items, 8, fpBits), `n = ${n}, fpBits = ${fpBits}`)
        assert.equal(decodeGcs(encoded).hasMany(items, 8).indexOf(0), -1)
      }
    })
  })

  describe('false positives', () => {
    it('at fpBits 16 are within a factor 2 of 2^-16 over 2^20 non-members', () => {
      const filter = decodeGcs(buildGcs(seededBytes('fp16 members', 10_000 * 64), { fpBits: 16 }))
      const queries = 2 ** 20
      const flags = filter.hasMany(seededBytes('fp16 non-members', queries * 8), 8)
      const hits = flags.reduce((sum, flag) => sum + flag, 0)
      const expected = queries * 2 ** -16
      assert.ok(hits >= expected / 2 && hits <= expected * 2, `${hits} false positives, expected about ${expected}`)
    })

    it('at fpBits 30 are absent over 200,000 non-members', () => {
      const filter = decodeGcs(buildGcs(seededBytes('fp30 members', 100_000 * 64)))
      const flags = filter.hasMany(seededBytes('fp30 non-members', 200_000 * 64))
      assert.equal(flags.indexOf(1), -1)
    })
  })

  describe('size', () => {
    for (const n of [10_000, 100_000]) {
      it(`takes at most 4.2 bytes an element at fpBits 30 for n = ${n}`, () => {
        const encoded = buildGcs(seededBytes(`size ${n}`, n * 64))
        assert.ok(encoded.length / n <= 4.2, `${encoded.length / n} bytes an element`)
      })
    }
  })

  describe('decode rejects', () => {
    const valid = buildGcs(seededBytes('valid', 1000 * 64))

    it('a wrong magic', () => {
      const bytes = valid.slice()
      bytes[0] = 0x54
      assertInvalid(bytes, /magic/)
    })

    it('a wrong version', () => {
      assertInvalid(concat(header(30, 0, 2)), /version 2/)
    })

    it('fpBits out of range', () => {
      assertInvalid(header(7, 0), /fpBits 7/)
      assertInvalid(header(41, 0), /fpBits 41/)
    })

    it('a header shorter than 10 bytes', () => {
      assertInvalid(valid.subarray(0, 9), /header/)
    })

    it('n over maxItems, before allocating for it', () => {
      const claimsFourBillion = concat(header(8, 4_000_000_000), new Uint8Array(10))
      assertInvalid(claimsFourBillion, /4000000000 items, over maxItems 50000000/)
      assertInvalid(valid, /over maxItems 999/, { maxItems: 999 })
    })

    it('a bitstream too short for the claimed n, before allocating for it', () => {
      const claimsFortyMillion = concat(header(8, 40_000_000), new Uint8Array(10))
      assertInvalid(claimsFortyMillion, /too short for 40000000 items/)
      assertInvalid(concat(header(8, 4_000_000_000), new Uint8Array(10)), /too short/, { maxItems: 2 ** 32 })
    })

    it('a range n * 2^fpBits over 2^53', () => {
      assertInvalid(concat(header(40, 8193), new Uint8Array(50_000)), /over 2\^53/)
    })

    it('bytes over maxBytes', () => {
      assertInvalid(valid, new RegExp(`${valid.length} bytes, over maxBytes 1000`), { maxBytes: 1000 })
      assert.equal(decodeGcs(valid, { maxBytes: valid.length }).size, 1000)
    })

    it('a truncated bitstream', () => {
      assertInvalid(valid.subarray(0, valid.length - 1), /truncated/)
      // One item at fpBits 8 needs 9 bits: a quotient bit and 8 remainder bits.
      assertInvalid(concat(header(8, 1), bits('0 1111111')), /too short/)
    })

    it('trailing bytes after the padding', () => {
      assertInvalid(concat(valid, new Uint8Array(1)), /1 trailing bytes/)
      assertInvalid(concat(header(8, 0), new Uint8Array(1)), /trailing/)
    })

    it('padding bits that are not zero', () => {
      const oneItem = buildGcs(new Uint8Array(8), { fpBits: 8, itemBytes: 8 })
      assert.deepEqual(oneItem, concat(header(8, 1), bits('0 00000000')))
      const bytes = oneItem.slice()
      bytes[bytes.length - 1] = 0x01
      assertInvalid(bytes, /padding/)
    })

    it('a delta that overflows the range', () => {
      // n = 1, fpBits 8: the range is [0, 256), so a quotient of 1 already overflows.
      assertInvalid(concat(header(8, 1), bits('10 00000000')), /range/)
      // n = 2: 511 is the last value in range, and a further delta of 1 reaches 512.
      assert.equal(decodeGcs(concat(header(8, 2), bits('10 11111111 0 00000000'))).size, 2)
      assertInvalid(concat(header(8, 2), bits('10 11111111 0 00000001')), /beyond the range 512/)
    })
  })

  describe('build rejects', () => {
    it('items whose length is not a multiple of itemBytes', () => {
      assert.throws(() => buildGcs(new Uint8Array(65)), /items length 65 is not a multiple of itemBytes 64/)
      assert.throws(() => buildGcs(new Uint8Array(20), { itemBytes: 8 }), /itemBytes 8/)
    })

    it('itemBytes under 8 and fpBits out of 8..40', () => {
      assert.throws(() => buildGcs(new Uint8Array(14), { itemBytes: 7 }), /itemBytes/)
      assert.throws(() => buildGcs(new Uint8Array(64), { fpBits: 7 }), /fpBits/)
      assert.throws(() => buildGcs(new Uint8Array(64), { fpBits: 41 }), /fpBits/)
      assert.throws(() => buildGcs(new Uint8Array(64), { fpBits: 30.5 }), /fpBits/)
    })

    it('n * 2^fpBits over 2^53', () => {
      assert.throws(() => buildGcs(new Uint8Array(8193 * 8), { fpBits: 40, itemBytes: 8 }), /over 2\^53/)
    })
  })

  describe('fuzz', () => {
    function assertDecodesOrRejects(bytes: Uint8Array, what: string): void {
      try {
        const filter = decodeGcs(bytes, { maxItems: 1_000_000 })
        assert.ok(filter.size <= bytes.length * 8, what)
      } catch (error) {
        if (!(error instanceof InvalidDigestError)) throw new Error(`${what}: ${String(error)}`)
      }
    }

    it('random byte strings either decode or throw InvalidDigestError', () => {
      const random = xorshift32(1)
      for (let i = 0; i < 2000; i++) {
        const bytes = seededBytes(`fuzz random ${i}`, random(200))
        // Most random strings would stop at the magic; give half of them a plausible header.
        if (i % 2 === 0 && bytes.length >= 10) bytes.set([0x53, 0x4c, 0x47, 0x31, 1, 8 + random(33), 0, 0, 0, random(40)])
        assertDecodesOrRejects(bytes, `random string ${i}`)
      }
    })

    it('mutated valid encodings either decode or throw InvalidDigestError', () => {
      const random = xorshift32(2)
      for (let i = 0; i < 2000; i++) {
        const n = random(40)
        const fpBits = 8 + random(33)
        const valid = buildGcs(seededBytes(`fuzz valid ${i}`, n * 64), { fpBits })
        let bytes: Uint8Array = valid.slice()
        for (let edits = 1 + random(3); edits > 0; edits--) {
          switch (random(4)) {
            case 0:
              if (bytes.length > 0) {
                const at = random(bytes.length)
                bytes[at] = (bytes[at] as number) ^ (1 << random(8))
              }
              break
            case 1:
              bytes = bytes.subarray(0, random(bytes.length + 1))
              break
            case 2:
              bytes = concat(bytes, seededBytes(`fuzz tail ${i} ${edits}`, 1 + random(4)))
              break
            default:
              if (bytes.length > 0) bytes[random(bytes.length)] = random(256)
          }
        }
        assertDecodesOrRejects(bytes, `mutation ${i}`)
      }
    })
  })
})
