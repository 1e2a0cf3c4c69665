/** Many byte strings in one buffer plus offsets: cheap to transfer to a worker, no per-item objects. */
export interface PackedInputs {
  data: Uint8Array
  /** offsets[i]..offsets[i + 1] is item i; length n + 1. */
  offsets: Uint32Array
}

/**
 * Elements packed on demand, a slice at a time (each slice its own buffers, transferable to a
 * worker): a node's list of a million values is never held packed whole beside its slices.
 */
export interface PackedSource {
  readonly count: number
  slice(from: number, to: number): PackedInputs
}

/**
 * Elements as a caller holds them: one Uint8Array each (tests, small batches) or a packed source
 * (a node's lists: a million Uint8Arrays cost a few hundred bytes each in objects alone).
 */
export type Elements = readonly Uint8Array[] | PackedSource

export function isSource(elements: Elements): elements is PackedSource {
  return !Array.isArray(elements)
}

export function countOf(elements: Elements): number {
  return isSource(elements) ? elements.count : elements.length
}

/** The source as given, or one over the elements packed now. */
export function sourceOf(elements: Elements): PackedSource {
  return isSource(elements) ? elements : packedSource(pack(elements))
}

/** A source over elements already packed (each slice a copy). */
export function packedSource(packed: PackedInputs): PackedSource {
  return { count: packed.offsets.length - 1, slice: (from, to) => slicePacked(packed, from, to) }
}

export function pack(items: readonly Uint8Array[]): PackedInputs {
  const out = new PackedBuilder()
  for (const item of items) out.push(item)
  return out.finish()
}

export function unpack(packed: PackedInputs): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i + 1 < packed.offsets.length; i++) out.push(packed.data.subarray(packed.offsets[i], packed.offsets[i + 1]))
  return out
}

export function slicePacked(packed: PackedInputs, from: number, to: number): PackedInputs {
  const start = packed.offsets[from] as number
  const end = packed.offsets[to] as number
  const offsets = new Uint32Array(to - from + 1)
  for (let i = from; i <= to; i++) offsets[i - from] = (packed.offsets[i] as number) - start
  return { data: packed.data.slice(start, end), offsets }
}

/** Builds PackedInputs item by item in buffers that double as they fill. */
export class PackedBuilder {
  #data: Uint8Array
  #offsets: Uint32Array
  #n = 0

  constructor(bytesHint = 1024, itemsHint = 64) {
    this.#data = new Uint8Array(Math.max(16, bytesHint))
    this.#offsets = new Uint32Array(Math.max(2, itemsHint + 1))
  }

  get length(): number {
    return this.#n
  }

  get byteLength(): number {
    return this.#offsets[this.#n] as number
  }

  push(item: Uint8Array): void {
    this.append(item.length, (into) => {
      into.set(item)
      return item.length
    })
  }

  /** Adds one item written by `write` into a view of at least `maxBytes`; `write` returns the bytes used. */
  append(maxBytes: number, write: (into: Uint8Array) => number): void {
    const start = this.#offsets[this.#n] as number
    if (start + maxBytes > this.#data.length) this.#data = grown(this.#data, start + maxBytes, start)
    if (this.#n + 2 > this.#offsets.length) {
      const offsets = new Uint32Array(this.#offsets.length * 2)
      offsets.set(this.#offsets)
      this.#offsets = offsets
    }
    const used = write(this.#data.subarray(start, start + maxBytes))
    if (!(used >= 0 && used <= maxBytes)) throw new RangeError(`wrote ${used} bytes into ${maxBytes}`)
    this.#n++
    this.#offsets[this.#n] = start + used
  }

  /** Item i, a view into the builder's buffer (valid until the next append). */
  at(i: number): Uint8Array {
    if (!(i >= 0 && i < this.#n)) throw new RangeError(`item ${i} of ${this.#n}`)
    return this.#data.subarray(this.#offsets[i], this.#offsets[i + 1])
  }

  /** The items packed in buffers trimmed to size (copied only when the builder has spare capacity). */
  finish(): PackedInputs {
    const bytes = this.byteLength
    return {
      data: bytes === this.#data.length ? this.#data : this.#data.slice(0, bytes),
      offsets: this.#n + 1 === this.#offsets.length ? this.#offsets : this.#offsets.slice(0, this.#n + 1),
    }
  }
}

function grown(data: Uint8Array, needed: number, used: number): Uint8Array {
  let size = data.length * 2
  while (size < needed) size *= 2
  const out = new Uint8Array(size)
  out.set(data.subarray(0, used))
  return out
}
