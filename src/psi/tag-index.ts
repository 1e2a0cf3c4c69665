import { TAG_BYTES } from '../crypto/dh-suite.ts'

/** Reads n 8-byte tags (n * TAG_BYTES bytes) as 64-bit integers, copying to an aligned buffer. */
export function tagsOf(bytes: Uint8Array): BigUint64Array {
  if (bytes.length % TAG_BYTES !== 0) throw new RangeError(`tags must be a multiple of ${TAG_BYTES} bytes, got ${bytes.length}`)
  const copy = new Uint8Array(bytes.length)
  copy.set(bytes)
  return new BigUint64Array(copy.buffer, 0, bytes.length / TAG_BYTES)
}

/**
 * tagsOf for bytes the caller hands over (an engine's fresh output): a view of the same memory
 * when it is 8-byte aligned, so a million tags are not held twice; a copy otherwise.
 */
export function adoptTags(bytes: Uint8Array): BigUint64Array {
  if (bytes.byteOffset % 8 !== 0 || bytes.length % TAG_BYTES !== 0) return tagsOf(bytes)
  return new BigUint64Array(bytes.buffer, bytes.byteOffset, bytes.length / TAG_BYTES)
}

/**
 * Tags kept sorted with the position each came from, for lookups: 12 bytes per tag. Built with
 * one native sort of (40-bit tag prefix, 24-bit position) keys, then full tags in that order.
 */
export class TagIndex {
  readonly #sorted: BigUint64Array
  readonly #positions: Uint32Array
  /** Tags equal to the one before them in sorted order: distinct points never give equal tags. */
  readonly duplicates: number = 0

  constructor(tags: BigUint64Array) {
    const n = tags.length
    if (n >= 2 ** 24) throw new RangeError(`${n} tags is over 2^24`)
    const keys = new BigUint64Array(n)
    for (let i = 0; i < n; i++) keys[i] = (((tags[i] as bigint) >> 24n) << 24n) | BigInt(i)
    keys.sort()
    this.#sorted = new BigUint64Array(n)
    this.#positions = new Uint32Array(n)
    for (let i = 0; i < n; i++) {
      const position = Number((keys[i] as bigint) & 0xffffffn)
      this.#positions[i] = position
      this.#sorted[i] = tags[position] as bigint
    }
    // Equal 40-bit prefixes keep position order, not tag order: sort those short runs by tag.
    for (let i = 1; i < n; i++) {
      if ((this.#sorted[i] as bigint) < (this.#sorted[i - 1] as bigint)) this.#fixRun(i)
    }
    for (let i = 1; i < n; i++) if (this.#sorted[i] === this.#sorted[i - 1]) this.duplicates++
  }

  get size(): number {
    return this.#sorted.length
  }

  /** The position of `tag`, or -1. */
  find(tag: bigint): number {
    const sorted = this.#sorted
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((sorted[mid] as bigint) < tag) lo = mid + 1
      else hi = mid
    }
    return lo < sorted.length && sorted[lo] === tag ? (this.#positions[lo] as number) : -1
  }

  /** Insertion step for the rare run of equal prefixes. */
  #fixRun(i: number): void {
    const tag = this.#sorted[i] as bigint
    const position = this.#positions[i] as number
    let j = i - 1
    while (j >= 0 && (this.#sorted[j] as bigint) > tag) {
      this.#sorted[j + 1] = this.#sorted[j] as bigint
      this.#positions[j + 1] = this.#positions[j] as number
      j--
    }
    this.#sorted[j + 1] = tag
    this.#positions[j + 1] = position
  }
}
