/** Exact-match observable types (DESIGN section 4). CIDR ranges are kept as ranges and match locally. */
export const INDICATOR_TYPES = [
  'ipv4',
  'ipv6',
  'ipv4-cidr',
  'ipv6-cidr',
  'domain',
  'hostname',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'sha512',
] as const

export type IndicatorType = (typeof INDICATOR_TYPES)[number]

export function isIndicatorType(value: string): value is IndicatorType {
  return (INDICATOR_TYPES as readonly string[]).includes(value)
}

/** An indicator in canonical form: the bytes two organizations must agree on. */
export interface Observable {
  type: IndicatorType
  value: string
}

/** A stored indicator. Times are milliseconds since the Unix epoch. */
export interface IndicatorRecord extends Observable {
  tlp: import('./tlp.ts').Tlp
  /** 0..100, or undefined when the source gave none. */
  confidence?: number | undefined
  tags: string[]
  source: string
  firstSeen: number
  lastSeen: number
  /** How many times this indicator has been reported (imports of the same row add up). */
  count: number
  validUntil?: number | undefined
  /** Name of the warninglist that holds this value; such indicators are not alerted on by default. */
  warninglist?: string | undefined
  /**
   * False: context only (MISP `to_ids: false`): kept and exported, never alerted on and, unless the
   * node's `contextInPsi` switch is on, kept out of PSI. Undefined means true (an IDS indicator).
   */
  ids?: boolean | undefined
  /** The source withdrew it (STIX `revoked`): kept and exported, inactive (see activity.ts). */
  revoked?: boolean | undefined
  /** What the source said beside the value: `port:443`, `filename:x.exe`, a STIX comparison. */
  context?: string[] | undefined
  /** Every source that reported it, `source` first (capped); undefined means [source]. */
  sources?: string[] | undefined
}

/** A sighting: an indicator seen at a time, somewhere. */
export interface SightingRecord extends Observable {
  tlp: import('./tlp.ts').Tlp
  time: number
  count: number
  source: string
  /** Where it was seen: a sensor, host or log source name. */
  where: string
}

/** Source prefix of indicators received from members on the community feed (`feed:<organization>`). */
export const FEED_SOURCE_PREFIX = 'feed:'
