import { strict as assert } from 'node:assert'
import { readFileSync } from 'node:fs'
import { normalize } from '../../src/indicators/normalize.ts'
import { INDICATOR_TYPES } from '../../src/indicators/types.ts'

/** xorshift32: a small seeded PRNG, so a failure reproduces from its seed and iteration. */
function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state
  }
}

class Random {
  readonly #next: () => number
  constructor(seed: number) {
    this.#next = xorshift32(seed)
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return this.#next() % n
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}

const vectors: { input: string; expect?: { value: string } }[] = JSON.parse(
  readFileSync(new URL('../vectors/normalization-v1.json', import.meta.url), 'utf8'),
).vectors
const SEEDS = [...new Set(vectors.flatMap((v) => [v.input, ...(v.expect === undefined ? [] : [v.expect.value])]))]

/** Pieces that steer mutations towards the parsers' edges: separators, defangs, escapes, prefixes. */
const TOKENS = [
  '.',
  '..',
  ':',
  '::',
  '/',
  '//',
  '@',
  '[',
  ']',
  '%',
  '%2e',
  '%41',
  '%zz',
  '#',
  '?',
  '\\',
  ' ',
  '-',
  '_',
  '0',
  '00',
  '255',
  '256',
  'ffff',
  '/24',
  '/128',
  '[.]',
  '(dot)',
  '[@]',
  '[:]',
  '[://]',
  'hxxp://',
  'http://',
  'mailto:',
  'xn--',
  'xn--mnchen-3ya',
  'ü',
  'ß',
  'é',
  '\u3002',
  '\uff0e',
  '\u200d',
  '\u0301',
  '\u00ad',
  '\u0000',
  '\t',
  '\n',
  '\ud800',
]

const TYPE_NAMES = [...INDICATOR_TYPES, 'ip', 'hash', 'cidr', 'host', 'domain-name', 'ipv4-addr', 'sha-256', 'URL', 'bogus', '']

function randomChar(rng: Random): string {
  switch (rng.int(4)) {
    case 0:
      return String.fromCharCode(0x20 + rng.int(0x5f)) // printable ASCII
    case 1:
      return String.fromCharCode(rng.int(0x80)) // any ASCII, controls included
    case 2:
      return rng.pick(TOKENS)
    default:
      return String.fromCharCode(rng.int(0x10000)) // any BMP code unit, lone surrogates included
  }
}

function randomString(rng: Random): string {
  let s = ''
  for (let n = rng.int(40); n > 0; n--) s += randomChar(rng)
  return s
}

function mutate(rng: Random, input: string): string {
  let s = input
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const at = rng.int(s.length + 1)
    switch (rng.int(6)) {
      case 0:
        s = s.slice(0, at) + randomChar(rng) + s.slice(at)
        break
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + rng.int(3))
        break
      case 2:
        s = s.slice(0, at) + randomChar(rng) + s.slice(at + 1)
        break
      case 3:
        s = s.slice(0, at) + s.slice(at, at + 1 + rng.int(8)) + s.slice(at)
        break
      case 4:
        s = rng.int(2) === 0 ? s.toUpperCase() : s.toLowerCase()
        break
      default:
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at)
    }
  }
  return s
}

/** normalize() either refuses with InvalidIndicatorError or returns a canonical value it maps to itself. */
function check(input: string, typeName: string | undefined, where: string): 'accepted' | 'refused' {
  let result: ReturnType<typeof normalize>
  try {
    result = normalize(input, typeName)
  } catch (err) {
    assert.equal((err as Error).name, 'InvalidIndicatorError', `${where}: ${JSON.stringify(input)} threw ${String(err)}`)
    return 'refused'
  }
  assert.ok(INDICATOR_TYPES.includes(result.type), `${where}: unknown type ${result.type}`)
  assert.ok(result.value.length > 0, `${where}: empty value`)
  let again: ReturnType<typeof normalize>
  try {
    again = normalize(result.value, result.type)
  } catch (err) {
    assert.fail(`${where}: ${JSON.stringify(input)} gave ${result.type} ${JSON.stringify(result.value)}, which is refused: ${String(err)}`)
  }
  assert.deepEqual(again, result, `${where}: ${JSON.stringify(input)} gave ${JSON.stringify(result)}, not a fixed point`)
  return 'accepted'
}

describe('normalize fuzz', () => {
  const ITERATIONS = 4000

  for (const [name, seed, make] of [
    ['random strings', 0x5eed0001, (rng: Random) => randomString(rng)],
    ['mutated indicators', 0x5eed0002, (rng: Random) => mutate(rng, rng.pick(SEEDS))],
  ] as const) {
    it(`${name}: ${ITERATIONS} inputs are refused or normalize to a fixed point (seed ${seed.toString(16)})`, () => {
      const rng = new Random(seed)
      const outcomes = { accepted: 0, refused: 0 }
      for (let i = 0; i < ITERATIONS; i++) {
        const input = make(rng)
        const typeName = rng.int(3) === 0 ? rng.pick(TYPE_NAMES) : undefined
        outcomes[check(input, typeName, `seed ${seed.toString(16)} iteration ${i}`)]++
      }
      // A fuzz run that accepts nothing (or refuses nothing) exercises only one side.
      assert.ok(outcomes.refused > 0, 'nothing refused')
      if (name === 'mutated indicators') assert.ok(outcomes.accepted > ITERATIONS / 10, `only ${outcomes.accepted} accepted`)
    })
  }

  it('refuses or normalizes to a fixed point every input and output of the vector file', () => {
    for (const seed of SEEDS) check(seed, undefined, 'seed')
  })
})
