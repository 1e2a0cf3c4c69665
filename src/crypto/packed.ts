/** Many byte strings in one buffer plus offsets: cheap to transfer to a worker, no per-item objects. */
export interface PackedInputs {
  data: Uint8Array
  /** offsets[i]..offsets[i + 1] is item i; length n + 1. */
  offsets: Uint32Array
}

export function pack(items: readonly Uint8Array[]): PackedInputs {
  const offsets = new Uint32Array(items.length + 1)
  let total = 0
  items.forEach((item, i) => {
    offsets[i] = total
    total += item.length
  })
  offsets[items.length] = total
  const data = new Uint8Array(total)
  items.forEach((item, i) => {
    data.set(item, offsets[i] as number)
  })
  return { data, offsets }
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
