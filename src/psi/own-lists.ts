import { createHash } from 'node:crypto'
import { i2osp, utf8 } from '../crypto/bytes.ts'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { POINT_BYTES } from '../crypto/dh-suite.ts'
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
  async rebuild(elements: readonly Uint8Array[]): Promise<PublishedList> {
    this.#generation++
    this.#lists = []
    this.#items = 0
    return this.#publish(elements)
  }

  /** A delta of the current generation; its items are numbered after those already published. */
  async add(elements: readonly Uint8Array[]): Promise<PublishedList> {
    if (this.#generation < 0) throw new RangeError('add() before rebuild()')
    return this.#publish(elements)
  }

  async #publish(elements: readonly Uint8Array[]): Promise<PublishedList> {
    const index = this.#lists.length
    const first = this.#items
    const total = paddedSize(elements.length, this.#o.minListPoints)
    const all = elements.slice()
    for (let i = elements.length; i < total; i++) all.push(this.#paddingElement(index, i))
    const raised = await this.#engine.publish(this.#o.scalar, all, this.#o.dst)
    const order = sortedOrder(raised, total)
    const points = new Uint8Array(total * POINT_BYTES)
    const items = new Int32Array(total)
    order.forEach((from, to) => {
      points.set(raised.subarray(from * POINT_BYTES, (from + 1) * POINT_BYTES), to * POINT_BYTES)
      items[to] = from < elements.length ? first + from : -1
    })
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
    this.#items += elements.length
    return list
  }

  /** Padding element i of list `index`: secret, so a member cannot recompute it; distinct from every real element. */
  #paddingElement(index: number, i: number): Uint8Array {
    const digest = createHash('sha256')
      .update(this.#o.paddingSeed)
      .update(i2osp(this.#generation, 4))
      .update(i2osp(index, 4))
      .update(i2osp(i, 4))
      .digest()
    return Buffer.concat([PADDING_PREFIX, digest])
  }
}

const PADDING_PREFIX = utf8('sightline/padding\0')

/**
 * Positions of `n` packed points in byte order. Sorting 64-bit keys (the first 5 bytes of the
 * point, then the position) is a native typed-array sort; two points that share 40 leading bits
 * keep their input order, which says nothing about an item.
 */
function sortedOrder(points: Uint8Array, n: number): Uint32Array {
  if (n >= 2 ** 24) throw new RangeError(`a list of ${n} points is over 2^24`)
  const keys = new BigUint64Array(n)
  for (let i = 0; i < n; i++) {
    const o = i * POINT_BYTES
    const prefix =
      (points[o] as number) * 2 ** 32 +
      (points[o + 1] as number) * 2 ** 24 +
      (points[o + 2] as number) * 2 ** 16 +
      (points[o + 3] as number) * 2 ** 8 +
      (points[o + 4] as number)
    keys[i] = (BigInt(prefix) << 24n) | BigInt(i)
  }
  keys.sort()
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = Number((keys[i] as bigint) & 0xffffffn)
  return order
}
