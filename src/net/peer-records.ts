import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey, peerIdFromPublicKey } from '@libp2p/peer-id'
import { PeerRecord, RecordEnvelope } from '@libp2p/peer-record'
import { multiaddr } from '@multiformats/multiaddr'

/** A member's reachable addresses as it signed them (libp2p's signed peer record, RFC 0003). */
export interface VerifiedPeerRecord {
  peerId: string
  /** Multiaddrs without the `/p2p/<id>` suffix. */
  addresses: string[]
  /** Monotonic per signer: a newer record replaces an older one. */
  seq: bigint
  /** The envelope as received, to pass on to other members unchanged. */
  envelope: Uint8Array
}

export class InvalidPeerRecordError extends Error {
  override name = 'InvalidPeerRecordError'
}

/** Largest envelope accepted: a record of a few dozen addresses is well under 2 KiB. */
export const MAX_PEER_RECORD_BYTES = 4096

/** `/ip4/1.2.3.4/tcp/1/p2p/Qm...` -> `/ip4/1.2.3.4/tcp/1`. */
export function withoutPeerId(address: string): string {
  return address.replace(/\/p2p\/[^/]+$/, '')
}

/**
 * Signs our own record with the node key (the same libp2p envelope identify sends). `seq` is the
 * time in ms, as libp2p itself uses, so a record sealed after a restart is always newer.
 */
export async function sealPeerRecord(privateKey: PrivateKey, addresses: readonly string[], seq: bigint): Promise<VerifiedPeerRecord> {
  const peerId = peerIdFromPrivateKey(privateKey)
  const plain = [...new Set(addresses.map(withoutPeerId))]
  const record = new PeerRecord({ peerId, multiaddrs: plain.map((a) => multiaddr(a)), seqNumber: seq })
  const envelope = await RecordEnvelope.seal(record, privateKey)
  return { peerId: peerId.toString(), addresses: plain, seq, envelope: envelope.marshal() }
}

/**
 * Opens a signed peer record: the envelope's signature (libp2p-peer-record domain) must verify, and
 * the signing key must be the key of the peer id inside the record, so nobody can vouch for the
 * addresses of another member.
 */
export async function openPeerRecord(bytes: Uint8Array): Promise<VerifiedPeerRecord> {
  if (bytes.length > MAX_PEER_RECORD_BYTES)
    throw new InvalidPeerRecordError(`peer record of ${bytes.length} bytes is over ${MAX_PEER_RECORD_BYTES}`)
  let envelope: RecordEnvelope
  let record: PeerRecord
  try {
    envelope = await RecordEnvelope.openAndCertify(bytes, PeerRecord.DOMAIN)
    record = PeerRecord.createFromProtobuf(envelope.payload)
  } catch (err) {
    throw new InvalidPeerRecordError(`peer record does not open: ${(err as Error).message}`)
  }
  if (!peerIdFromPublicKey(envelope.publicKey).equals(record.peerId))
    throw new InvalidPeerRecordError(`peer record of ${record.peerId.toString()} is not signed by its key`)
  return {
    peerId: record.peerId.toString(),
    addresses: record.multiaddrs.map((a) => withoutPeerId(a.toString())),
    seq: record.seqNumber,
    envelope: new Uint8Array(bytes),
  }
}
