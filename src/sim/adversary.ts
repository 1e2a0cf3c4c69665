import { randomBytes } from 'node:crypto'
import { DH_SUITE, POINT_BYTES } from '../crypto/dh-suite.ts'
import { forComponent } from '../logger.ts'
import { openEnvelope, sealEnvelope } from '../net/envelope.ts'
import { DEFAULT_NETWORK_OPTIONS, PROTOCOLS, topic } from '../net/options.ts'
import { decodeSync, encodeSync } from '../net/sync-message.ts'
import { memberParts } from '../node/internals.ts'
import type { SightlineNode } from '../node/node.ts'
import { nextSequence } from '../node/sequence.ts'
import { decode, encode, type ListAnnouncement, Mode, Status } from '../psi/messages.ts'
import { budgetLimit, type PsiOptions } from '../psi/options.ts'

const log = forComponent('sightline:sim')

/** What adversaries attempted, by kind; each kind maps to one counter on the honest side. */
export interface AttackCounts {
  forgedSignature: number
  replay: number
  /**
   * Raise requests with ad-hoc points sent once the victim's budget for us was spent (by its
   * refusal, or by the most its budget can be); the flood's requests within budget are not counted.
   */
  queryFlood: number
  /** Signed announcements of a list over the community's maxListPoints. */
  oversizeDigest: number
  nonMemberJoin: number
}

export const ATTACK_KINDS = ['forgedSignature', 'replay', 'queryFlood', 'oversizeDigest', 'nonMemberJoin'] as const
export type AttackKind = (typeof ATTACK_KINDS)[number]

/** The honest-side counter (see rejectedOf in snapshot.ts) that must account for each kind of attack. */
export const ATTACK_COUNTERS: Record<AttackKind, string> = {
  forgedSignature: 'gossip:InvalidSignatureError',
  replay: 'gossip:ReplayError',
  queryFlood: 'psi:BudgetExceeded',
  oversizeDigest: 'digest:too_large',
  nonMemberJoin: 'gater:inbound',
}

export function noAttacks(): AttackCounts {
  return { forgedSignature: 0, replay: 0, queryFlood: 0, oversizeDigest: 0, nonMemberJoin: 0 }
}

/** An unknown protobuf field (number 15, varint 1): decoders skip it, so the envelope still opens. */
const UNKNOWN_FIELD = Uint8Array.of(0x78, 0x01)
/** Requests sent past the budget in each flood. */
const OVER_BUDGET_REQUESTS = 3
/** The flood spends the victim's largest possible budget in about this many requests. */
const REQUESTS_PER_BUDGET = 4
/** Largest ad-hoc question, in points: its request stays well under the stream message cap. */
const MAX_FLOOD_POINTS = Math.min(1 << 17, Math.floor((DEFAULT_NETWORK_OPTIONS.maxMessageBytes - 4096) / POINT_BYTES))
const KIND_ITEMS = 'list-items'

/**
 * A malicious member: a real Sightline node whose owner also tampers, through the node's own
 * network, keys and PSI code, with what it sends. Counts every attempt. `policy` is the
 * community's PSI policy (budgets, list limits), which every member knows.
 */
export class Adversary {
  readonly attempts: AttackCounts = noAttacks()
  readonly #node: SightlineNode
  readonly #topic: string
  readonly #policy: PsiOptions

  constructor(node: SightlineNode, policy: PsiOptions) {
    this.#node = node
    this.#topic = topic(node.config.community, 'digest')
    this.#policy = policy
  }

