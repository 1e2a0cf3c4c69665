import { createHash } from 'node:crypto'
import { concat, i2osp } from './bytes.ts'

const B_IN_BYTES = 64
const S_IN_BYTES = 128
const Z_PAD = new Uint8Array(S_IN_BYTES)

/** RFC 9380 section 5.3.1 expand_message_xmd with SHA-512 (OpenSSL's SHA-512 through node:crypto). */
export function expandMessageXmd(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
  if (dst.length > 255) throw new RangeError('expand_message_xmd: DST longer than 255 bytes')
  const ell = Math.ceil(lenInBytes / B_IN_BYTES)
  if (ell > 255 || lenInBytes > 65535) throw new RangeError('expand_message_xmd: requested length too large')
  const dstPrime = concat(dst, i2osp(dst.length, 1))
  const b0 = createHash('sha512').update(Z_PAD).update(msg).update(i2osp(lenInBytes, 2)).update(i2osp(0, 1)).update(dstPrime).digest()
  const out = new Uint8Array(ell * B_IN_BYTES)
  let bi = createHash('sha512').update(b0).update(i2osp(1, 1)).update(dstPrime).digest()
  out.set(bi, 0)
  for (let i = 2; i <= ell; i++) {
    const x = Buffer.alloc(B_IN_BYTES)
    for (let j = 0; j < B_IN_BYTES; j++) x[j] = (b0[j] as number) ^ (bi[j] as number)
    bi = createHash('sha512').update(x).update(i2osp(i, 1)).update(dstPrime).digest()
    out.set(bi, (i - 1) * B_IN_BYTES)
  }
  return out.subarray(0, lenInBytes)
}
