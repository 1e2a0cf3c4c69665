import { BadMessageError } from './errors.ts'
import { isCountMode, type Mode } from './messages.ts'
import type { PublishedList } from './own-lists.ts'
import { TagIndex } from './tag-index.ts'

interface TheirList {
  generation: number
  /** Our tags of the member's list that we learn from. */
  tags: BigUint64Array
  /** Our tags of the member's list for the member: in list order (items) or shuffled (count). */
  returned: BigUint64Array
}

interface OurTags {
  list: PublishedList
  index: TagIndex
}

/**
 * What we hold about one member for one epoch and mode (DESIGN section 5, "Learn"): our tags of
 * its lists (raised with our scalar), and its tags of our lists (raised with its scalar). An item
 * of ours matches when the tag the member returned for it is among the tags we computed over the
 * member's lists: our own computation confirms every match. About 8 bytes per element of the
 * member's lists and 12 per element of ours.
 */
export class PairState {
  readonly mode: Mode
  readonly #theirs = new Map<string, TheirList>()
  readonly #ours = new Map<string, OurTags>()
  #theirGeneration = -1
  /** Our item numbers (of our current generation) found so far. */
  readonly #found = new Set<number>()
  #ourGeneration = -1

  constructor(mode: Mode) {
    this.mode = mode
  }

  hasTheirList(hash: string): boolean {
    return this.#theirs.has(hash)
  }

  returnedTags(hash: string): BigUint64Array | undefined {
    return this.#theirs.get(hash)?.returned
  }

  hasOurTags(hash: string): boolean {
    return this.#ours.has(hash)
  }

  get theirGeneration(): number {
    return this.#theirGeneration
  }

  /** Generation of our lists the member's tags are of (-1: none yet). */
  get ourGeneration(): number {
    return this.#ourGeneration
  }

  /**
   * The whole intersection now: our item numbers (of our current generation) among the member's
   * current lists, whether found before or not. Items mode only.
   */
  intersection(): number[] {
    const out = new Set<number>()
    if (isCountMode(this.mode)) return []
    for (const theirs of this.#theirs.values()) {
      for (const ours of this.#ours.values()) {
        for (const tag of theirs.tags) {
          const position = ours.index.find(tag)
          const item = position < 0 ? -1 : (ours.list.items[position] as number)
          if (item >= 0) out.add(item)
        }
      }
    }
    return [...out]
  }

  /** Elements of the member's current lists that we raised. */
  get theirPoints(): number {
    let n = 0
    for (const list of this.#theirs.values()) n += list.tags.length
    return n
  }

  /** Our tags of one of the member's lists. Returns our item numbers newly found (items mode). */
  addTheirList(hash: string, generation: number, tags: BigUint64Array, returned: BigUint64Array): number[] {
    if (generation < this.#theirGeneration) return []
    if (generation > this.#theirGeneration) {
      this.#theirs.clear()
      this.#theirGeneration = generation
    }
    this.#theirs.set(hash, { generation, tags, returned })
    if (isCountMode(this.mode)) return []
    const found: number[] = []
    for (const ours of this.#ours.values()) this.#match(tags, ours, found)
    return found
  }

  /** The member's tags of one of our lists. Returns our item numbers newly found (items mode). */
  addOurTags(list: PublishedList, tags: BigUint64Array): number[] {
    if (tags.length !== list.items.length)
      throw new BadMessageError(`member returned ${tags.length} tags for a list of ${list.items.length}`)
    if (list.generation < this.#ourGeneration) return []
    if (list.generation > this.#ourGeneration) {
      this.#ours.clear()
      this.#found.clear()
      this.#ourGeneration = list.generation
    }
    const index = new TagIndex(tags)
    if (index.duplicates > 0) throw new BadMessageError(`member returned ${index.duplicates} repeated tags for distinct points`)
    const ours = { list, index }
    this.#ours.set(Buffer.from(list.hash).toString('hex'), ours)
    if (isCountMode(this.mode)) return []
    const found: number[] = []
    for (const theirs of this.#theirs.values()) this.#match(theirs.tags, ours, found)
    return found
  }

  /**
   * Count mode: how many of our items the member holds. The member shuffled its tags of our
   * lists, so positions mean nothing here; padding never matches (the member cannot know it).
   */
  count(): number {
    let n = 0
    for (const ours of this.#ours.values()) {
      for (const theirs of this.#theirs.values()) for (const tag of theirs.tags) if (ours.index.find(tag) >= 0) n++
    }
    return n
  }

  /** An ad-hoc question's answer: which of its items (or how many) are among the member's lists. */
  lookup(query: PublishedList, tags: BigUint64Array): { found: number[]; count: number } {
    const index = new TagIndex(tags)
    const found: number[] = []
    let count = 0
    for (const theirs of this.#theirs.values()) {
      for (const tag of theirs.tags) {
        const position = index.find(tag)
        if (position < 0) continue
        count++
        const item = query.items[position] as number
        if (!isCountMode(this.mode) && item >= 0) found.push(item)
      }
    }
    return { found, count }
  }

  #match(theirTags: BigUint64Array, ours: OurTags, found: number[]): void {
    for (const tag of theirTags) {
      const position = ours.index.find(tag)
      if (position < 0) continue
      const item = ours.list.items[position] as number
      if (item < 0 || this.#found.has(item)) continue
      this.#found.add(item)
      found.push(item)
    }
  }
}
