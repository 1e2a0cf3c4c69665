import { FEED_SOURCE_PREFIX } from '../indicators/types.ts'
import { type AlertLevel, louder, type SourceKind } from '../store/repositories.ts'

export type { SourceKind } from '../store/repositories.ts'

export const SOURCE_KINDS: readonly SourceKind[] = ['public', 'community', 'internal']

/** Config `sourceKinds`: source name (or a pattern with `*`) -> kind, first match wins; `*` sets the default. */
export type SourceKindRules = Record<string, SourceKind>

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

/**
 * Names of well-known public feeds (the file names their downloads carry, and the names people
 * give them), matched against a source name. Adding a name here changes the default only: the
 * config `sourceKinds` always wins.
 */
const PUBLIC_FEEDS =
  /spamhaus|(^|[^a-z])e?drop(v6|_v[46])?([^a-z]|$)|abuse\.?ch|feodo|urlhaus|threatfox|malwarebazaar|sslbl|firehol|blocklist\.de|openphish|phishtank|emerging-?threats|compromised-ips|cins(score|army)|alienvault|otx|tor-?exit|binarydefense|greensnow|botvrij|circl-osint|digitalside/i

/** The kind of a source: config rules first, then the community feed and well-known public feeds (public), the API (internal), then the default. */
export function sourceKind(source: string, rules: SourceKindRules = {}): SourceKind {
  for (const [pattern, kind] of Object.entries(rules)) if (pattern !== '*' && globMatch(pattern, source)) return kind
  if (source.startsWith(FEED_SOURCE_PREFIX) || PUBLIC_FEEDS.test(source)) return 'public'
  if (source === 'api' || source.startsWith('api:')) return 'internal'
  return rules['*'] ?? 'community'
}

/** The alert level of a match from our sources' kinds and whether a sighting is involved. */
export function alertLevel(kinds: readonly SourceKind[], sighted: boolean, policy: AlertPolicy): AlertLevel {
  let level: AlertLevel = 'none'
  for (const kind of kinds) level = louder(level, policy[kind])
  return sighted ? louder(level, policy.sighted) : level
}

function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`).test(value)
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
