import { forComponent } from '../logger.ts'
import { LinkClosedError } from '../net/link-errors.ts'
import type { Network } from '../net/network.ts'
import { PROTOCOLS } from '../net/options.ts'
import { decodePeerRecords, encodePeerRecords } from '../net/sync-message.ts'
import type { AddressBook } from './address-book.ts'
import type { Startable } from './startable.ts'

export interface AddressExchangeComponents {
  network: Pick<Network, 'handle' | 'unhandle' | 'request' | 'connectedPeers'>
  book: Pick<AddressBook, 'records' | 'acceptRecords'>
  isMember: (peer: string) => boolean
  onError: (message: string) => void
}

const log = forComponent('sightline:addresses')

/** Members asked at once when one member cannot be reached: enough to find it, few enough to stay cheap. */
const ASK_AT_ONCE = 2

/**
 * Sync hands over members' signed peer records when two members connect; a member that appears
 * (or moves) later is learned here: when a dial to a member fails, we ask a couple of connected
 * members for the records they hold. Both sides of an exchange send theirs.
 */
export class AddressExchange implements Startable {
  readonly #c: AddressExchangeComponents
  readonly #asking = new Set<string>()

  constructor(components: AddressExchangeComponents) {
    this.#c = components
  }

  /** Serves the exchange; start before the network. */
  async start(): Promise<void> {
    const { network, book } = this.#c
    network.handle(PROTOCOLS.addresses, async (_peer, bytes) => {
      await book.acceptRecords(decodePeerRecords(bytes))
      return encodePeerRecords(book.records())
    })
  }

  async stop(): Promise<void> {
    this.#c.network.unhandle(PROTOCOLS.addresses)
  }

  /** Asks connected members (not `missing` itself) for fresh records; one round per member at a time. */
  refresh(missing: string): void {
    if (this.#asking.has(missing)) return
    const asked = this.#c.network
      .connectedPeers()
      .filter((p) => p !== missing && this.#c.isMember(p))
      .sort(() => Math.random() - 0.5)
      .slice(0, ASK_AT_ONCE)
    if (asked.length === 0) return
    this.#asking.add(missing)
    void Promise.allSettled(asked.map((peer) => this.#exchange(peer))).finally(() => this.#asking.delete(missing))
  }

  async #exchange(peer: string): Promise<void> {
    try {
      const reply = await this.#c.network.request(peer, PROTOCOLS.addresses, encodePeerRecords(this.#c.book.records()))
      await this.#c.book.acceptRecords(decodePeerRecords(reply))
    } catch (err) {
      // The member (or we) went away mid-exchange: another member or a later refresh will do.
      if (err instanceof LinkClosedError) log.debug('address exchange cut off', { peer, err })
      else this.#c.onError(`address exchange with ${peer}: ${(err as Error).message}`)
    }
  }
}
