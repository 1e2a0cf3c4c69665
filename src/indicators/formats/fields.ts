import type { ParsedRow } from './row.ts'

/**
 * Column and field names accepted in CSV headers and NDJSON objects, mapped to row fields.
 * Matching ignores case, spaces, dashes and underscores.
 */
const FIELD_NAMES: Record<string, keyof ParsedRow> = {
  value: 'value',
  indicator: 'value',
  ioc: 'value',
  observable: 'value',
  type: 'type',
  indicatortype: 'type',
  tlp: 'tlp',
  confidence: 'confidence',
  tags: 'tags',
  labels: 'tags',
  source: 'source',
  firstseen: 'firstSeen',
  lastseen: 'lastSeen',
  validuntil: 'validUntil',
  expires: 'validUntil',
  count: 'count',
  ids: 'ids',
  toids: 'ids',
  revoked: 'revoked',
  context: 'context',
  time: 'time',
  timestamp: 'time',
  seen: 'time',
  where: 'where',
  location: 'where',
  sensor: 'where',
  host: 'where',
}

export function fieldFor(name: string): keyof ParsedRow | undefined {
  return FIELD_NAMES[name.toLowerCase().replace(/[\s_-]/g, '')]
}
