/** Byte helpers for the RFC encodings (I2OSP, length prefixes, concatenation). */

const encoder = new TextEncoder()

export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

/** RFC 8017 I2OSP: a non-negative integer as `length` big-endian bytes. */
export function i2osp(value: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 256 ** length)
    throw new RangeError(`i2osp: ${value} does not fit in ${length} bytes`)
  const out = new Uint8Array(length)
  for (let i = length - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v % 256
  return out
}

/** RFC 9497 section 1.2 notation: I2OSP(len(x), 2) || x. */
export function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  return concat(i2osp(bytes.length, 2), bytes)
}

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`)
  if (length !== undefined && value.length !== length) throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`)
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new RangeError('not a hex string')
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
