import { checkCodeOf, commitSequence, type EnvelopeChecks, openEnvelope, verdictOf } from '../net/envelope.ts'
import { BadMessageError, PsiError } from '../psi/errors.ts'
import { decode, type ListAnnouncement } from '../psi/messages.ts'
import type { PsiParty } from '../psi/party.ts'
import type { PsiExchange } from './psi-exchange.ts'

export interface InboxStats {
  gossipAccepted: number
  gossipRejected: Record<string, number>
  /** Announcements that passed the envelope checks but were refused, by error code. */
  digestsRefused: Record<string, number>
}

export interface AnnouncementInboxComponents {
  peerId: string
  party: Pick<PsiParty, 'checkAnnouncement'>
  exchange: Pick<PsiExchange, 'noteAnnouncement' | 'schedule'>
  /** The epoch our lists are published for: announcements of other epochs are not applied. */
  epoch: () => number
  stats: InboxStats
  onError: (message: string) => void
}

/**
 * Members' signed list announcements (DESIGN section 6): checked for envelope, membership,
 * signature, skew and replay, then for the list itself (suite, size, delta count), and handed to
 * the PSI exchange. On gossip every check applies; an announcement handed over by its issuer
 * itself (sync, raise request) is its current state, whose age and order mean nothing.
 */
export class AnnouncementInbox {
  readonly #topic: string
  readonly #checks: EnvelopeChecks
  readonly #c: AnnouncementInboxComponents

  constructor(topic: string, checks: EnvelopeChecks, components: AnnouncementInboxComponents) {
    this.#topic = topic
    this.#checks = checks
    this.#c = components
  }

  /** Gossip validator: the verdict travels with the error class. */
  async validate(_from: string, data: Uint8Array): Promise<'accept' | 'reject' | 'ignore'> {
    try {
      const envelope = await openEnvelope(data, this.#topic, this.#checks)
      return envelope.issuer === this.#c.peerId ? 'ignore' : 'accept'
    } catch (err) {
      const code = checkCodeOf(err)
      this.#c.stats.gossipRejected[code] = (this.#c.stats.gossipRejected[code] ?? 0) + 1
      return verdictOf(err)
    }
  }

  /** A member's own announcement handed to us directly (sync, raise request): no replay or age check. */
  async openDirect(peer: string, bytes: Uint8Array): Promise<ListAnnouncement> {
    const envelope = await openEnvelope(bytes, this.#topic, this.#directChecks())
    if (envelope.issuer !== peer) throw new BadMessageError(`announcement of ${envelope.issuer} handed over by ${peer}`)
    return announcementOf(envelope.epoch, envelope.payload)
  }

  /**
   * Opens, checks and notes announcements, then runs their issuers' pairs (from gossip; the
   * caller of a sync runs the pair itself).
   */
  async accept(sender: string | undefined, envelopes: Uint8Array[]): Promise<void> {
    const checks = sender === undefined ? this.#checks : this.#directChecks()
    const issuers = new Set<string>()
    for (const bytes of envelopes) {
      try {
        const envelope = await openEnvelope(bytes, this.#topic, checks)
        if (envelope.issuer === this.#c.peerId || (sender !== undefined && envelope.issuer !== sender)) continue
        if (envelope.epoch !== this.#c.epoch()) continue
        const announcement = announcementOf(envelope.epoch, envelope.payload)
        this.#c.party.checkAnnouncement(envelope.issuer, announcement)
        this.#c.exchange.noteAnnouncement(envelope.issuer, announcement)
        commitSequence(this.#checks, envelope)
        this.#c.stats.gossipAccepted++
        issuers.add(envelope.issuer)
      } catch (err) {
        if (verdictOf(err) === 'ignore') continue
        const reason = err instanceof PsiError ? err.code : checkCodeOf(err)
        this.#c.stats.digestsRefused[reason] = (this.#c.stats.digestsRefused[reason] ?? 0) + 1
        this.#c.onError(`announcement from ${sender ?? 'gossip'}: ${(err as Error).message}`)
      }
    }
    if (sender === undefined) for (const issuer of issuers) this.#c.exchange.schedule(issuer)
  }

  #directChecks(): EnvelopeChecks {
    return { ...this.#checks, maxSkewMs: Number.POSITIVE_INFINITY, lastSequence: new Map<string, number>() }
  }
}

function announcementOf(epoch: number, payload: Uint8Array): ListAnnouncement {
  const announcement = decode('ListAnnouncement', payload, 4096)
  if (announcement.epoch !== epoch) throw new BadMessageError('list epoch differs from its envelope')
  return announcement
}
