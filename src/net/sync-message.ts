import { sightline } from '../../proto/gen/net.js'
import { ownArray, ownBytes, type Plain } from '../proto-plain.ts'
import { MalformedMessageError } from './envelope.ts'

/** Generated from proto/net.proto (`npm run generate`). */
const { SyncMessage, FeedBatch, PeerRecords } = sightline.net.v1

type SyncFields = Plain<sightline.net.v1.SyncMessage>

/**
 * What a sync carries: `envelopes`, digest announcements (signed for the digest topic); `feed`,
 * feed batches (signed for the feed topic); `roster`, the sender's newest signed roster (JSON
 * bytes), empty when none; `peerRecords`, signed peer records of members the sender knows (see
 * AddressBook).
 */
export type Sync = Pick<SyncFields, 'envelopes' | 'feed'> & Partial<Pick<SyncFields, 'roster' | 'peerRecords'>>

const wireStatus = (status: number): sightline.net.v1.Status => status

export function encodeSync(sync: Sync, status: NetStatus = NetStatus.Ok): Uint8Array {
  return SyncMessage.encode({ version: 1, status: wireStatus(status), ...sync }).finish()
}

export function decodeSync(bytes: Uint8Array): Sync {
  try {
    const message = SyncMessage.decode(bytes)
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return {
      envelopes: message.envelopes.map(ownBytes),
      feed: message.feed.map(ownBytes),
      roster: ownBytes(message.roster),
      peerRecords: message.peerRecords.map(ownBytes),
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

export type FeedEntry = Plain<sightline.net.v1.FeedEntry>

/** A decoded entry as a plain object: every field, `confidence` only when it was sent. */
function feedEntry(m: sightline.net.v1.FeedEntry.$Properties): FeedEntry {
  const entry: FeedEntry = {
    type: m.type ?? '',
    value: m.value ?? '',
    tlp: m.tlp ?? '',
    tags: ownArray(m.tags ?? []),
    firstSeen: m.firstSeen ?? 0,
    lastSeen: m.lastSeen ?? 0,
  }
  if (m.confidence != null) entry.confidence = m.confidence
  return entry
}

export function encodeFeedBatch(entries: FeedEntry[]): Uint8Array {
  return FeedBatch.encode({ version: 1, entries }).finish()
}

export function decodeFeedBatch(bytes: Uint8Array): FeedEntry[] {
  try {
    const message = FeedBatch.decode(bytes)
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return message.entries.map(feedEntry)
  } catch (err) {
    throw new MalformedMessageError(`malformed feed batch: ${(err as Error).message}`)
  }
}

export function encodePeerRecords(records: Uint8Array[]): Uint8Array {
  return PeerRecords.encode({ version: 1, records }).finish()
}

export function decodePeerRecords(bytes: Uint8Array): Uint8Array[] {
  try {
    const message = PeerRecords.decode(bytes)
    if (message.version !== 1) throw new Error(`version ${message.version}`)
    return message.records.map(ownBytes)
  } catch (err) {
    throw new MalformedMessageError(`malformed peer records: ${(err as Error).message}`)
  }
}
