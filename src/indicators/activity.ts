import type { IndicatorRecord } from './types.ts'

/**
 * Which held indicators take part in detection. A revoked indicator, one past its `valid_until`
 * and one the source marked as context (MISP `to_ids: false`) is kept, listed and exported, but
 * is never alerted on; context enters PSI only when the node's `contextInPsi` switch is on.
 */
export interface DetectionPolicy {
  /** Current time (ms since the epoch): an indicator whose valid_until is not after it is expired. */
  now: number
  /** Config `contextInPsi` (default false): context-only indicators enter PSI too. */
  contextInPsi: boolean
}

type Flags = Pick<IndicatorRecord, 'revoked' | 'validUntil' | 'ids'>

/** Not revoked and not expired at `now`. */
export function isActive(record: Flags, now: number): boolean {
  return record.revoked !== true && (record.validUntil === undefined || record.validUntil > now)
}

/** Marked as context by its source (not for detection). */
export function isContextOnly(record: Flags): boolean {
  return record.ids === false
}

/** Whether the indicator goes into our PSI sets: active, and for detection unless the switch says otherwise. */
export function inPsi(record: Flags, policy: DetectionPolicy): boolean {
  return isActive(record, policy.now) && (policy.contextInPsi || !isContextOnly(record))
}

/** Whether a match on it may raise an alert: active and for detection, whatever the PSI switch. */
export function alertable(record: Flags & Pick<IndicatorRecord, 'warninglist'>, now: number): boolean {
  return isActive(record, now) && !isContextOnly(record) && record.warninglist === undefined
}
