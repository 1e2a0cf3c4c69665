import { createHash } from 'node:crypto'

/**
 * A seeded pseudo-random stream (xoshiro128**), one per purpose: forking by label keeps each
 * purpose's draws the same when another purpose draws more or less (a scenario that adds
 * sightings does not change its ground truth). Not for cryptography.
 */
export class Random {
  readonly #s: Uint32Array

  constructor(seed: number | string) {
    const digest = createHash('sha256').update(`sightline/sim/${seed}`).digest()
    this.#s = new Uint32Array([digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12) | 1])
  }

  fork(label: string): Random {
    return new Random(`${this.#s.join(',')}/${label}`)
  }

  /** Uniform in [0, 1). */
  next(): number {
    const s = this.#s
    const result = Math.imul(rotl(Math.imul(s[1] as number, 5), 7), 9) >>> 0
    const t = (s[1] as number) << 9
    s[2] = (s[2] as number) ^ (s[0] as number)
    s[3] = (s[3] as number) ^ (s[1] as number)
    s[1] = (s[1] as number) ^ (s[2] as number)
    s[0] = (s[0] as number) ^ (s[3] as number)
    s[2] = (s[2] as number) ^ t
    s[3] = rotl(s[3] as number, 11)
    return result / 2 ** 32
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  hex(chars: number): string {
    let out = ''
    while (out.length < chars)
      out += Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
    return out.slice(0, chars)
  }

  /** Standard normal by Box-Muller. */
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Exponential with the given mean (times between Poisson events). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const t = out[i] as T
      out[i] = out[j] as T
      out[j] = t
    }
    return out
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** An index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0)
    let x = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number
      if (x < 0) return i
    }
    return weights.length - 1
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
