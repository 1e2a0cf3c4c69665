import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js'
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js'
import { InvalidElementError } from './errors.ts'
import type { GroupBackend } from './group.ts'

const Point = ristretto255.Point
const Fn = Point.Fn

function scalarOf(bytes: Uint8Array): bigint {
  const n = bytesToNumberLE(bytes)
  if (n >= Fn.ORDER) throw new RangeError('scalar is not reduced modulo the group order')
  return n
}

function scalarBytes(n: bigint): Uint8Array {
  return numberToBytesLE(n, 32)
}

function element(bytes: Uint8Array): InstanceType<typeof Point> {
  let p: InstanceType<typeof Point>
  try {
    p = Point.fromBytes(bytes)
  } catch {
    throw new InvalidElementError('not a canonical ristretto255 element')
  }
  if (p.equals(Point.ZERO)) throw new InvalidElementError('identity element')
  return p
}

/** The reference backend: @noble/curves (audited, pure JS, constant-time by design, slow). */
export const nobleBackend: GroupBackend = {
  name: 'noble',
  // RFC 9496 section 4.3.4 one-way map (two Elligator maps, added); noble calls it deriveToCurve.
  elementFromUniform: (uniform64) =>
    (ristretto255_hasher.deriveToCurve as (b: Uint8Array) => { toBytes(): Uint8Array })(uniform64).toBytes(),
  scalarMult: (scalar, bytes) => {
    const k = scalarOf(scalar)
    if (k === 0n) throw new RangeError('zero scalar')
    return element(bytes).multiply(k).toBytes()
  },
  scalarMultBase: (scalar) => Point.BASE.multiply(scalarOf(scalar)).toBytes(),
  scalarReduce64: (bytes64) => scalarBytes(Fn.create(bytesToNumberLE(bytes64))),
  scalarInvert: (scalar) => scalarBytes(Fn.inv(scalarOf(scalar))),
  scalarMul: (a, b) => scalarBytes(Fn.mul(scalarOf(a), scalarOf(b))),
  isZeroScalar: (scalar) => scalar.every((b) => b === 0),
}