  /** A list announcement that claims to come from `issuer` but is signed with our key. */
  async forgeSignature(issuer: string): Promise<void> {
    const { network, service } = memberParts(this.#node)
    const envelope = await sealEnvelope(this.#node.identity.privateKey, issuer, this.#topic, {
      epoch: service.epoch,
      sequence: await nextSequence(this.#node.store, KIND_ITEMS),
      kind: KIND_ITEMS,
      payload: this.#announcement(service.epoch, 16),
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
    const { network } = memberParts(this.#node)
    const original = (await this.#announcementsOf(victim))[0]?.envelope
    if (original === undefined) throw new Error(`${victim} announced nothing to replay`)
    const replayed = new Uint8Array(original.length + UNKNOWN_FIELD.length)
    replayed.set(original)
    replayed.set(UNKNOWN_FIELD, original.length)
    this.attempts.replay++
    await network.publish(this.#topic, replayed)
  }

  /**
   * A correctly signed announcement, fresh sequence and a new generation, of a list one point over
   * the community's maxListPoints: small on the wire, but every member must refuse it
   * (checkAnnouncement) before fetching or raising anything.
   */
  async oversizeDigest(): Promise<void> {
    const { network, service } = memberParts(this.#node)
    const envelope = await sealEnvelope(this.#node.identity.privateKey, this.#node.peerId, this.#topic, {
      epoch: service.epoch,
      sequence: await nextSequence(this.#node.store, KIND_ITEMS),
      kind: KIND_ITEMS,
      payload: this.#announcement(service.epoch, this.#policy.maxListPoints + 1),
    })
    this.attempts.oversizeDigest++
    await network.publish(this.#topic, envelope)
  }

  /**
   * Sends `victim` raise requests carrying ad-hoc questions (fresh random elements, raised to our
   * scalar by our own PSI code, so each is a new list the victim must charge) until its per-item
   * budget for us is spent, then a few more: those must all be refused (BudgetExceeded). The
   * victim's budget is at most budgetLimit(policy, the points it announced), which its
   * announcements tell us; each request past that bound, or past a refusal, counts as an attempt.
   */
  async floodQueries(victim: string): Promise<void> {
    const { network, service, party } = memberParts(this.#node)
    const epoch = service.epoch
    const announced = await this.#announcementsOf(victim)
    const items = announced.map((a) => a.announcement).filter((a) => a.epoch === epoch && a.mode === Mode.Items)
    const generation = Math.max(-1, ...items.map((a) => a.generation))
    const points = items.filter((a) => a.generation === generation).reduce((n, a) => n + a.points, 0)
    const bound = budgetLimit(this.#policy.budget[Mode.Items], points)
    const batch = Math.min(MAX_FLOOD_POINTS, this.#policy.maxListPoints, Math.max(16, Math.ceil(bound / REQUESTS_PER_BUDGET)))
    let accepted = 0
    let exhausted = false
    let over = 0
    for (let sent = 0; sent < 200 && over < OVER_BUDGET_REQUESTS; sent++) {
      const query = await party.prepareQuery(
        epoch,
        Mode.Items,
        Array.from({ length: batch }, () => randomBytes(16)),
      )
      const n = query.points.length / POINT_BYTES
      const past = exhausted || accepted + n > bound
      if (past) {
        over++
        this.attempts.queryFlood++
      }
      const request = encode('RaiseRequest', {
        suite: DH_SUITE,
        epoch,
        mode: Mode.Items,
        listHash: new Uint8Array(0),
        announcement: new Uint8Array(0),
        points: query.points,
      })
      const reply = decode('RaiseResponse', await network.request(victim, PROTOCOLS.raise, request), 16 << 20)
      if (reply.status === Status.BudgetExceeded) {
        exhausted = true
      } else if (reply.status === Status.Ok) {
        if (past) throw new Error(`flood of ${victim}: ${n} points raised past a budget of at most ${bound} (${accepted} raised before)`)
        accepted += n
      } else {
        throw new Error(`flood of ${victim}: answered ${Status[reply.status]} (${reply.message})`)
      }
    }
    if (over < OVER_BUDGET_REQUESTS) throw new Error(`flood of ${victim}: the budget was never spent`)
  }

  #announcement(epoch: number, points: number): Uint8Array {
    const announcement: Omit<ListAnnouncement, 'version'> = {
      suite: DH_SUITE,
      epoch,
      mode: Mode.Items,
      generation: 1_000_000,
      index: 0,
      windowSeconds: 0,
      listHash: randomBytes(32),
      points,
    }
    return encode('ListAnnouncement', announcement)
  }

  /** `victim`'s current signed announcements and what they say, fetched over the sync protocol. */
  async #announcementsOf(victim: string): Promise<{ envelope: Uint8Array; announcement: ListAnnouncement }[]> {
    const { network } = memberParts(this.#node)
    const reply = decodeSync(await network.request(victim, PROTOCOLS.sync, encodeSync({ envelopes: [], feed: [] })))
    const checks = {
      maxBytes: Number.POSITIVE_INFINITY,
      maxSkewMs: Number.POSITIVE_INFINITY,
      isMember: () => true,
      lastSequence: new Map(),
    }
    const out: { envelope: Uint8Array; announcement: ListAnnouncement }[] = []
    for (const envelope of reply.envelopes) {
      const opened = await openEnvelope(envelope, this.#topic, checks)
      out.push({ envelope, announcement: decode('ListAnnouncement', opened.payload, 4096) })
    }
    return out
  }
}

/** A node that is not on anyone's roster trying to connect to a member. */
export async function dialAsNonMember(outsider: SightlineNode, address: string, attempts: AttackCounts): Promise<void> {
  attempts.nonMemberJoin++
  await memberParts(outsider)
    .network.dial(address, AbortSignal.timeout(5000))
    .catch((err: unknown) => log.debug('non-member dial refused, as it should be', { err }))
}
