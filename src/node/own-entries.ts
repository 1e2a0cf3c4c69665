import { PackedBuilder, type PackedInputs, type PackedSource } from '../crypto/packed.ts'
import { psiElementHead } from '../indicators/element.ts'
import { TLP_LEVELS, type Tlp } from '../indicators/tlp.ts'
import { INDICATOR_TYPES, type IndicatorType, type Observable } from '../indicators/types.ts'

/** One of our values in a list: what it is and its TLP (the stricter of indicator and sightings). */
export interface Entry extends Observable {
  tlp: Tlp
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const TYPE_CODE = new Map<string, number>(INDICATOR_TYPES.map((t, i) => [t, i]))
const TLP_CODE = new Map<string, number>(TLP_LEVELS.map((t, i) => [t, i]))

/**
 * Our values in one list, in item-number order, without an object per value: the UTF-8 values
 * packed in one buffer, one byte of type and TLP each, and an open-addressing index by (type,
 * value) that compares the bytes themselves, so `has` is exact. About the value's length plus
 * 13 to 21 bytes a value, where an array of entry objects and a Set of key strings cost about 250.
 */
export class OwnEntries {
  readonly #values = new PackedBuilder()
  /** type code << 3 | TLP code, per item. */
  #codes: Uint8Array<ArrayBuffer> = new Uint8Array(64)
  /** Item + 1 per slot (0: empty), linear probing, at most half full. */
  #slots = new Uint32Array(128)
  #scratch = new Uint8Array(256)

  get size(): number {
    return this.#values.length
  }

  push(entry: Entry): void {
    this.#push(codeOf(entry), this.#encode(entry.value))
  }

  /** Appends every entry of `other`, in order. */
  append(other: OwnEntries): void {
    for (let i = 0; i < other.size; i++) this.#push(other.#codes[i] as number, other.#values.at(i))
  }

  #push(code: number, bytes: Uint8Array): void {
    const item = this.size
    this.#values.push(bytes)
    if (item >= this.#codes.length) this.#codes = grown(this.#codes, item + 1)
    this.#codes[item] = code
    if ((item + 1) * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2)
    else this.#insert(item, hashOf(code >> 3, bytes))
  }

  /** Whether a value of this type is held (its TLP is not compared). */
  has(item: Observable): boolean {
    const type = TYPE_CODE.get(item.type)
    if (type === undefined) return false
    return this.#find(type, this.#encode(item.value)) >= 0
  }

  get(i: number): Entry | undefined {
    if (!(i >= 0 && i < this.size)) return undefined
    const code = this.#codes[i] as number
    return {
      type: INDICATOR_TYPES[code >> 3] as IndicatorType,
      value: decoder.decode(this.#values.at(i)),
      tlp: TLP_LEVELS[code & 7] as Tlp,
    }
  }

  /**
   * The PSI elements (DESIGN section 4) of items from..to-1, packed a slice at a time when asked
   * (values appended meanwhile do not change them).
   */
  elements(from = 0, to = this.size): PackedSource {
    if (!(from >= 0 && from <= to && to <= this.size)) throw new RangeError(`elements ${from}..${to} of ${this.size}`)
    return { count: to - from, slice: (a, b) => this.#pack(from + a, from + b) }
  }

  #pack(from: number, to: number): PackedInputs {
    let bytes = 0
    for (let i = from; i < to; i++) bytes += this.#head(i).length + this.#values.at(i).length
    const out = new PackedBuilder(bytes, to - from)
    for (let i = from; i < to; i++) {
      const head = this.#head(i)
      const value = this.#values.at(i)
      out.append(head.length + value.length, (into) => {
        into.set(head, 0)
        into.set(value, head.length)
        return head.length + value.length
      })
    }
    return out.finish()
  }

  #head(i: number): Uint8Array {
    return psiElementHead(INDICATOR_TYPES[(this.#codes[i] as number) >> 3] as IndicatorType)
  }

  /** The value's UTF-8 bytes in a scratch buffer (valid until the next call). */
  #encode(value: string): Uint8Array {
    if (value.length * 3 > this.#scratch.length) this.#scratch = new Uint8Array(value.length * 3)
    return this.#scratch.subarray(0, encoder.encodeInto(value, this.#scratch).written)
  }

  #find(type: number, bytes: Uint8Array): number {
    const mask = this.#slots.length - 1
    for (let s = hashOf(type, bytes) & mask; ; s = (s + 1) & mask) {
      const slot = this.#slots[s] as number
      if (slot === 0) return -1
      const item = slot - 1
      if ((this.#codes[item] as number) >> 3 === type && equal(this.#values.at(item), bytes)) return item
    }
  }

  #insert(item: number, hash: number): void {
    const mask = this.#slots.length - 1
    let s = hash & mask
    while (this.#slots[s] !== 0) s = (s + 1) & mask
    this.#slots[s] = item + 1
  }

  #rehash(size: number): void {
    this.#slots = new Uint32Array(size)
    for (let i = 0; i < this.size; i++) this.#insert(i, hashOf((this.#codes[i] as number) >> 3, this.#values.at(i)))
  }
}

function codeOf(entry: Entry): number {
  const type = TYPE_CODE.get(entry.type)
  const tlp = TLP_CODE.get(entry.tlp)
  if (type === undefined || tlp === undefined) throw new RangeError(`unknown type ${entry.type} or TLP ${entry.tlp}`)
  return (type << 3) | tlp
}

/** FNV-1a (32 bits) over the type code and the value's bytes, with a final avalanche (murmur3 fmix32). */
function hashOf(type: number, bytes: Uint8Array): number {
  let h = Math.imul(0x811c9dc5 ^ type, 0x01000193)
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function grown(codes: Uint8Array, needed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.max(needed, codes.length * 2))
  out.set(codes)
  return out
}
