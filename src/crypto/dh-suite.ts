import { forComponent } from '../logger.ts'
import { assertBytes, concat, i2osp, utf8 } from './bytes.ts'

const log = forComponent('sightline:crypto')

/** The commutative DH-PSI suite of DESIGN section 5, named in every message. */
export const DH_SUITE = 'sightline-dhpsi-x25519-v1'
/** An X25519 u-coordinate (RFC 7748 section 5): 32 bytes little-endian. */
export const POINT_BYTES = 32
/** An X25519 scalar before clamping (RFC 7748 section 5, decodeScalar25519). */
export const SCALAR_BYTES = 32
/** A returned tag: 8 bytes give about 2^-24 collision odds at 1M x 1M elements. */
export const TAG_BYTES = 8

const DST_PREFIX = utf8(`${DH_SUITE}:hash-to-u:`)
/** RFC 9380 section 5.3.3: a DST is at most 255 bytes. */
const MAX_COMMUNITY_BYTES = 255 - DST_PREFIX.length - 2 - 1

/**
 * The RFC 9380 domain separation tag (section 3.1) of the element-to-point map: suite, community
 * and mode, so a list raised for one community or mode is useless in another.
 * utf8('sightline-dhpsi-x25519-v1:hash-to-u:') || I2OSP(len(community), 2) || community || I2OSP(mode, 1)
 */
export function dhPsiDst(community: string, mode: number): Uint8Array {
  const name = utf8(community)
  if (name.length > MAX_COMMUNITY_BYTES) throw new RangeError(`community must be at most ${MAX_COMMUNITY_BYTES} UTF-8 bytes`)
  return concat(DST_PREFIX, i2osp(name.length, 2), name, i2osp(mode, 1))
}

export function assertScalar(scalar: unknown): asserts scalar is Uint8Array {
  assertBytes(scalar, 'scalar', SCALAR_BYTES)
}

/** Packed points: n * POINT_BYTES bytes. */
export function assertPoints(points: unknown, name = 'points'): asserts points is Uint8Array {
  assertBytes(points, name)
  if (points.length % POINT_BYTES !== 0) throw new RangeError(`${name} must be a multiple of ${POINT_BYTES} bytes, got ${points.length}`)
}

/**
 * X25519 (RFC 7748 section 5) over packed points with one backend's single multiplication: the
 * argument checks, the loop, and the rule that a small-order input (which every library refuses
 * in its own way) gives 32 zero bytes, in one place.
 */
export function raiseEach(scalar: Uint8Array, points: Uint8Array, one: (point: Uint8Array) => Uint8Array): Uint8Array {
  assertScalar(scalar)
  assertPoints(points)
  const out = new Uint8Array(points.length)
  for (let offset = 0; offset < points.length; offset += POINT_BYTES) {
    try {
      out.set(one(points.subarray(offset, offset + POINT_BYTES)), offset)
    } catch (err) {
      // An all-zero result (small-order u): leave 32 zero bytes.
      log.debug('X25519 gave no point (small-order u): zero bytes', { offset, err })
    }
  }
  return out
}
