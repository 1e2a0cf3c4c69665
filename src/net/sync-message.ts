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
}

export function encodeSync(sync: Sync): Uint8Array {
  return SyncMessage.encode({ version: 1, ...sync }).finish()
}

export function decodeSync(bytes: Uint8Array): Sync {
  try {
    const message = SyncMessage.toObject(SyncMessage.decode(bytes), { bytes: Uint8Array, arrays: true, defaults: true })
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return {
      envelopes: (message.envelopes as Uint8Array[]).map((e) => new Uint8Array(e)),
      feed: (message.feed as Uint8Array[]).map((e) => new Uint8Array(e)),
      roster: new Uint8Array((message.roster as Uint8Array | undefined) ?? []),
    }
  } catch (err) {
    throw new MalformedMessageError(`malformed sync message: ${(err as Error).message}`)
  }
}

/** A digest announcement carries the digest inline (fetch by hash is for digests over the gossip limit). */
export function encodeAnnouncement(digest: Uint8Array): Uint8Array {
  return DigestAnnouncement.encode({ version: 1, digest, digestBytes: digest.length }).finish()
}

export function decodeAnnouncement(bytes: Uint8Array): Uint8Array {
  try {
    const message = DigestAnnouncement.toObject(DigestAnnouncement.decode(bytes), { bytes: Uint8Array, longs: Number, defaults: true })
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return new Uint8Array(message.digest as Uint8Array)
  } catch (err) {
    throw new MalformedMessageError(`malformed digest announcement: ${(err as Error).message}`)
  }
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
