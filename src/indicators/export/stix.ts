import { randomUUID } from 'node:crypto'
import { stixHashPath } from '../stix-hashes.ts'
import { TLP_LEVELS, TLP2_MARKING_IDS, type Tlp } from '../tlp.ts'
import type { IndicatorRecord, IndicatorType, Observable, SightingRecord } from '../types.ts'
import { uuidv5 } from './uuid.ts'

/** Our namespace for deterministic STIX ids: one indicator keeps one id across exports. */
const SIGHTLINE_NAMESPACE = '7d1b3f4e-5a0c-4f6b-9b8e-2c3d4e5f6a7b'
const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d'

const PATTERN_PATH: Record<IndicatorType, string> = {
  ipv4: 'ipv4-addr:value',
  'ipv4-cidr': 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  'ipv6-cidr': 'ipv6-addr:value',
  domain: 'domain-name:value',
  hostname: 'domain-name:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: stixHashPath('md5'),
  sha1: stixHashPath('sha1'),
  sha256: stixHashPath('sha256'),
  sha512: stixHashPath('sha512'),
}

/** STIX 2.1 section 9.3: string literals escape backslash and single quote. */
export function stixPattern(item: Observable): string {
  const literal = item.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")
  return `[${PATTERN_PATH[item.type]} = '${literal}']`
}

export function indicatorId(item: Observable): string {
  return `indicator--${uuidv5(`${item.type}:${item.value}`, SIGHTLINE_NAMESPACE)}`
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** The TLP 2.0 marking-definition object of one level (FIRST TLP 2.0 as a STIX property extension). */
export function tlpMarkingDefinition(tlp: Tlp): object {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  }
}

/** The TLP 2.0 marking-definition objects of every level. */
export function tlpMarkingDefinitions(): object[] {
  return TLP_LEVELS.map(tlpMarkingDefinition)
}

/**
 * `created` of objects we make up rather than hold (member identities, the indicator of a match
 * whose record is gone): STIX forbids `created` to differ between versions of one id, so it is
 * one fixed instant, and `modified` carries the time.
 */
const MADE_UP_CREATED = Date.UTC(2020, 0, 1)

