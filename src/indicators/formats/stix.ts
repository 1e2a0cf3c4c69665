import { tlpFromMarkingRefs } from '../tlp.ts'
import { pickJson } from './json-stream.ts'
import type { ParsedRow, ReaderContext, ReadItem } from './row.ts'
import { parseSimplePattern, UnsupportedPatternError } from './stix-pattern.ts'

type StixObject = Record<string, unknown> & { type?: unknown; id?: unknown }

/** Cyber-observable objects whose `value` (or hashes) we hold, with our type for them. */
const SCO_TYPES: Record<string, string> = {
  'ipv4-addr': 'ip',
  'ipv6-addr': 'ip',
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email',
}

const HASH_KEYS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' }

interface Observed {
  type: string
  value: string
}

/**
 * `ip` is resolved by normalize(); a value with a prefix length is a range. STIX has no hostname
 * type, so a domain-name of one label (our own export of a hostname) is a hostname.
 */
function refineType(type: string, value: string): string {
  if (type === 'ip' && value.includes('/')) return 'cidr'
  if (type === 'domain' && !value.replace(/\.$/, '').includes('.')) return 'hostname'
  return type
}

const MARKINGS_UNREADABLE = 'object_marking_refs is not a list of marking ids, so its TLP is unknown'

/** A malformed object_marking_refs rejects its object alone, rather than ending the bundle. */
function markingsReadable(object: StixObject): boolean {
  return object.object_marking_refs === undefined || Array.isArray(object.object_marking_refs)
}

function observablesOfSco(sco: StixObject): Observed[] {
  if (typeof sco !== 'object' || sco === null) return []
  const type = typeof sco.type === 'string' ? SCO_TYPES[sco.type] : undefined
  if (type !== undefined && typeof sco.value === 'string') return [{ type: refineType(type, sco.value), value: sco.value }]
  if ((sco.type === 'file' || sco.type === 'artifact') && typeof sco.hashes === 'object' && sco.hashes !== null) {
    return Object.entries(sco.hashes as Record<string, unknown>).flatMap(([name, hash]) => {
      const hashType = HASH_KEYS[name.toUpperCase()]
      return hashType !== undefined && typeof hash === 'string' ? [{ type: hashType, value: hash }] : []
    })
  }
  return []
}

/**
 * STIX 2.1 bundles: indicators with simple equality patterns become indicators; observed-data
 * and sightings become sightings of the observables or indicators they reference. TLP comes
 * from `object_marking_refs` (TLP 2.0 or 1.0 marking ids), else the import's default.
 *
 * The bundle is read twice, streaming both times: first to collect observed-data and sightings
 * (the objects that reference others) and the ids they need, then to import indicators while
 * remembering only the referenced ids. Memory follows the number of sightings, not the bundle.
 */
export async function* readStix(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  const referrers: { index: number; object: StixObject }[] = []
  const wanted = new Set<string>()
  let index = 0
  try {
    for await (const value of pickJson(file, /^objects\.\d+$/)) {
      const object = value as StixObject
      if (object?.type === 'sighting' || object?.type === 'observed-data') {
        referrers.push({ index, object })
        for (const ref of [object.sighting_of_ref, ...(Array.isArray(object.object_refs) ? object.object_refs : [])]) {
          if (typeof ref === 'string') wanted.add(ref)
        }
      }
      index++
    }
  } catch (err) {
    // A broken document (a truncated download): the second pass keeps the objects before the
    // break, each with its own markings, and then fails with this same error.
    if (index === 0) throw err
  }
  if (index === 0) {
    yield { kind: 'error', line: null, pointer: '/objects', reason: 'not a STIX bundle with objects' }
    return
  }

  const resolved = new Map<string, { observed: Observed[]; tlp: unknown }>()
  index = 0
  for await (const value of pickJson(file, /^objects\.\d+$/, context.onBytes)) {
    const object = value as StixObject
    const pointer = `/objects/${index++}`
    if (typeof object !== 'object' || object === null) {
      yield { kind: 'error', line: null, pointer, reason: 'bundle entry is not an object' }
      continue
    }
    if (!markingsReadable(object)) {
      yield { kind: 'error', line: null, pointer, reason: MARKINGS_UNREADABLE }
      continue
    }
    const tlp = tlpFromMarkingRefs(object.object_marking_refs as unknown[] | undefined)
    if (object.type === 'indicator') {
      const rows = indicatorRows(object, pointer, tlp)
      if (typeof object.id === 'string' && wanted.has(object.id) && !('error' in rows)) {
        resolved.set(object.id, { observed: rows.map((r) => ({ type: r.type as string, value: r.value as string })), tlp })
      }
      if ('error' in rows) yield { kind: 'error', line: null, pointer, reason: rows.error }
      else yield* rows
    } else if (typeof object.id === 'string' && wanted.has(object.id)) {
      resolved.set(object.id, { observed: observablesOfSco(object), tlp })
    } else if (object.type !== 'sighting' && object.type !== 'observed-data') {
      yield { kind: 'skip' }
    }
  }

  for (const { index: at, object } of referrers) {
    yield* sightingRows(object, `/objects/${at}`, resolved)
  }
}

