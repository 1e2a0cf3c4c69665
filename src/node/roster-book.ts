import { forComponent } from '../logger.ts'
import { type SignedRoster, verifyRoster } from '../net/signed-roster.ts'
import type { RosterEntry } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'
import type { Startable } from './startable.ts'

const log = forComponent('sightline:roster')

/**
 * Who is a member, kept in memory for the connection gater and gossip validators and backed by
 * the store: local entries (`roster add`) plus the members of the newest signed roster.
 */
export class RosterBook implements Startable {
  readonly #store: Store
  readonly #community: string
  readonly #trustedAdmins: readonly string[]
  #members = new Map<string, string>()
  #applying: Promise<unknown> = Promise.resolve()
  #signed: SignedRoster | undefined
  #version = 0

  constructor(options: { community: string; trustedAdmins: readonly string[] }, store: Store) {
    this.#store = store
    this.#community = options.community
    this.#trustedAdmins = options.trustedAdmins
  }

  async start(): Promise<void> {
    await this.#reload()
  }

  async stop(): Promise<void> {}

  isMember(peer: string): boolean {
    return this.#members.has(peer)
  }

  /** Peer ids of every member (local and signed). */
  members(): string[] {
    return [...this.#members.keys()]
  }

  organizationOf(peer: string): string | undefined {
    return this.#members.get(peer)
  }

  /** The signed roster we hold, to pass on to members (undefined when only a local roster exists). */
  get signed(): SignedRoster | undefined {
    return this.#signed
  }

  get version(): number {
    return this.#version
  }

  /** Whether a signed roster would be accepted (trusted admin, community, newer, signature). */
  async acceptable(input: unknown): Promise<boolean> {
    return verifyRoster(input, { community: this.#community, trustedAdmins: this.#trustedAdmins, currentVersion: this.#version }).then(
      () => true,
      () => false,
    )
  }

  /**
   * Verifies and applies a newer signed roster; throws RosterError when it is not acceptable.
   * Calls are serialized: two copies of one roster arriving at once are applied once.
   */
  applySigned(input: unknown): Promise<SignedRoster> {
    const run = this.#applying.then(() => this.#applySigned(input))
    this.#applying = run.catch((err: unknown) => log.debug('signed roster not applied (its caller has the error)', { err }))
    return run
  }

  async #applySigned(input: unknown): Promise<SignedRoster> {
    const roster = await verifyRoster(input, {
      community: this.#community,
      trustedAdmins: this.#trustedAdmins,
      currentVersion: this.#version,
    })
    const entries: RosterEntry[] = roster.members.map((m) => ({
      peerId: m.peerId,
      organization: m.organization,
      source: 'signed',
      addedAt: Date.now(),
    }))
    await this.#store.replaceSignedRoster(entries, roster, roster.version)
    await this.#reload()
    return roster
  }

  async #reload(): Promise<void> {
    // Built aside and swapped in at once: the gater must never see an empty roster mid-reload.
    const members = new Map<string, string>()
    for (const entry of await this.#store.roster.all()) members.set(entry.peerId, entry.organization)
    this.#members = members
    this.#signed = (await this.#store.state.get('roster/signed')) as SignedRoster | undefined
    this.#version = ((await this.#store.state.get('roster/version')) as number | undefined) ?? 0
  }
}
