import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { MalformedMessageError } from './envelope.ts'

const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/net.proto', import.meta.url)))
const SyncMessage = root.lookupType('sightline.net.v1.SyncMessage')

export interface Sync {
  /** Digest announcements (signed for the digest topic). */
  envelopes: Uint8Array[]
  /** Feed batches (signed for the feed topic). */
  feed: Uint8Array[]
  /** The sender's newest signed roster (JSON bytes), empty when none. */
  roster?: Uint8Array
  /** Signed peer records of members the sender knows (see AddressBook). */
  peerRecords?: Uint8Array[]
}

export function encodeSync(sync: Sync, status: NetStatus = NetStatus.Ok): Uint8Array {
  return SyncMessage.encode({ version: 1, status, ...sync }).finish()
}

export function decodeSync(bytes: Uint8Array): Sync {
  try {
    const message = SyncMessage.toObject(SyncMessage.decode(bytes), { bytes: Uint8Array, arrays: true, defaults: true })
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return {
      envelopes: (message.envelopes as Uint8Array[]).map((e) => new Uint8Array(e)),
      feed: (message.feed as Uint8Array[]).map((e) => new Uint8Array(e)),
      roster: new Uint8Array((message.roster as Uint8Array | undefined) ?? []),
      peerRecords: (message.peerRecords as Uint8Array[]).map((r) => new Uint8Array(r)),
    }
  } catch (err) {
    throw new MalformedMessageError(`malformed sync message: ${(err as Error).message}`)
  }
}

export enum NetStatus {
  Ok = 0,
  NotFound = 1,
  BadRequest = 2,
}

const FeedBatch = root.lookupType('sightline.net.v1.FeedBatch')

export interface FeedEntry {
  type: string
  value: string
  tlp: string
  confidence?: number
  tags: string[]
  firstSeen: number
  lastSeen: number
}

export function encodeFeedBatch(entries: FeedEntry[]): Uint8Array {
  return FeedBatch.encode({ version: 1, entries }).finish()
}

export function decodeFeedBatch(bytes: Uint8Array): FeedEntry[] {
  try {
    const message = FeedBatch.toObject(FeedBatch.decode(bytes), { defaults: true, arrays: true, longs: Number })
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return message.entries as FeedEntry[]
  } catch (err) {
    throw new MalformedMessageError(`malformed feed batch: ${(err as Error).message}`)
  }
}

const PeerRecords = root.lookupType('sightline.net.v1.PeerRecords')

export function encodePeerRecords(records: Uint8Array[]): Uint8Array {
  return PeerRecords.encode({ version: 1, records }).finish()
}

export function decodePeerRecords(bytes: Uint8Array): Uint8Array[] {
  try {
    const message = PeerRecords.toObject(PeerRecords.decode(bytes), { bytes: Uint8Array, arrays: true, defaults: true })
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return (message.records as Uint8Array[]).map((r) => new Uint8Array(r))
  } catch (err) {
    throw new MalformedMessageError(`malformed peer records: ${(err as Error).message}`)
  }
}
