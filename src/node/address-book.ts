import type { PrivateKey } from '@libp2p/interface'
import { openPeerRecord, sealPeerRecord, type VerifiedPeerRecord, withoutPeerId } from '../net/peer-records.ts'
import type { AddressEntry, JsonRepository } from '../store/repositories.ts'
import type { Startable } from './startable.ts'

export interface AddressBookComponents {
  /** The store's `addresses` repository. */
  addresses: Pick<JsonRepository<AddressEntry>, 'all' | 'put'>
  privateKey: PrivateKey
  peerId: string
  isMember: (peerId: string) => boolean
  now?: () => number
  /** Refused records and store failures (never thrown at the sender). */
  onError?: (message: string) => void
}

/** Unsigned hints kept per member: enough for a few interfaces and an old address or two. */
const MAX_HINTS = 8
/** Records taken from one sync message: more than any roster we expect, few enough to verify quickly. */
const MAX_RECORDS_PER_MESSAGE = 1024

/**
 * The last known multiaddrs of every member, kept in the store so a restarted node can redial its
 * community. Addresses come signed (a member's libp2p peer record, from identify or relayed by
 * other members over sync: the newest seq wins) or as unsigned hints (bootstrap addresses naming
 * the member, its identify listen list). Only roster members are kept.
 */
export class AddressBook implements Startable {
  readonly #c: AddressBookComponents
  readonly #entries = new Map<string, AddressEntry>()
  #own: VerifiedPeerRecord | undefined
  /** Records (base64) verified or refused before, whatever came of them; forgotten when too many. */
  readonly #checked = new Set<string>()
  #writes: Promise<unknown> = Promise.resolve()
  /** Per member: the records (`peerId/seq`) it has had from us. */
  readonly #handedOver = new Map<string, Set<string>>()

  constructor(components: AddressBookComponents) {
    this.#c = components
  }

  async start(): Promise<void> {
    for (const entry of await this.#c.addresses.all()) this.#entries.set(entry.peerId, entry)
  }

  async stop(): Promise<void> {
    await this.#writes
  }

  /** Signs our own record over the addresses others should dial (`--announce`, else the listen ones); returns its envelope. */
  async sealOwn(addresses: readonly string[]): Promise<Uint8Array> {
    const now = BigInt(this.#now())
    // Two seals within one ms (a fast restart) must still be ordered.
    const seq = this.#own !== undefined && this.#own.seq >= now ? this.#own.seq + 1n : now
    this.#own = await sealPeerRecord(this.#c.privateKey, addresses, seq)
    return this.#own.envelope
  }

  /** Signed records to hand to members: ours and those of every current member we hold. */
  records(): Uint8Array[] {
    const out = this.#own === undefined ? [] : [this.#own.envelope]
    for (const entry of this.#entries.values())
      if (entry.record !== undefined && this.#c.isMember(entry.peerId)) out.push(new Uint8Array(Buffer.from(entry.record, 'base64')))
    return out
  }

  /**
   * The records for one member's sync: those it has not had from us yet (a community in step
   * would otherwise resend, and re-check, every record on every sync), never its own. A member
   * that missed some asks over the address exchange when a dial fails.
   */
  recordsFor(peer: string): Uint8Array[] {
    const handed = this.#handedOver.get(peer) ?? new Set<string>()
    this.#handedOver.set(peer, handed)
    const out: Uint8Array[] = []
    const offer = (peerId: string, seq: bigint | string, envelope: () => Uint8Array) => {
      const key = `${peerId}/${seq}`
      if (peerId === peer || handed.has(key)) return
      handed.add(key)
      out.push(envelope())
    }
    if (this.#own !== undefined) offer(this.#own.peerId, this.#own.seq, () => (this.#own as VerifiedPeerRecord).envelope)
    for (const { peerId, seq, record } of this.#entries.values())
      if (record !== undefined && seq !== undefined && this.#c.isMember(peerId))
        offer(peerId, seq, () => new Uint8Array(Buffer.from(record, 'base64')))
    return out
  }

  /** Verifies and keeps records (from sync or identify); returns how many were newer than held. */
  async acceptRecords(envelopes: readonly Uint8Array[]): Promise<number> {
    let accepted = 0
    for (const bytes of envelopes.slice(0, MAX_RECORDS_PER_MESSAGE)) {
      // Every sync relays the records of the whole community: one already checked needs no second check.
      const text = Buffer.from(bytes).toString('base64')
      if (this.#checked.has(text)) continue
      if (this.#checked.size >= 4 * MAX_RECORDS_PER_MESSAGE) this.#checked.clear()
      let record: VerifiedPeerRecord
      try {
        record = await openPeerRecord(bytes)
      } catch (err) {
        this.#checked.add(text)
        this.#c.onError?.(`peer record refused: ${(err as Error).message}`)
        continue
      }
      // A non-member's record is looked at again: the roster may list it by the next sync.
      if (!this.#c.isMember(record.peerId) && record.peerId !== this.#c.peerId) continue
      this.#checked.add(text)
      if (record.peerId === this.#c.peerId) continue
      const held = this.#entries.get(record.peerId)
      if (held?.seq !== undefined && BigInt(held.seq) >= record.seq) continue
      await this.#put({
        peerId: record.peerId,
        record: Buffer.from(record.envelope).toString('base64'),
        seq: record.seq.toString(),
        signed: record.addresses,
        hints: held?.hints ?? [],
        updatedAt: this.#now(),
      })
      accepted++
    }
    return accepted
  }

  /** Keeps unsigned addresses of a member (bootstrap, identify listen list), newest first. */
  async learn(peerId: string, addresses: readonly string[]): Promise<void> {
    if (peerId === this.#c.peerId || !this.#c.isMember(peerId) || addresses.length === 0) return
    const held = this.#entries.get(peerId)
    const fresh = addresses.map(withoutPeerId)
    const hints = [...new Set([...fresh, ...(held?.hints ?? [])])].slice(0, MAX_HINTS)
    if (held !== undefined && hints.join(' ') === held.hints.join(' ')) return
    await this.#put({ ...(held ?? { peerId, signed: [] }), hints, updatedAt: this.#now() })
  }

  /** Where to dial a member: its signed addresses first, then the hints. */
  addressesOf(peerId: string): string[] {
    const entry = this.#entries.get(peerId)
    return entry === undefined ? [] : [...new Set([...entry.signed, ...entry.hints])]
  }

  async #put(entry: AddressEntry): Promise<void> {
    this.#entries.set(entry.peerId, entry)
    const write = this.#writes.then(() => this.#c.addresses.put(entry.peerId, entry))
    this.#writes = write.catch((err: Error) => this.#c.onError?.(`address book: ${err.message}`))
    await write
  }

  #now(): number {
    return this.#c.now?.() ?? Date.now()
  }
}
