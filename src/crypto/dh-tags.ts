import { createHash } from 'node:crypto'
import { assertBytes, concat, i2osp, utf8 } from './bytes.ts'
import { assertPoints, DH_SUITE, POINT_BYTES, TAG_BYTES } from './dh-suite.ts'
import { digest } from './digest.ts'

const TAG_LABEL = utf8(`${DH_SUITE}:tag`)
const ZERO = new Uint8Array([0])

/**
 * What a tag is bound to (DESIGN section 5): the pair of peer ids, the epoch and the mode, so a
 * member cannot relay one peer's list to another. The pair is ordered: `learner` is the member
 * that compares the tag with its own items. A raiser computes each tag twice, once with the list's
 * owner as learner (the tags it returns) and once with itself (the tags it learns from), so a
 * member that echoes our tags of its list back as its tags of ours matches nothing.
 * utf8('sightline-dhpsi-x25519-v1:tag') || 0x00 || learner || 0x00 || other || 0x00 ||
 * I2OSP(epoch, 8) || I2OSP(mode, 1); ids may not hold NUL.
 */
export function tagContext(learner: string, other: string, epoch: number, mode: number): Uint8Array {
  return concat(TAG_LABEL, ZERO, peerId(learner, 'learner'), ZERO, peerId(other, 'other'), ZERO, i2osp(epoch, 8), i2osp(mode, 1))
}

function peerId(id: string, name: string): Uint8Array {
  const bytes = utf8(id)
  if (bytes.length === 0 || bytes.includes(0)) throw new RangeError(`${name} must be a non-empty peer id without NUL`)
  return bytes
}

/**
 * The tag of a doubly raised value: the first TAG_BYTES of SHA-256 (FIPS 180-4) over
 * context || raised. 8 bytes give about 2^-24 odds of any collision between 1M and 1M elements
 * (n * m / 2^64).
 */
export function tagOf(raised: Uint8Array, context: Uint8Array): Uint8Array {
  assertBytes(raised, 'raised', POINT_BYTES)
  return new Uint8Array(createHash('sha256').update(context).update(raised).digest().subarray(0, TAG_BYTES))
}

/** SHA-256 of context || point for many points under one context, over one reused input buffer. */
function contextHasher(context: Uint8Array): (point: Uint8Array) => Uint8Array {
  const input = Buffer.alloc(context.length + POINT_BYTES)
  input.set(context)
  return (point) => {
    input.set(point, context.length)
    return digest('sha256', input)
  }
}

/** tagOf over packed points (n * 32 bytes): n * TAG_BYTES bytes in order. */
export function tagsOf(raised: Uint8Array, context: Uint8Array): Uint8Array {
  return interleavedTags(raised, [context])
}

/** tagOf under several contexts, interleaved per point: point i's tags at (i * k + j) * TAG_BYTES. */
export function interleavedTags(raised: Uint8Array, contexts: readonly Uint8Array[]): Uint8Array {
  assertPoints(raised, 'raised')
  const n = raised.length / POINT_BYTES
  const k = contexts.length
  const hashers = contexts.map(contextHasher)
  const out = new Uint8Array(n * k * TAG_BYTES)
  for (let i = 0; i < n; i++) {
    const point = raised.subarray(i * POINT_BYTES, (i + 1) * POINT_BYTES)
    hashers.forEach((digest, j) => {
      out.set(digest(point).subarray(0, TAG_BYTES), (i * k + j) * TAG_BYTES)
    })
  }
  return out
}

/**
 * Splits interleaved tags (one buffer, or consecutive slices of a batch) into one array per
 * context, each with its own buffer.
 */
export function deinterleave(tags: Uint8Array | readonly Uint8Array[], k: number): Uint8Array[] {
  const parts = tags instanceof Uint8Array ? [tags] : tags
  const n = parts.reduce((sum, p) => sum + p.length, 0) / (k * TAG_BYTES)
  const out = Array.from({ length: k }, () => new Uint8Array(n * TAG_BYTES))
  let to = 0
  for (const part of parts) {
    for (let from = 0; from < part.length; to += TAG_BYTES) {
      for (const tags of out) for (let b = 0; b < TAG_BYTES; b++, from++) tags[to + b] = part[from] as number
    }
  }
  return out
}
