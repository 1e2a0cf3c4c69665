import { sightline } from '../../proto/gen/sightline.js'
import { TLP_LEVELS, type Tlp } from '../indicators/tlp.ts'
import { type IndicatorRecord, type IndicatorType, isIndicatorType, type SightingRecord } from '../indicators/types.ts'
import { ownArray, toNumber } from '../proto-plain.ts'

/** Generated from proto/sightline.proto (`npm run generate`). */
const { Indicator: IndicatorMessage, Sighting: SightingMessage } = sightline.store.v1

function tlpFromWire(n: number): Tlp {
  const tlp = TLP_LEVELS[n]
  if (tlp === undefined) throw new Error(`stored record has unknown TLP ${String(n)}`)
  return tlp
}

function typeFromWire(s: string): IndicatorType {
  if (!isIndicatorType(s)) throw new Error(`stored record has unknown type ${String(s)}`)
  return s
}

export function encodeIndicator(record: IndicatorRecord): Uint8Array {
  return IndicatorMessage.encode({ ...record, tlp: TLP_LEVELS.indexOf(record.tlp) }).finish()
}

export function decodeIndicator(bytes: Uint8Array): IndicatorRecord {
  const o = IndicatorMessage.decode(bytes)
  return {
    type: typeFromWire(o.type),
    value: o.value,
    tlp: tlpFromWire(o.tlp),
    confidence: o.confidence ?? undefined,
    tags: ownArray(o.tags),
    source: o.source,
    firstSeen: o.firstSeen,
    lastSeen: o.lastSeen,
    count: toNumber(o.count),
    validUntil: o.validUntil ?? undefined,
    warninglist: o.warninglist ?? undefined,
    // Records written before these fields decode with them absent: an active IDS indicator.
    ids: o.ids === false ? false : undefined,
    revoked: o.revoked === true ? true : undefined,
    context: o.context.length > 0 ? ownArray(o.context) : undefined,
    sources: o.sources.length > 1 ? ownArray(o.sources) : undefined,
  }
}

export function encodeSighting(record: SightingRecord): Uint8Array {
  return SightingMessage.encode({ ...record, tlp: TLP_LEVELS.indexOf(record.tlp) }).finish()
}

export function decodeSighting(bytes: Uint8Array): SightingRecord {
  const o = SightingMessage.decode(bytes)
  return {
    type: typeFromWire(o.type),
    value: o.value,
    tlp: tlpFromWire(o.tlp),
    time: o.time,
    count: toNumber(o.count),
    source: o.source,
    where: o.where,
  }
}
