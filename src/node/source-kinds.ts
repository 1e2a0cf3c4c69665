import { SOURCE_KINDS, type SourceKind, type SourceKindRules } from '../indicators/source-kinds.ts'
import { type AlertLevel, louder } from '../store/repositories.ts'

// What a source's kind is belongs to the indicators (the store reads it too); the alert policy to the node.
export { SOURCE_KINDS, type SourceKind, type SourceKindRules, sourceKind } from '../indicators/source-kinds.ts'

/**
 * Config `alertPolicy`: the alert level a match calls for, by the kinds of our sources that hold
 * the value, and `sighted` when it was sighted (by us within a window, or by the member). The
 * loudest applicable level wins; `none` records the match without an alert.
 */
export interface AlertPolicy {
  public: AlertLevel
  community: AlertLevel
  internal: AlertLevel
  sighted: AlertLevel
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = { public: 'none', community: 'normal', internal: 'high', sighted: 'high' }

/** The alert level of a match from our sources' kinds and whether a sighting is involved. */
export function alertLevel(kinds: readonly SourceKind[], sighted: boolean, policy: AlertPolicy): AlertLevel {
  let level: AlertLevel = 'none'
  for (const kind of kinds) level = louder(level, policy[kind])
  return sighted ? louder(level, policy.sighted) : level
}

export function parseSourceKinds(value: unknown, where: string): SourceKindRules {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${where} must be an object`)
  const out: SourceKindRules = {}
  for (const [name, kind] of Object.entries(value)) {
    if (!SOURCE_KINDS.includes(kind as SourceKind)) throw new TypeError(`${where}.${name} must be one of ${SOURCE_KINDS.join(', ')}`)
    out[name] = kind as SourceKind
  }
  return out
}

export function parseAlertPolicy(value: unknown, where: string): AlertPolicy {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${where} must be an object`)
  const out = { ...DEFAULT_ALERT_POLICY }
  for (const [key, level] of Object.entries(value)) {
    if (!(key in out)) throw new TypeError(`${where}: unknown setting "${key}" (public, community, internal, sighted)`)
    if (level !== 'none' && level !== 'normal' && level !== 'high') throw new TypeError(`${where}.${key} must be none, normal or high`)
    out[key as keyof AlertPolicy] = level
  }
  return out
}
