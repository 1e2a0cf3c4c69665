import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { psiElement } from '../../src/indicators/element.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { INDICATOR_TYPES, type IndicatorType } from '../../src/indicators/types.ts'

interface NormalizationVector {
  input: string
  type?: string
  expect?: { type: IndicatorType; value: string }
  error?: true
  note?: string
}

interface PsiVector {
  type: IndicatorType
  value: string
  hex: string
  note?: string
}

interface VectorFile<T> {
  version: number
  vectors: T[]
  /** PSI file only: observables that have no element. */
  refused?: { type: IndicatorType; value: string }[]
}

function loadVectors<T>(name: string): VectorFile<T> {
  return JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'))
}

const normalization = loadVectors<NormalizationVector>('normalization-v1.json')
const psi = loadVectors<PsiVector>('psi-element-v1.json')

/** Quoted, with invisible characters escaped and long values cut, so test titles stay readable. */
function show(text: string): string {
  const cut = text.length > 80 ? `${text.slice(0, 60)}...(${text.length} chars)` : text
  return JSON.stringify(cut).replace(/[\p{Cf}\p{Mn}\p{Zs}\u007f]/gu, (c) =>
    c === ' ' ? c : `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`,
  )
}

function title(v: NormalizationVector): string {
  const typed = v.type === undefined ? '' : ` as ${show(v.type)}`
  const outcome = v.expect === undefined ? 'is refused' : `-> ${v.expect.type} ${show(v.expect.value)}`
  return `${show(v.input)}${typed} ${outcome}${v.note === undefined ? '' : ` (${v.note})`}`
}

describe('normalization vectors v1', () => {
  it('is version 1 with at least 150 vectors', () => {
    assert.equal(normalization.version, 1)
    assert.ok(normalization.vectors.length >= 150, `only ${normalization.vectors.length} vectors`)
  })

  it('has every indicator type in some expected output', () => {
    const seen = new Set(normalization.vectors.flatMap((v) => (v.expect === undefined ? [] : [v.expect.type])))
    for (const type of INDICATOR_TYPES) assert.ok(seen.has(type), `no vector expects type ${type}`)
  })

  it('gives each vector either an expected output or error: true', () => {
    for (const v of normalization.vectors) {
      assert.equal(typeof v.input, 'string')
      assert.ok((v.expect === undefined) !== (v.error === undefined), `vector ${JSON.stringify(v.input)} needs expect xor error`)
    }
  })

  for (const v of normalization.vectors) {
    it(title(v), () => {
      if (v.expect === undefined) {
        assert.throws(
          () => normalize(v.input, v.type),
          (err: Error) => err.name === 'InvalidIndicatorError',
        )
        return
      }
      const got = normalize(v.input, v.type)
      assert.deepEqual({ type: got.type, value: got.value }, v.expect)
    })
  }
})

describe('PSI element vectors v1', () => {
  it('is version 1 with at least 12 vectors', () => {
    assert.equal(psi.version, 1)
    assert.ok(psi.vectors.length >= 12)
  })

  for (const v of psi.vectors) {
    it(`${v.type} ${show(v.value)}${v.note === undefined ? '' : ` (${v.note})`}`, () => {
      assert.equal(Buffer.from(psiElement({ type: v.type, value: v.value })).toString('hex'), v.hex)
    })
  }

  it('uses canonical values only', () => {
    for (const v of psi.vectors) assert.deepEqual(normalize(v.value, v.type), { type: v.type, value: v.value })
  })

  it('gives a hostname the element of the same domain', () => {
    assert.deepEqual(psiElement({ type: 'hostname', value: 'example.com' }), psiElement({ type: 'domain', value: 'example.com' }))
  })

  it('lists both range types as refused', () => {
    assert.deepEqual(psi.refused?.map((r) => r.type).sort(), ['ipv4-cidr', 'ipv6-cidr'])
  })

  for (const range of psi.refused ?? []) {
    it(`refuses ${range.type} ${range.value}: ranges match locally`, () => {
      assert.throws(
        () => psiElement(range),
        (err: Error) => err.name === 'InvalidIndicatorError',
      )
    })
  }
})