/** A STIX identity for a community member organization: one id per peer id, modified when seen. */
export function stixIdentity(peer: string, organization: string, modified: number): object {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidv5(`peer:${peer}`, SIGHTLINE_NAMESPACE)}`,
    created: iso(MADE_UP_CREATED),
    modified: iso(Math.max(modified, MADE_UP_CREATED)),
    name: organization,
    identity_class: 'organization',
    description: `Sightline member ${peer}`,
  }
}

/** What a match is, for STIX: which member holds or sighted which indicator, since when. */
export interface MatchFacts extends Observable {
  peer: string
  organization: string
  tlp: Tlp
  holds: boolean
  /** Sighting window label -> latest epoch confirmed. */
  sighted: Record<string, number>
  epoch: number
  confirmedEpoch?: number | undefined
  matchedAt: number
  updatedAt?: number | undefined
}

/** What the member is known to do, in words (the Sighting's description). */
function matchWords(match: MatchFacts): string {
  const windows = Object.keys(match.sighted)
  const sighted = windows.length === 0 ? '' : `sighted this indicator within ${windows.join(', ')}`
  if (!match.holds) return `${match.organization} ${sighted}`
  return `${match.organization} also holds this indicator${sighted === '' ? '' : ` and ${sighted}`}`
}

/**
 * A match as a STIX 2.1 Sighting (section 5.7) of our indicator, sighted by the matching
 * member's identity, marked with the indicator's TLP. Ids are name-based: the same match always
 * gives the same Sighting id. A re-confirmation in a later epoch is a new version of the same
 * Sighting (`modified` and `last_seen`), never a second object.
 */
export function stixMatchSighting(match: MatchFacts): object {
  const stamp = iso(match.matchedAt)
  const updated = iso(Math.max(match.updatedAt ?? match.matchedAt, match.matchedAt))
  const identity = stixIdentity(match.peer, match.organization, match.matchedAt) as { id: string }
  return {
    type: 'sighting',
    spec_version: '2.1',
    // The name of schema 1's per-item match, so a Sighting a SIEM already holds keeps its id.
    id: `sighting--${uuidv5(`match:${match.peer}\u0000${match.type}:${match.value}\u0000oprf`, SIGHTLINE_NAMESPACE)}`,
    created: stamp,
    modified: updated,
    sighting_of_ref: indicatorId(match),
    where_sighted_refs: [identity.id],
    // First matched, last confirmed; count: epochs from the first match to the last confirmation.
    first_seen: stamp,
    last_seen: updated,
    count: (match.confirmedEpoch ?? match.epoch) - match.epoch + 1,
    description: `${matchWords(match)} (Sightline private set intersection)`,
    object_marking_refs: [TLP2_MARKING_IDS[match.tlp]],
  }
}

/**
 * The objects a consumer needs to read one match on its own: the Sighting, its Indicator (our
 * record when held, else one made from the match), the member's Identity and the TLP marking.
 */
export function stixMatchObjects(match: MatchFacts, indicator?: IndicatorRecord): object[] {
  const record: IndicatorRecord = indicator ?? {
    type: match.type,
    value: match.value,
    tlp: match.tlp,
    tags: [],
    source: 'sightline',
    firstSeen: MADE_UP_CREATED,
    lastSeen: Math.max(match.matchedAt, MADE_UP_CREATED),
    count: 1,
  }
  return [
    stixMatchSighting(match),
    stixIndicator(record),
    stixIdentity(match.peer, match.organization, match.matchedAt),
    tlpMarkingDefinition(match.tlp),
  ]
}

/** Context only (MISP `to_ids: false`) and the source's context, for a person reading the bundle. */
function stixDescription(record: IndicatorRecord): string {
  const lines = record.ids === false ? ['Context only (not for detection).'] : []
  if (record.context !== undefined) lines.push(`Context: ${record.context.join('; ')}`)
  return lines.join(' ')
}

export function stixIndicator(record: IndicatorRecord): object {
  const stamp = iso(record.lastSeen)
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: indicatorId(record),
    created: iso(record.firstSeen),
    modified: stamp,
    name: `${record.type} ${record.value}`,
    pattern: stixPattern(record),
    pattern_type: 'stix',
    pattern_version: '2.1',
    // STIX wants valid_until after valid_from: a valid_until at or before the first sighting (a
    // feed row that expired before we saw it) moves valid_from back rather than losing the expiry.
    valid_from: iso(record.validUntil === undefined ? record.firstSeen : Math.min(record.firstSeen, record.validUntil - 1)),
    ...(record.validUntil === undefined ? {} : { valid_until: iso(record.validUntil) }),
    ...(record.revoked === true ? { revoked: true } : {}),
    ...(record.confidence === undefined ? {} : { confidence: record.confidence }),
    ...(record.tags.length === 0 ? {} : { labels: record.tags }),
    ...(record.ids === false || record.context !== undefined ? { description: stixDescription(record) } : {}),
    object_marking_refs: [TLP2_MARKING_IDS[record.tlp]],
  }
}

export function stixSighting(record: SightingRecord): object {
  const stamp = iso(record.time)
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: `sighting--${uuidv5(`${record.type}:${record.value}\u0000${record.time}\u0000${record.source}\u0000${record.where}`, SIGHTLINE_NAMESPACE)}`,
    created: stamp,
    modified: stamp,
    sighting_of_ref: indicatorId(record),
    count: Math.min(record.count, 999999999),
    first_seen: stamp,
    last_seen: stamp,
    ...(record.where === '' ? {} : { description: `seen at ${record.where} (source ${record.source})` }),
    object_marking_refs: [TLP2_MARKING_IDS[record.tlp]],
  }
}

export interface ExportSource {
  indicators(): AsyncIterable<IndicatorRecord>
  sightings(): AsyncIterable<SightingRecord>
  getIndicator(item: Observable): Promise<IndicatorRecord | undefined>
}

/**
 * Writes a STIX 2.1 bundle object by object, so an export of millions never sits in memory.
 * A sighting of a value held only as a sighting gets an indicator of its own, so every
 * sighting_of_ref resolves inside the bundle.
 */
export async function* stixBundle(source: ExportSource): AsyncGenerator<string> {
  yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[\n`
  let first = true
  const emit = (object: object): string => {
    const line = `${first ? '' : ',\n'}${JSON.stringify(object)}`
    first = false
    return line
  }
  for (const marking of tlpMarkingDefinitions()) yield emit(marking)
  for await (const record of source.indicators()) yield emit(stixIndicator(record))
  const added = new Set<string>()
  for await (const sighting of source.sightings()) {
    const id = indicatorId(sighting)
    if (!added.has(id) && (await source.getIndicator(sighting)) === undefined) {
      added.add(id)
      yield emit(
        stixIndicator({
          ...sighting,
          tags: [],
          source: sighting.source,
          firstSeen: sighting.time,
          lastSeen: sighting.time,
          count: sighting.count,
        }),
      )
    }
    yield emit(stixSighting(sighting))
  }
  yield '\n]}\n'
}
