import { i2osp } from './bytes.ts'
import { digest } from './digest.ts'

const B_IN_BYTES = 64
const S_IN_BYTES = 128

/**
 * RFC 9380 section 5.3.1 expand_message_xmd with SHA-512, for one DST and output length. Its
 * input buffers are kept between calls (Z_pad || msg || l_i_b_str || I2OSP(0, 1) || DST_prime,
 * and strxor(b_0, b_(i-1)) || I2OSP(i, 1) || DST_prime), so hashing many messages allocates only
 * the digests.
 */
export class XmdSha512 {
  readonly #length: number
  readonly #ell: number
  readonly #dstPrime: Uint8Array
  /** l_i_b_str = I2OSP(len_in_bytes, 2). */
  readonly #libStr: Uint8Array
  /** Z_pad || msg || l_i_b_str || 0x00 || DST_prime, grown to fit the longest msg so far. */
  #first: Uint8Array
  readonly #next: Uint8Array

  constructor(dst: Uint8Array, lenInBytes: number) {
    if (dst.length > 255) throw new RangeError('expand_message_xmd: DST longer than 255 bytes')
    this.#ell = Math.ceil(lenInBytes / B_IN_BYTES)
    if (this.#ell > 255 || lenInBytes > 65535) throw new RangeError('expand_message_xmd: requested length too large')
    this.#length = lenInBytes
    this.#libStr = i2osp(lenInBytes, 2)
    this.#dstPrime = new Uint8Array(dst.length + 1)
    this.#dstPrime.set(dst)
    this.#dstPrime[dst.length] = dst.length
    this.#first = this.#firstBuffer(64)
    this.#next = new Uint8Array(B_IN_BYTES + 1 + this.#dstPrime.length)
    this.#next.set(this.#dstPrime, B_IN_BYTES + 1)
  }

  expand(msg: Uint8Array): Uint8Array {
    const tail = 3 + this.#dstPrime.length
    if (this.#first.length < S_IN_BYTES + msg.length + tail) this.#first = this.#firstBuffer(msg.length * 2)
    const first = this.#first
    first.set(msg, S_IN_BYTES)
    let at = S_IN_BYTES + msg.length
    first.set(this.#libStr, at)
    first[at + 2] = 0
    first.set(this.#dstPrime, at + 3)
    at += tail
    const b0 = digest('sha512', first.subarray(0, at))
    const next = this.#next
    const out = new Uint8Array(this.#ell * B_IN_BYTES)
    let bi: Uint8Array = b0
    for (let i = 1; i <= this.#ell; i++) {
      // b_1 = H(b_0 || 1 || DST_prime); b_i = H(strxor(b_0, b_(i-1)) || i || DST_prime)
      for (let j = 0; j < B_IN_BYTES; j++) next[j] = i === 1 ? (b0[j] as number) : (b0[j] as number) ^ (bi[j] as number)
      next[B_IN_BYTES] = i
      bi = digest('sha512', next)
      out.set(bi, (i - 1) * B_IN_BYTES)
    }
    return out.subarray(0, this.#length)
  }

  /** A first-block buffer for messages up to `msgBytes`, Z_pad already zero. */
  #firstBuffer(msgBytes: number): Uint8Array {
    return new Uint8Array(S_IN_BYTES + msgBytes + 3 + this.#dstPrime.length)
  }
}

/** RFC 9380 section 5.3.1 expand_message_xmd with SHA-512, once (see XmdSha512 for many messages). */
export function expandMessageXmd(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
  return new XmdSha512(dst, lenInBytes).expand(msg)
}
