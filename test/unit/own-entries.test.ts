import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { PackedBuilder, type PackedSource, pack, unpack } from '../../src/crypto/packed.ts'
import { appendPsiElement, psiElement } from '../../src/indicators/element.ts'
import type { Tlp } from '../../src/indicators/tlp.ts'
import type { IndicatorType } from '../../src/indicators/types.ts'
import { type Entry, OwnEntries } from '../../src/node/own-entries.ts'

interface PsiVector {
  type: IndicatorType
  value: string
  hex?: string
}
const vectors = (
  JSON.parse(readFileSync(new URL('../vectors/psi-element-v1.json', import.meta.url), 'utf8')) as { vectors: PsiVector[] }
).vectors.filter((v): v is Required<PsiVector> => v.hex !== undefined)

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const all = (source: PackedSource) => unpack(source.slice(0, source.count))

describe('packed PSI elements and OwnEntries', () => {
  it('appendPsiElement and OwnEntries.elements give the committed element bytes', () => {
    assert.ok(vectors.length > 5)
    const builder = new PackedBuilder(16, 1)
    const entries = new OwnEntries()
    for (const v of vectors) {
      appendPsiElement(builder, v)
      entries.push({ type: v.type, value: v.value, tlp: 'amber' })
    }
    assert.deepEqual(
      unpack(builder.finish()).map(hex),
      vectors.map((v) => v.hex),
    )
    assert.deepEqual(
      all(entries.elements()).map(hex),
      vectors.map((v) => v.hex),
    )
    assert.deepEqual(
      all(entries.elements(2, 4)).map(hex),
      vectors.slice(2, 4).map((v) => v.hex),
    )
  })

  it('keeps type, value and TLP in push order, and answers has() by type and value exactly', () => {
    const entries = new OwnEntries()
    const tlps: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red']
    const made: Entry[] = []
    // Enough values to rehash the index several times; non-ASCII values too.
    for (let i = 0; i < 5000; i++) {
      const entry: Entry =
        i % 3 === 0
          ? { type: 'domain', value: `host-${i}.example`, tlp: tlps[i % 5] as Tlp }
          : i % 3 === 1
            ? { type: 'url', value: `http://ex.example/ü/${i}`, tlp: tlps[i % 5] as Tlp }
            : { type: 'ipv4', value: `10.0.${i >> 8}.${i & 255}`, tlp: tlps[i % 5] as Tlp }
      entries.push(entry)
      made.push(entry)
    }
    assert.equal(entries.size, 5000)
    for (const [i, entry] of made.entries()) assert.deepEqual(entries.get(i), entry)
    assert.equal(entries.get(5000), undefined)
    for (const entry of made) assert.ok(entries.has(entry), entry.value)
    // The same value under another type, and values not pushed, are not held.
    assert.equal(entries.has({ type: 'hostname', value: 'host-0.example' }), false)
    assert.equal(entries.has({ type: 'domain', value: 'host-1.example' }), false)
    assert.equal(entries.has({ type: 'domain', value: 'host-0.example.' }), false)
    assert.deepEqual(
      all(entries.elements(0, 3)).map(hex),
      made.slice(0, 3).map((e) => hex(psiElement(e))),
    )
  })

  it('a source of elements gives the same bytes however it is sliced, and ignores values appended later', () => {
    const entries = new OwnEntries()
    for (let i = 0; i < 10; i++) entries.push({ type: 'ipv4', value: `192.0.2.${i}`, tlp: 'amber' })
    const source = entries.elements(2, 9)
    entries.push({ type: 'ipv4', value: '192.0.2.200', tlp: 'amber' })
    assert.equal(source.count, 7)
    const whole = all(source).map(hex)
    assert.deepEqual([...unpack(source.slice(0, 3)), ...unpack(source.slice(3, 7))].map(hex), whole)
    assert.deepEqual(
      whole,
      [2, 3, 4, 5, 6, 7, 8].map((i) => hex(psiElement({ type: 'ipv4', value: `192.0.2.${i}` }))),
    )
  })

  it('append() adds another set in order', () => {
    const a = new OwnEntries()
    const b = new OwnEntries()
    a.push({ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', tlp: 'amber' })
    b.push({ type: 'email', value: 'x@example.org', tlp: 'red' })
    a.append(b)
    assert.equal(a.size, 2)
    assert.deepEqual(a.get(1), { type: 'email', value: 'x@example.org', tlp: 'red' })
    assert.ok(a.has({ type: 'email', value: 'x@example.org' }))
  })

  it('pack() round-trips, including empty items and an empty list', () => {
    const items = [new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array(300).fill(7)]
    assert.deepEqual(unpack(pack(items)), items)
    assert.deepEqual(unpack(pack([])), [])
  })
})
