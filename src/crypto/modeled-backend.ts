import { randomBytes } from 'node:crypto'
import { InvalidElementError } from './errors.ts'
import type { GroupBackend } from './group.ts'
import { Oprf } from './oprf.ts'

/** The ristretto255 group order l = 2^252 + 27742317777372353535851937790883648493 (RFC 9496 section 4). */
const L = 2n ** 252n + 27742317777372353535851937790883648493n
/** The stand-in generator: any non-zero residue will do in a group with no secrets to keep. */
const GENERATOR = 9n

function toBig(bytes: Uint8Array): bigint {
  if (bytes.length === 32) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, 32)
    return (
      v.getBigUint64(0, true) | (v.getBigUint64(8, true) << 64n) | (v.getBigUint64(16, true) << 128n) | (v.getBigUint64(24, true) << 192n)
    )
  }
  let n = 0n
  for (let i = bytes.length - 8; i >= 0; i -= 8) n = (n << 64n) | new DataView(bytes.buffer, bytes.byteOffset + i, 8).getBigUint64(0, true)
  return n
}

const MASK64 = (1n << 64n) - 1n

function toBytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32)
  const v = new DataView(out.buffer)
  v.setBigUint64(0, n & MASK64, true)
  v.setBigUint64(8, (n >> 64n) & MASK64, true)
  v.setBigUint64(16, (n >> 128n) & MASK64, true)
  v.setBigUint64(24, n >> 192n, true)
  return out
}

function scalar(bytes: Uint8Array, name: string): bigint {
  if (bytes.length !== 32) throw new RangeError(`${name} must be 32 bytes`)
  const n = toBig(bytes)
  if (n >= L) throw new RangeError(`${name} is not reduced modulo the group order`)
  return n
}

function element(bytes: Uint8Array): bigint {
  const n = bytes.length === 32 ? toBig(bytes) : 0n
  if (n === 0n || n >= L) throw new InvalidElementError('not a canonical, non-identity modeled element')
  return n
}

/** Modular inverse by the extended Euclidean algorithm (l is prime, so every non-zero residue has one). */
function invert(a: bigint): bigint {
  let [r0, r1] = [L, a % L]
  let [t0, t1] = [0n, 1n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[t0, t1] = [t1, t0 - q * t1]
  }
  return ((t0 % L) + L) % L
}

/**
 * MODELED crypto for simulations, NOT SECURE: a stand-in "group" that is the additive group of
 * the scalar field Z_l written multiplicatively (element x scalar = product mod l). The OPRF over
 * it keeps RFC 9497's message flow, 32-byte elements and scalars and 64-byte outputs, and its
 * outputs are a keyed PRF of the input that peers agree on, so PSI finds exactly the same matches;
 * but anyone can divide out a blind or a key. Only `sightline/sim` uses it, and every result it
 * produces is labelled `modeled` (CPU cost comes from a model measured on the real backend).
 */
export const modeledBackend: GroupBackend = {
  name: 'modeled',
  elementFromUniform: (uniform64) => {
    if (uniform64.length !== 64) throw new RangeError('uniform bytes must be 64 bytes')
    const n = toBig(uniform64) % L
    return toBytes(n === 0n ? 1n : n)
  },
  scalarMult: (s, e) => {
    const k = scalar(s, 'scalar')
    if (k === 0n) throw new InvalidElementError('scalar multiplication by zero gives the identity')
    return toBytes((k * element(e)) % L)
  },
  scalarMultBase: (s) => toBytes((scalar(s, 'scalar') * GENERATOR) % L),
  scalarReduce64: (bytes64) => {
    if (bytes64.length !== 64) throw new RangeError('bytes64 must be 64 bytes')
    return toBytes(toBig(bytes64) % L)
  },
  scalarInvert: (s) => {
    const k = scalar(s, 'scalar')
    if (k === 0n) throw new RangeError('zero has no inverse')
    return toBytes(invert(k))
  },
  scalarMul: (a, b) => toBytes((scalar(a, 'a') * scalar(b, 'b')) % L),
  isZeroScalar: (s) => s.every((byte) => byte === 0),
}

/**
 * The OPRF over the modeled backend, with random scalars cut from a pooled random buffer: one
 * system call per thousand blinds instead of one per blind, which otherwise dominates a modeled run.
 */
export class ModeledOprf extends Oprf {
  #pool = new Uint8Array(0)
  #offset = 0

  constructor() {
    super(modeledBackend)
  }

  override randomScalar(): Uint8Array {
    for (;;) {
      if (this.#offset + 64 > this.#pool.length) {
        this.#pool = new Uint8Array(randomBytes(64 * 1024))
        this.#offset = 0
      }
      const s = this.backend.scalarReduce64(this.#pool.subarray(this.#offset, this.#offset + 64))
      this.#offset += 64
      if (!this.backend.isZeroScalar(s)) return s
    }
  }
}
