import { FEED_SOURCE_PREFIX } from './types.ts'

/**
 * Where a source's indicators come from: `public` (open feeds anyone downloads), `community`
 * (shared by a community or vendor), `internal` (our own telemetry and work).
 */
export type SourceKind = 'public' | 'community' | 'internal'

export const SOURCE_KINDS: readonly SourceKind[] = ['public', 'community', 'internal']

/** Config `sourceKinds`: source name (or a pattern with `*`) -> kind, first match wins; `*` sets the default. */
export type SourceKindRules = Record<string, SourceKind>

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

function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`).test(value)
}
