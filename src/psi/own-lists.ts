import { createHash } from 'node:crypto'
import { i2osp, utf8 } from '../crypto/bytes.ts'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { POINT_BYTES } from '../crypto/dh-suite.ts'
import { countOf, type Elements, PackedBuilder, type PackedSource, packedSource } from '../crypto/packed.ts'
import type { Mode } from './messages.ts'
import { paddedSize } from './options.ts'

/** One list we publish: our raised elements and padding, sorted, with what each position holds. */
export interface PublishedList {
  epoch: number
  mode: Mode
  generation: number
  /** 0: the base list of the generation; 1, 2, ...: deltas. */
  index: number
  /** n * 32 bytes, sorted: the order says nothing about the items. */
  points: Uint8Array
  /** SHA-256 of `points`: the list's name on the wire. */
  hash: Uint8Array
  /** Position -> item number within the generation (base items first, then each delta's), -1 for padding. */
  items: Int32Array
  /** Sighted modes: the sighting window in seconds; 0 for the holds modes. */
  windowSeconds: number
}

export interface OwnListsOptions {
  epoch: number
  mode: Mode
  scalar: Uint8Array
  /** Hash-to-curve domain (suite, community, mode). */
  dst: Uint8Array
  /** Secret seed of the padding elements. */
  paddingSeed: Uint8Array
  minListPoints: number
  /** Sighted modes: the sighting window in seconds; 0 for the holds modes. */
  windowSeconds: number
}

/**
 * Our published lists of one epoch and mode (DESIGN section 5, "Publish"): a base list per
 * generation and numbered deltas. Each list is padded with raised random elements (they are
 * points of the same subgroup as real ones, so nothing tells them apart) up to a size bucket and
 * sorted. Padding is derived from a secret seed, so rebuilding the same items gives the same
 * list, and the same hash.
 */
export class OwnLists {
  readonly #o: OwnListsOptions
  readonly #engine: DhEngine
  #generation = -1
  #lists: PublishedList[] = []
  #items = 0

  constructor(options: OwnListsOptions, engine: DhEngine) {
    this.#o = options
    this.#engine = engine
  }

  get generation(): number {
    return this.#generation
  }

  /** Items in the current generation (base and deltas). */
  get items(): number {
    return this.#items
  }

  /** Deltas published in the current generation. */
  get deltas(): number {
    return Math.max(0, this.#lists.length - 1)
  }

  get lists(): readonly PublishedList[] {
    return this.#lists
  }

  byHash(hash: Uint8Array): PublishedList | undefined {
    return this.#lists.find((l) => Buffer.from(l.hash).equals(hash))
  }

  /** A new generation whose base list holds `elements` (item numbers 0..n-1). */
  async rebuild(elements: Elements): Promise<PublishedList> {
    this.#generation++
    this.#lists = []
    this.#items = 0
    return this.#publish(elements)
  }

  /** A delta of the current generation; its items are numbered after those already published. */
  async add(elements: Elements): Promise<PublishedList> {
    if (this.#generation < 0) throw new RangeError('add() before rebuild()')
    return this.#publish(elements)
  }

  async #publish(elements: Elements): Promise<PublishedList> {
    const index = this.#lists.length
    const first = this.#items
    const n = countOf(elements)
    const total = paddedSize(n, this.#o.minListPoints)
    // Real elements and padding are raised as two batches and sorted together: no copy of the
    // caller's elements is made to append the padding.
    const [real, padding] = await Promise.all([
      this.#engine.publish(this.#o.scalar, elements, this.#o.dst),
      total > n ? this.#engine.publish(this.#o.scalar, this.#padding(index, n, total), this.#o.dst) : new Uint8Array(0),
    ])
    const order = sortedOrder([real, padding])
    const points = new Uint8Array(total * POINT_BYTES)
    const items = new Int32Array(total)
    const [realBytes, paddingBytes] = [
      Buffer.from(real.buffer, real.byteOffset, real.length),
      Buffer.from(padding.buffer, padding.byteOffset, padding.length),
    ]
    for (let to = 0; to < total; to++) {
      const from = order[to] as number
      if (from < n) realBytes.copy(points, to * POINT_BYTES, from * POINT_BYTES, (from + 1) * POINT_BYTES)
      else paddingBytes.copy(points, to * POINT_BYTES, (from - n) * POINT_BYTES, (from - n + 1) * POINT_BYTES)
      items[to] = from < n ? first + from : -1
    }
    const list: PublishedList = {
      epoch: this.#o.epoch,
      mode: this.#o.mode,
      generation: this.#generation,
      index,
      points,
      hash: createHash('sha256').update(points).digest(),
      items,
      windowSeconds: this.#o.windowSeconds,
    }
    this.#lists.push(list)
    this.#items += n
    return list
  }

  /**
   * Padding elements from..total-1 of list `index`: secret, so a member cannot recompute them;
   * distinct from every real element (the prefix is no element's).
   */
  #padding(index: number, from: number, total: number): PackedSource {
    const size = PADDING_PREFIX.length + 32
    const out = new PackedBuilder((total - from) * size, total - from)
    for (let i = from; i < total; i++) {
      const digest = createHash('sha256')
        .update(this.#o.paddingSeed)
        .update(i2osp(this.#generation, 4))
        .update(i2osp(index, 4))
        .update(i2osp(i, 4))
        .digest()
      out.append(size, (into) => {
        into.set(PADDING_PREFIX)
        into.set(digest, PADDING_PREFIX.length)
        return size
      })
    }
    return packedSource(out.finish())
  }
}

const PADDING_PREFIX = utf8('sightline/padding\0')

/**
 * Positions of the packed points of `parts` (numbered across the parts in order) in byte order.
 * Sorting 64-bit keys (the first 5 bytes of the point, then the position) is a native typed-array
 * sort; two points that share 40 leading bits keep their input order, which says nothing about an
 * item.
 */
function sortedOrder(parts: readonly Uint8Array[]): Uint32Array {
  const n = parts.reduce((sum, p) => sum + p.length / POINT_BYTES, 0)
  if (n >= 2 ** 24) throw new RangeError(`a list of ${n} points is over 2^24`)
  const keys = new BigUint64Array(n)
  let i = 0
  for (const points of parts) {
    for (let o = 0; o < points.length; o += POINT_BYTES, i++) {
      const prefix =
        (points[o] as number) * 2 ** 32 +
        (points[o + 1] as number) * 2 ** 24 +
        (points[o + 2] as number) * 2 ** 16 +
        (points[o + 3] as number) * 2 ** 8 +
        (points[o + 4] as number)
      keys[i] = (BigInt(prefix) << 24n) | BigInt(i)
    }
  }
  keys.sort()
  const order = new Uint32Array(n)
  for (let j = 0; j < n; j++) order[j] = Number((keys[j] as bigint) & 0xffffffn)
  return order
}
