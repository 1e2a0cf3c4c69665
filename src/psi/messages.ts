import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import type { Mode, Status } from './enums.ts'
import { BadMessageError } from './errors.ts'

const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/psi.proto', import.meta.url)))
const types = {
  ListAnnouncement: root.lookupType('sightline.psi.v2.ListAnnouncement'),
  ListRequest: root.lookupType('sightline.psi.v2.ListRequest'),
  ListResponse: root.lookupType('sightline.psi.v2.ListResponse'),
  RaiseRequest: root.lookupType('sightline.psi.v2.RaiseRequest'),
  RaiseResponse: root.lookupType('sightline.psi.v2.RaiseResponse'),
}

export const PSI_MESSAGE_VERSION = 2

export { isCountMode, isMode, Mode, Status, windowOf } from './enums.ts'

export interface ListAnnouncement {
  version: number
  suite: string
  epoch: number
  mode: Mode
  generation: number
  index: number
  listHash: Uint8Array
  points: number
  /** Sighted modes: the sighting window in seconds (0 for the holds modes). */
  windowSeconds: number
}

export interface ListRequest {
  version: number
  listHash: Uint8Array
}

export interface ListResponse {
  version: number
  status: Status
  points: Uint8Array
  message: string
}

export interface RaiseRequest {
  version: number
  suite: string
  epoch: number
  mode: Mode
  listHash: Uint8Array
  announcement: Uint8Array
  /** An ad-hoc question (empty for an announced list). */
  points: Uint8Array
}

export interface RaiseResponse {
  version: number
  status: Status
  tags: Uint8Array
  message: string
  budgetRemaining: number
}

interface Messages {
  ListAnnouncement: ListAnnouncement
  ListRequest: ListRequest
  ListResponse: ListResponse
  RaiseRequest: RaiseRequest
  RaiseResponse: RaiseResponse
}

const TO_OBJECT = { longs: Number, enums: Number, bytes: Uint8Array, defaults: true, arrays: true } as const

export function encode<K extends keyof Messages>(kind: K, message: Omit<Messages[K], 'version'>): Uint8Array {
  return types[kind].encode({ version: PSI_MESSAGE_VERSION, ...message } as never).finish()
}

/** Decodes with a size limit checked before parsing; a wrong version is refused. */
export function decode<K extends keyof Messages>(kind: K, bytes: Uint8Array, maxBytes: number): Messages[K] {
  if (bytes.length > maxBytes) throw new BadMessageError(`${kind} of ${bytes.length} bytes is over the ${maxBytes}-byte limit`)
  let message: Messages[K]
  try {
    message = types[kind].toObject(types[kind].decode(bytes), TO_OBJECT) as Messages[K]
  } catch (err) {
    throw new BadMessageError(`malformed ${kind}: ${(err as Error).message}`)
  }
  if (message.version !== PSI_MESSAGE_VERSION) {
    throw new BadMessageError(`${kind} version ${message.version} is not ${PSI_MESSAGE_VERSION}`)
  }
  return message
}
