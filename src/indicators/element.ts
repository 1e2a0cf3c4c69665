import type { PackedBuilder } from '../crypto/packed.ts'
import { InvalidIndicatorError } from './errors.ts'
import type { IndicatorType, Observable } from './types.ts'

const PREFIX = new TextEncoder().encode('sightline/v1')
const encoder = new TextEncoder()

/**
 * The PSI type of an indicator. `hostname` and `domain` are one name space: a member that typed
 * a value as hostname must still match a member that imported it untyped (detected as domain).
 */
export function psiType(type: IndicatorType): string {
  if (type === 'hostname') return 'domain'
  if (type === 'ipv4-cidr' || type === 'ipv6-cidr') {
    throw new InvalidIndicatorError('CIDR ranges match locally and have no PSI element')
  }
  return type
}

/** DESIGN section 4: `"sightline/v1" || type || 0x00 || canonical value`, UTF-8. */
export function psiElement(observable: Observable): Uint8Array {
  const head = psiElementHead(observable.type)
  const value = encoder.encode(observable.value)
  const out = new Uint8Array(head.length + value.length)
  out.set(head, 0)
  out.set(value, head.length)
  return out
}

const heads = new Map<IndicatorType, Uint8Array>()

/** The bytes of a PSI element before the value: `"sightline/v1" || type || 0x00` (made once per type). */
export function psiElementHead(type: IndicatorType): Uint8Array {
  let head = heads.get(type)
  if (head === undefined) {
    const name = encoder.encode(psiType(type))
    head = new Uint8Array(PREFIX.length + name.length + 1)
    head.set(PREFIX, 0)
    head.set(name, PREFIX.length)
    heads.set(type, head)
  }
  return head
}

/** Appends psiElement(observable) to `out` without making an object per element. */
export function appendPsiElement(out: PackedBuilder, observable: Observable): void {
  const head = psiElementHead(observable.type)
  out.append(head.length + observable.value.length * 3, (into) => {
    into.set(head, 0)
    return head.length + encoder.encodeInto(observable.value, into.subarray(head.length)).written
  })
}
