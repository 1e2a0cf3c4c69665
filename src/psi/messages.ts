import { sightline } from '../../proto/gen/psi.js'
import { type Plain, toNumber } from '../proto-plain.ts'
import type { Mode, Status } from './enums.ts'
import { BadMessageError } from './errors.ts'

/** Generated from proto/psi.proto (`npm run generate`). */
const wire = sightline.psi.v2

export const PSI_MESSAGE_VERSION = 2

export { isCountMode, isMode, Mode, Status, windowOf } from './enums.ts'

/** The generated message with its wire enums as the PSI layer's own enums (same numbers). */
type WithEnums<M, E> = Omit<Plain<M>, keyof E> & E

export type ListAnnouncement = WithEnums<sightline.psi.v2.ListAnnouncement, { mode: Mode }>
export type ListRequest = Plain<sightline.psi.v2.ListRequest>
export type ListResponse = WithEnums<sightline.psi.v2.ListResponse, { status: Status }>
/** `points` carries an ad-hoc question (empty for an announced list). */
export type RaiseRequest = WithEnums<sightline.psi.v2.RaiseRequest, { mode: Mode }>
export type RaiseResponse = WithEnums<sightline.psi.v2.RaiseResponse, { status: Status }>

interface Messages {
  ListAnnouncement: ListAnnouncement
  ListRequest: ListRequest
  ListResponse: ListResponse
  RaiseRequest: RaiseRequest
  RaiseResponse: RaiseResponse
}

/** Wire enum numbers as the PSI layer's enums of the same numbers (unknown numbers pass through, as before: callers check them). */
const asMode = (value: number): Mode => value
const asStatus = (value: number): Status => value

/** Decoders to plain objects, every field present (defaults filled in). */
const decoders: { [K in keyof Messages]: (bytes: Uint8Array) => Messages[K] } = {
  ListAnnouncement: (bytes) => {
    const m = wire.ListAnnouncement.decode(bytes)
    return {
      version: m.version,
      suite: m.suite,
      epoch: toNumber(m.epoch),
      mode: asMode(m.mode),
      generation: m.generation,
      index: m.index,
      listHash: m.listHash,
      points: toNumber(m.points),
      windowSeconds: toNumber(m.windowSeconds),
    }
  },
  ListRequest: (bytes) => {
    const m = wire.ListRequest.decode(bytes)
    return { version: m.version, listHash: m.listHash }
  },
  ListResponse: (bytes) => {
    const m = wire.ListResponse.decode(bytes)
    return { version: m.version, status: asStatus(m.status), points: m.points, message: m.message }
  },
  RaiseRequest: (bytes) => {
    const m = wire.RaiseRequest.decode(bytes)
    return {
      version: m.version,
      suite: m.suite,
      epoch: toNumber(m.epoch),
      mode: asMode(m.mode),
      listHash: m.listHash,
      announcement: m.announcement,
      points: m.points,
    }
  },
  RaiseResponse: (bytes) => {
    const m = wire.RaiseResponse.decode(bytes)
    const budgetRemaining = toNumber(m.budgetRemaining)
    return { version: m.version, status: asStatus(m.status), tags: m.tags, message: m.message, budgetRemaining }
  },
}

const wireMode = (mode: number): sightline.psi.v2.Mode => mode
const wireStatus = (status: number): sightline.psi.v2.Status => status
const V = PSI_MESSAGE_VERSION

const encoders: { [K in keyof Messages]: (message: Omit<Messages[K], 'version'>) => Uint8Array } = {
  ListAnnouncement: (m) => wire.ListAnnouncement.encode({ version: V, ...m, mode: wireMode(m.mode) }).finish(),
  ListRequest: (m) => wire.ListRequest.encode({ version: V, ...m }).finish(),
  ListResponse: (m) => wire.ListResponse.encode({ version: V, ...m, status: wireStatus(m.status) }).finish(),
  RaiseRequest: (m) => wire.RaiseRequest.encode({ version: V, ...m, mode: wireMode(m.mode) }).finish(),
  RaiseResponse: (m) => wire.RaiseResponse.encode({ version: V, ...m, status: wireStatus(m.status) }).finish(),
}

export function encode<K extends keyof Messages>(kind: K, message: Omit<Messages[K], 'version'>): Uint8Array {
  return encoders[kind](message)
}

/** Decodes with a size limit checked before parsing; a wrong version is refused. */
export function decode<K extends keyof Messages>(kind: K, bytes: Uint8Array, maxBytes: number): Messages[K] {
  if (bytes.length > maxBytes) throw new BadMessageError(`${kind} of ${bytes.length} bytes is over the ${maxBytes}-byte limit`)
  let message: Messages[K]
  try {
    message = decoders[kind](bytes)
  } catch (err) {
    throw new BadMessageError(`malformed ${kind}: ${(err as Error).message}`)
  }
  if (message.version !== PSI_MESSAGE_VERSION) {
    throw new BadMessageError(`${kind} version ${message.version} is not ${PSI_MESSAGE_VERSION}`)
  }
  return message
}
