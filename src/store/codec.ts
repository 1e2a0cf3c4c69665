import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { TLP_LEVELS, type Tlp } from '../indicators/tlp.ts'
import { type IndicatorRecord, type IndicatorType, isIndicatorType, type SightingRecord } from '../indicators/types.ts'

const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/sightline.proto', import.meta.url)))
const IndicatorMessage = root.lookupType('sightline.store.v1.Indicator')
const SightingMessage = root.lookupType('sightline.store.v1.Sighting')

const TO_OBJECT = { longs: Number, enums: Number, defaults: true } as const

function tlpFromWire(n: unknown): Tlp {
  const tlp = TLP_LEVELS[Number(n)]
  if (tlp === undefined) throw new Error(`stored record has unknown TLP ${String(n)}`)
  return tlp
}

function typeFromWire(s: unknown): IndicatorType {
  if (typeof s !== 'string' || !isIndicatorType(s)) throw new Error(`stored record has unknown type ${String(s)}`)
  return s
}

export function encodeIndicator(record: IndicatorRecord): Uint8Array {
  return IndicatorMessage.encode({ ...record, tlp: TLP_LEVELS.indexOf(record.tlp) }).finish()
}

export function decodeIndicator(bytes: Uint8Array): IndicatorRecord {
  const o = IndicatorMessage.toObject(IndicatorMessage.decode(bytes), TO_OBJECT)
  return {
    type: typeFromWire(o.type),
    value: o.value,
    tlp: tlpFromWire(o.tlp),
    confidence: o.confidence ?? undefined,
    tags: o.tags,
    source: o.source,
    firstSeen: o.firstSeen,
    lastSeen: o.lastSeen,
    count: o.count,
    validUntil: o.validUntil ?? undefined,
    warninglist: o.warninglist ?? undefined,
    // Records written before these fields decode with them absent: an active IDS indicator.
    ids: o.ids === false ? false : undefined,
    revoked: o.revoked === true ? true : undefined,
    context: Array.isArray(o.context) && o.context.length > 0 ? o.context : undefined,
    sources: Array.isArray(o.sources) && o.sources.length > 1 ? o.sources : undefined,
  }
}

export function encodeSighting(record: SightingRecord): Uint8Array {
  return SightingMessage.encode({ ...record, tlp: TLP_LEVELS.indexOf(record.tlp) }).finish()
}

export function decodeSighting(bytes: Uint8Array): SightingRecord {
  const o = SightingMessage.toObject(SightingMessage.decode(bytes), TO_OBJECT)
  return {
    type: typeFromWire(o.type),
    value: o.value,
    tlp: tlpFromWire(o.tlp),
    time: o.time,
    count: o.count,
    source: o.source,
    where: o.where,
  }
}
