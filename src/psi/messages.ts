import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { BadMessageError } from './errors.ts'

const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/psi.proto', import.meta.url)))
const types = {
  Digest: root.lookupType('sightline.psi.v1.Digest'),
  EvaluateRequest: root.lookupType('sightline.psi.v1.EvaluateRequest'),
  EvaluateResponse: root.lookupType('sightline.psi.v1.EvaluateResponse'),
  MatchNotice: root.lookupType('sightline.psi.v1.MatchNotice'),
}

export const PSI_MESSAGE_VERSION = 1

export enum Mode {
  Oprf = 0,
  Cardinality = 1,
}

export enum Status {
  Ok = 0,
  QuotaExceeded = 1,
  NotReciprocal = 2,
  UnknownEpoch = 3,
  BadRequest = 4,
  TooLarge = 5,
}

export interface Digest {
  version: number
  suite: string
  epoch: number
  mode: Mode
  setSizeBucket: number
  filter: Uint8Array
  delta: boolean
  sequence: number
}

export interface EvaluateRequest {
  version: number
  epoch: number
  mode: Mode
  elements: Uint8Array
}

export interface EvaluateResponse {
  version: number
  status: Status
  elements: Uint8Array
  quotaRemaining: number
  message: string
}

export interface MatchNotice {
  version: number
  epoch: number
  outputs: Uint8Array[]
}

interface Messages {
  Digest: Digest
  EvaluateRequest: EvaluateRequest
  EvaluateResponse: EvaluateResponse
  MatchNotice: MatchNotice
}

const TO_OBJECT = { longs: Number, enums: Number, bytes: Uint8Array, defaults: true, arrays: true } as const

export function encode<K extends keyof Messages>(kind: K, message: Messages[K]): Uint8Array {
  return types[kind].encode(message as never).finish()
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
  if ((message as { version: number }).version !== PSI_MESSAGE_VERSION) {
    throw new BadMessageError(`${kind} version ${(message as { version: number }).version} is not ${PSI_MESSAGE_VERSION}`)
  }
  return message
}
