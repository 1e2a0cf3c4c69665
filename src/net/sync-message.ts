import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'
import { MalformedMessageError } from './envelope.ts'

const root = protobuf.loadSync(fileURLToPath(new URL('../../proto/net.proto', import.meta.url)))
const SyncMessage = root.lookupType('sightline.net.v1.SyncMessage')
const DigestAnnouncement = root.lookupType('sightline.net.v1.DigestAnnouncement')

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

const DigestRequest = root.lookupType('sightline.net.v1.DigestRequest')
const DigestResponse = root.lookupType('sightline.net.v1.DigestResponse')
const NoticeResponse = root.lookupType('sightline.net.v1.NoticeResponse')

export enum NetStatus {
  Ok = 0,
  NotFound = 1,
  BadRequest = 2,
}

export interface Announcement {
  /** The encoded Digest when it travels inline. */
  digest?: Uint8Array
  /** SHA-256 of the encoded Digest: fetch it by this over /sightline/digest/1.0.0 when not inline. */
  hash: Uint8Array
  size: number
}

/** Digests up to `inlineLimit` bytes travel inside the announcement; larger ones are fetched by hash. */
export function encodeAnnouncement(digest: Uint8Array, inlineLimit: number): Uint8Array {
  const hash = createHash('sha256').update(digest).digest()
  return DigestAnnouncement.encode({
    version: 1,
    ...(digest.length <= inlineLimit ? { digest } : {}),
    digestHash: hash,
    digestBytes: digest.length,
  }).finish()
}

export function decodeAnnouncement(bytes: Uint8Array): Announcement {
  try {
    const m = DigestAnnouncement.toObject(DigestAnnouncement.decode(bytes), { bytes: Uint8Array, longs: Number, defaults: true })
    if (m.version !== 1) throw new Error(`version ${m.version}`)
    const digest = new Uint8Array(m.digest as Uint8Array)
    return { ...(digest.length > 0 ? { digest } : {}), hash: new Uint8Array(m.digestHash as Uint8Array), size: m.digestBytes as number }
  } catch (err) {
    throw new MalformedMessageError(`malformed digest announcement: ${(err as Error).message}`)
  }
}

export function encodeDigestRequest(hash: Uint8Array): Uint8Array {
  return DigestRequest.encode({ version: 1, digestHash: hash }).finish()
}

export function decodeDigestRequest(bytes: Uint8Array): Uint8Array {
  const m = DigestRequest.toObject(DigestRequest.decode(bytes), { bytes: Uint8Array, defaults: true })
  return new Uint8Array(m.digestHash as Uint8Array)
}

export function encodeDigestResponse(status: NetStatus, digest?: Uint8Array): Uint8Array {
  return DigestResponse.encode({ version: 1, status, ...(digest === undefined ? {} : { digest }) }).finish()
}

export function decodeDigestResponse(bytes: Uint8Array): { status: NetStatus; digest: Uint8Array } {
  const m = DigestResponse.toObject(DigestResponse.decode(bytes), { bytes: Uint8Array, enums: Number, defaults: true })
  return { status: m.status as NetStatus, digest: new Uint8Array(m.digest as Uint8Array) }
}

export function encodeNoticeResponse(status: NetStatus, resolved: number): Uint8Array {
  return NoticeResponse.encode({ version: 1, status, resolved }).finish()
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
