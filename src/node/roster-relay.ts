import { forComponent } from '../logger.ts'
import type { Network } from '../net/network.ts'
import { topic } from '../net/options.ts'
import { RosterError } from '../net/signed-roster.ts'
import type { RosterBook } from './roster-book.ts'

const log = forComponent('sightline:roster')

type RelayNetwork = Pick<Network, 'subscribe' | 'unsubscribe' | 'publish' | 'enforceRoster'>
type RelayBook = Pick<RosterBook, 'acceptable' | 'applySigned' | 'signed'>

/**
 * Carries signed rosters between members: on the `/sightline/<community>/roster/1` topic and in
 * sync messages. A roster is applied when a trusted admin signed it and it is newer; the network
 * then cuts off removed members, and the roster is passed on to the rest.
 */
export class RosterRelay {
  readonly #topic: string
  readonly #network: RelayNetwork
  readonly #book: RelayBook
  readonly #onError: (message: string) => void

  constructor(community: string, components: { network: RelayNetwork; roster: RelayBook; onError: (message: string) => void }) {
    this.#topic = topic(community, 'roster')
    this.#network = components.network
    this.#book = components.roster
    this.#onError = components.onError
  }

  /** Joins the roster topic; call before the network starts. */
  start(): void {
    // The roster's own admin signature is what counts: only a roster we would apply is passed on.
    this.#network.subscribe(
      this.#topic,
      async (_peer, data) => {
        try {
          return (await this.#book.acceptable(JSON.parse(new TextDecoder().decode(data)))) ? 'accept' : 'ignore'
        } catch (err) {
          log.debug('roster gossip rejected', { peer: _peer, err })
          return 'reject'
        }
      },
      (_peer, data) => void this.accept(data),
    )
  }

  stop(): void {
    this.#network.unsubscribe(this.#topic)
  }

  /** The signed roster we hold, as sync carries it (undefined: none). */
  current(): Uint8Array | undefined {
    const roster = this.#book.signed
    return roster === undefined ? undefined : new TextEncoder().encode(JSON.stringify(roster))
  }

  async publish(): Promise<void> {
    const bytes = this.current()
    if (bytes !== undefined)
      await this.#network.publish(this.#topic, bytes).catch((err: unknown) => log.debug('roster publish failed', { err }))
  }

  async accept(bytes: Uint8Array | undefined): Promise<void> {
    if (bytes === undefined || bytes.length === 0) return
    try {
      await this.#book.applySigned(JSON.parse(new TextDecoder().decode(bytes)))
      await this.#network.enforceRoster()
      // Pass it on: members who connected before it existed learn it from us.
      await this.#network.publish(this.#topic, bytes).catch((err: unknown) => log.debug('roster relay failed', { err }))
    } catch (err) {
      if (!(err instanceof RosterError && err.stale)) this.#onError(`roster: ${(err as Error).message}`)
    }
  }
}
