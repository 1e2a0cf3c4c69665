import { createHash } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { sightline } from '../../proto/gen/net.js'
import { ownBytes, type Plain, toNumber } from '../proto-plain.ts'
import { verifySignature } from './ed25519-verify.ts'

/** Generated from proto/net.proto (`npm run generate`). */
const { Envelope: EnvelopeMessage, SignedPart: SignedPartMessage } = sightline.net.v1

/** Domain separation: a gossip signature can never be replayed as any other signed Sightline object. */
const SIGNATURE_DOMAIN = 'sightline/v1/gossip'
export const ENVELOPE_VERSION = 1

export type Envelope = Plain<sightline.net.v1.Envelope>

/**
 * A gossip message that failed a check. The gossip verdict travels with the error (as Lodestar's
 * GossipActionError does): REJECT costs the forwarding peer score, IGNORE does not.
 */
export abstract class GossipCheckError extends Error {
  readonly verdict: 'reject' | 'ignore' = 'reject'
  /**
   * Stable label of the failed check, for counters (`gossip.rejected`, metrics, the simulator's
   * attack accounting). It keeps its value when the class is renamed: readers key on it.
   */
  abstract readonly code: string
}
export class InvalidSignatureError extends GossipCheckError {
  override name = 'InvalidSignatureError'
  readonly code = 'InvalidSignatureError'
}
export class NotMemberError extends GossipCheckError {
  override name = 'NotMemberError'
  readonly code = 'NotMemberError'
}
/** A sequence not newer than one applied: usually the same message by two paths, not misbehaviour. */
export class ReplayError extends GossipCheckError {
  override name = 'ReplayError'
  readonly code = 'ReplayError'
  override readonly verdict = 'ignore'
}
export class StaleMessageError extends GossipCheckError {
  override name = 'StaleMessageError'
  readonly code = 'StaleMessageError'
}
export class OversizeMessageError extends GossipCheckError {
  override name = 'OversizeMessageError'
  readonly code = 'OversizeMessageError'
}
export class MalformedMessageError extends GossipCheckError {
  override name = 'MalformedMessageError'
  readonly code = 'MalformedMessageError'
}

/** Counter label of an error that is not one of the checks' (none is expected from openEnvelope). */
export const UNEXPECTED_CODE = 'UnexpectedError'

/** The counter label of a failed check (its stable `code`); anything else counts as UNEXPECTED_CODE. */
export function checkCodeOf(err: unknown): string {
  return err instanceof GossipCheckError ? err.code : UNEXPECTED_CODE
}

/** The verdict of a failed check; anything else that failed is a REJECT. */
export function verdictOf(err: unknown): 'reject' | 'ignore' {
  return err instanceof GossipCheckError ? err.verdict : 'reject'
}

/** A decoded envelope as a plain object: every field, numbers for the 64-bit ones, bytes of its own. */
function plainEnvelope(m: sightline.net.v1.Envelope): Envelope {
  return {
    version: m.version,
    issuer: m.issuer,
    epoch: toNumber(m.epoch),
    sequence: toNumber(m.sequence),
    timestampMs: toNumber(m.timestampMs),
    kind: m.kind,
    // protobufjs hands out Buffers on Node; callers get plain Uint8Arrays.
    payload: ownBytes(m.payload),
    signature: ownBytes(m.signature),
  }
}

function signedBytes(topic: string, envelope: Envelope): Uint8Array {
  return SignedPartMessage.encode({ domain: SIGNATURE_DOMAIN, topic, envelope: { ...envelope, signature: new Uint8Array(0) } }).finish()
}

/** Builds and signs an envelope with the node's libp2p Ed25519 key. */
export async function sealEnvelope(
  privateKey: PrivateKey,
  issuer: string,
  topic: string,
  fields: Pick<Envelope, 'epoch' | 'sequence' | 'kind' | 'payload'> & { timestampMs?: number },
): Promise<Uint8Array> {
  const envelope: Envelope = {
    version: ENVELOPE_VERSION,
    issuer,
    epoch: fields.epoch,
    sequence: fields.sequence,
    timestampMs: fields.timestampMs ?? Date.now(),
    kind: fields.kind,
    payload: fields.payload,
    signature: new Uint8Array(0),
  }
  envelope.signature = await privateKey.sign(signedBytes(topic, envelope))
  return EnvelopeMessage.encode(envelope).finish()
}

