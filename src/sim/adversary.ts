import { randomBytes } from 'node:crypto'
import type { Oprf } from '../crypto/oprf.ts'
import { sealEnvelope } from '../net/envelope.ts'
import { PROTOCOLS, topic } from '../net/options.ts'
import { decodeSync, encodeAnnouncement, encodeSync } from '../net/sync-message.ts'
import type { SightlineNode } from '../node/node.ts'
import { decode, encode, Mode, PSI_MESSAGE_VERSION, Status } from '../psi/messages.ts'

/** What adversaries attempted, by kind; each kind maps to one counter on the honest side. */
export interface AttackCounts {
  forgedSignature: number
  replay: number
  /** OPRF requests sent after the victim's quota was spent (the flood's requests within quota are not counted). */
  queryFlood: number
  oversizeDigest: number
  nonMemberJoin: number
}

export const ATTACK_KINDS = ['forgedSignature', 'replay', 'queryFlood', 'oversizeDigest', 'nonMemberJoin'] as const
export type AttackKind = (typeof ATTACK_KINDS)[number]

/** The honest-side counter that must account for each kind of attack. */
export const ATTACK_COUNTERS: Record<AttackKind, string> = {
  forgedSignature: 'gossip:InvalidSignatureError',
  replay: 'gossip:ReplayError',
  queryFlood: 'psi:QuotaExceeded',
  oversizeDigest: 'gossip:OversizeMessageError',
  nonMemberJoin: 'gater:inbound',
}

export function noAttacks(): AttackCounts {
  return { forgedSignature: 0, replay: 0, queryFlood: 0, oversizeDigest: 0, nonMemberJoin: 0 }
}

/** An unknown protobuf field (number 15, varint 1): decoders skip it, so the envelope still opens. */
const UNKNOWN_FIELD = Uint8Array.of(0x78, 0x01)
/** Over the 1 MiB gossip cap, under the 2 MiB gossipsub frame limit: the topic validator must see and refuse it. */
const OVERSIZE_DIGEST_BYTES = 1.25 * 1024 * 1024
/** Requests sent past the quota in each flood. */
const OVER_QUOTA_REQUESTS = 3
const FLOOD_BATCH = 1024

function member(node: SightlineNode) {
  const m = node.member
  if (m === undefined) throw new Error('the adversary must be a member node')
  return m
}

/**
 * A malicious member: a real Sightline node whose owner also tampers, through the node's own
 * network, keys and OPRF code, with what it sends. Counts every attempt.
 */
export class Adversary {
  readonly attempts: AttackCounts = noAttacks()
  readonly #node: SightlineNode
  readonly #topic: string
  readonly #oprf: Oprf
  #sequence = 1_000_000_000

  constructor(node: SightlineNode, oprf: Oprf) {
    this.#node = node
    this.#topic = topic(node.config.community, 'digest')
    this.#oprf = oprf
  }

  /** An announcement that claims to come from `issuer` but is signed with our key. */
  async forgeSignature(issuer: string): Promise<void> {
    const { network, service } = member(this.#node)
    const envelope = await sealEnvelope(this.#node.identity.privateKey, issuer, this.#topic, {
      epoch: service.epoch,
      sequence: this.#sequence++,
      kind: 'digest-oprf',
      payload: encodeAnnouncement(randomBytes(64), 1024),
    })
    this.attempts.forgedSignature++
    await network.publish(this.#topic, envelope)
  }

  /**
   * Replays `victim`'s current announcement, fetched from it over the sync protocol. Byte-identical
   * replays die in gossipsub's seen-cache before any validator (uncounted); an unknown protobuf
   * field appended makes the bytes new while the signed content stays the same, so the replay
   * reaches the members' validators, which must refuse it by its sequence number.
   */
  async replay(victim: string): Promise<void> {
    const { network } = member(this.#node)
    const reply = decodeSync(await network.request(victim, PROTOCOLS.sync, encodeSync({ envelopes: [], feed: [] })))
    const original = reply.envelopes[0]
    if (original === undefined) throw new Error(`${victim} announced nothing to replay`)
    const replayed = new Uint8Array(original.length + UNKNOWN_FIELD.length)
    replayed.set(original)
    replayed.set(UNKNOWN_FIELD, original.length)
    this.attempts.replay++
    await network.publish(this.#topic, replayed)
  }

  /** A correctly signed announcement carrying a digest far over the gossip size cap. */
  async oversizeDigest(): Promise<void> {
    const { network, service } = member(this.#node)
    const envelope = await sealEnvelope(this.#node.identity.privateKey, this.#node.peerId, this.#topic, {
      epoch: service.epoch,
      sequence: this.#sequence++,
      kind: 'digest-oprf',
      payload: encodeAnnouncement(randomBytes(OVERSIZE_DIGEST_BYTES), Number.POSITIVE_INFINITY),
    })
    this.attempts.oversizeDigest++
    await network.publish(this.#topic, envelope)
  }

  /**
   * Sends `victim` evaluation requests of valid blinded elements until its quota for us is spent
   * (the responses say what remains), then a few more: those must all be refused.
   */
  async floodQueries(victim: string): Promise<void> {
    const { network, service } = member(this.#node)
    const elements = this.#oprf.blindBatch(Array.from({ length: FLOOD_BATCH }, () => randomBytes(16))).blinded
    const request = encode('EvaluateRequest', { version: PSI_MESSAGE_VERSION, epoch: service.epoch, mode: Mode.Oprf, elements })
    let remaining = Number.POSITIVE_INFINITY
    let over = 0
    for (let sent = 0; sent < 200 && over < OVER_QUOTA_REQUESTS; sent++) {
      const past = remaining < FLOOD_BATCH
      if (past) {
        over++
        this.attempts.queryFlood++
      }
      const reply = decode('EvaluateResponse', await network.request(victim, PROTOCOLS.oprf, request), 16 << 20)
      if (reply.status === Status.Ok) remaining = reply.quotaRemaining
      else if (reply.status === Status.QuotaExceeded) remaining = 0
      else throw new Error(`flood of ${victim}: answered ${Status[reply.status]} (${reply.message})`)
    }
  }
}

/** A node that is not on anyone's roster trying to connect to a member. */
export async function dialAsNonMember(outsider: SightlineNode, address: string, attempts: AttackCounts): Promise<void> {
  attempts.nonMemberJoin++
  await member(outsider)
    .network.dial(address, AbortSignal.timeout(5000))
    .catch(() => undefined)
}
