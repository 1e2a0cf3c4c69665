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
  const type = encoder.encode(psiType(observable.type))
  const value = encoder.encode(observable.value)
  const out = new Uint8Array(PREFIX.length + type.length + 1 + value.length)
  out.set(PREFIX, 0)
  out.set(type, PREFIX.length)
  out[PREFIX.length + type.length] = 0
  out.set(value, PREFIX.length + type.length + 1)
  return out
}