/**
 * Envelopes whose signature verified, by a digest of topic and bytes: the same bytes come by
 * gossip (validated, then applied), in syncs and in every raise request that hands over an
 * announcement, and one Ed25519 check per envelope is enough. Forgotten wholesale when full.
 */
export class VerifiedSignatures {
  readonly #seen = new Set<string>()
  readonly #max: number

  constructor(max = 8192) {
    this.#max = max
  }

  static keyOf(topic: string, bytes: Uint8Array): string {
    return createHash('sha256').update(topic).update(bytes).digest('base64')
  }

  has(key: string): boolean {
    return this.#seen.has(key)
  }

  add(key: string): void {
    if (this.#seen.size >= this.#max) this.#seen.clear()
    this.#seen.add(key)
  }
}

export interface EnvelopeChecks {
  maxBytes: number
  /** Allowed clock difference, both ways. */
  maxSkewMs: number
  isMember: (peerId: string) => boolean
  /** Highest sequence applied per issuer and kind: read here, written by commitSequence(). */
  lastSequence: Map<string, number>
  /** Signatures verified before (skipped then; every other check still runs). */
  verified?: VerifiedSignatures
  /** Message kinds this topic carries; others are malformed (and cannot grow lastSequence). */
  kinds?: ReadonlySet<string>
  now?: () => number
}

/** Records an envelope's sequence once its content has been applied (not merely opened). */
export function commitSequence(checks: Pick<EnvelopeChecks, 'lastSequence'>, envelope: Envelope): void {
  const key = `${envelope.issuer}/${envelope.kind}`
  checks.lastSequence.set(key, Math.max(checks.lastSequence.get(key) ?? -1, envelope.sequence))
}

/**
 * Opens an envelope received on `topic`: size, structure, kind, membership, signature (by the key
 * inside the issuer's peer id), timestamp skew and replay, in that order, each failure a typed
 * error for the gossip validator to map to REJECT or IGNORE. Opening records nothing: the caller
 * commits the sequence once it has applied the content, so a message that could not be applied
 * yet (another epoch, a failed fetch) is not lost as a "replay", and nobody can spend an issuer's
 * sequence numbers by relaying its messages.
 */
export async function openEnvelope(bytes: Uint8Array, topic: string, checks: EnvelopeChecks): Promise<Envelope> {
  if (bytes.length > checks.maxBytes) throw new OversizeMessageError(`message of ${bytes.length} bytes is over ${checks.maxBytes}`)
  let envelope: Envelope
  try {
    envelope = plainEnvelope(EnvelopeMessage.decode(bytes))
  } catch (err) {
    throw new MalformedMessageError(`malformed envelope: ${(err as Error).message}`)
  }
  if (envelope.version !== ENVELOPE_VERSION) throw new MalformedMessageError(`envelope version ${envelope.version}`)
  if (checks.kinds !== undefined && !checks.kinds.has(envelope.kind))
    throw new MalformedMessageError(`unknown message kind "${envelope.kind}"`)
  if (!checks.isMember(envelope.issuer)) throw new NotMemberError(`${envelope.issuer} is not on the roster`)
  let publicKey: ReturnType<typeof peerIdFromString>['publicKey']
  try {
    publicKey = peerIdFromString(envelope.issuer).publicKey
  } catch {
    throw new MalformedMessageError(`issuer ${envelope.issuer} is not a peer id`)
  }
  const seen = checks.verified === undefined ? undefined : VerifiedSignatures.keyOf(topic, bytes)
  if (seen === undefined || !checks.verified?.has(seen)) {
    if (publicKey === undefined || !(await verifySignature(publicKey, signedBytes(topic, envelope), envelope.signature))) {
      throw new InvalidSignatureError(`bad signature from ${envelope.issuer}`)
    }
    if (seen !== undefined) checks.verified?.add(seen)
  }
  const now = checks.now?.() ?? Date.now()
  if (Math.abs(now - envelope.timestampMs) > checks.maxSkewMs) {
    throw new StaleMessageError(`timestamp ${new Date(envelope.timestampMs).toISOString()} is outside the allowed skew`)
  }
  const key = `${envelope.issuer}/${envelope.kind}`
  const last = checks.lastSequence.get(key) ?? -1
  if (envelope.sequence <= last) throw new ReplayError(`sequence ${envelope.sequence} from ${envelope.issuer} is not newer than ${last}`)
  return envelope
}