function indicatorRows(object: StixObject, pointer: string, tlp: unknown): ParsedRow[] | { error: string } {
  if (object.pattern_type !== undefined && object.pattern_type !== 'stix') {
    return { error: `pattern_type ${String(object.pattern_type)} is not supported (only stix)` }
  }
  if (typeof object.pattern !== 'string') return { error: 'indicator has no pattern' }
  let values: ReturnType<typeof parseSimplePattern>
  try {
    values = parseSimplePattern(object.pattern)
  } catch (err) {
    if (err instanceof UnsupportedPatternError) return { error: `pattern ${object.pattern}: ${err.message}` }
    throw err
  }
  return values.map((v) => ({
    kind: 'indicator',
    line: null,
    pointer,
    value: v.value,
    type: refineType(v.type, v.value),
    tlp,
    confidence: object.confidence,
    tags: [
      ...(Array.isArray(object.labels) ? object.labels : []),
      ...(Array.isArray(object.indicator_types) ? object.indicator_types : []),
    ],
    source: object.created_by_ref,
    firstSeen: object.valid_from ?? object.created,
    lastSeen: object.modified ?? object.valid_from ?? object.created,
    validUntil: object.valid_until,
    // A revoked indicator is kept, marked inactive; one past valid_until is inactive by its date.
    ...(object.revoked === true ? { revoked: true } : {}),
    ...(v.context === undefined ? {} : { context: v.context }),
  }))
}

function* sightingRows(
  object: StixObject,
  pointer: string,
  resolved: Map<string, { observed: Observed[]; tlp: unknown }>,
): Generator<ReadItem> {
  if (!markingsReadable(object)) {
    yield { kind: 'error', line: null, pointer, reason: MARKINGS_UNREADABLE }
    return
  }
  const tlp = tlpFromMarkingRefs(object.object_marking_refs as unknown[] | undefined)
  const observed: Observed[] = []
  let refs: unknown[]
  let count: unknown
  let time: unknown
  if (object.type === 'sighting') {
    refs = [object.sighting_of_ref]
    count = object.count ?? 1
    time = object.last_seen ?? object.first_seen ?? object.created
  } else {
    refs = Array.isArray(object.object_refs) ? object.object_refs : []
    count = object.number_observed ?? 1
    time = object.last_observed ?? object.first_observed ?? object.created
    // STIX 2.0-style observed-data embeds its observables.
    if (typeof object.objects === 'object' && object.objects !== null) {
      for (const sco of Object.values(object.objects as Record<string, StixObject>)) observed.push(...observablesOfSco(sco))
    }
  }
  let inheritedTlp: unknown
  for (const ref of refs) {
    const target = typeof ref === 'string' ? resolved.get(ref) : undefined
    if (target === undefined) {
      yield {
        kind: 'error',
        line: null,
        pointer,
        reason: `${String(object.type)} references ${String(ref)}, which is not an importable object in this bundle`,
      }
      continue
    }
    observed.push(...target.observed)
    inheritedTlp ??= target.tlp
  }
  const where = Array.isArray(object.where_sighted_refs) ? object.where_sighted_refs.join(',') : ''
  for (const item of observed) {
    yield {
      kind: 'sighting',
      line: null,
      pointer,
      value: item.value,
      type: item.type,
      tlp: tlp ?? inheritedTlp,
      count,
      time,
      source: object.created_by_ref,
      where,
    }
  }
}
