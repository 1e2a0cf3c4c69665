import { forComponent } from '../logger.ts'
import { backoffDelay, type RedialOptions } from './redial-options.ts'
import type { Startable } from './startable.ts'

const log = forComponent('sightline:redial')

/** What the redialer needs of the network (a stub in unit tests). */
export interface RedialNetwork {
  connectedPeers(): string[]
  /** Dials a member at these addresses (and any libp2p already knows). */
  dialPeer(peer: string, addresses: readonly string[], signal: AbortSignal): Promise<void>
  /** Dials a multiaddr (a bootstrap address); resolves to the peer id reached. */
  dialAddress(address: string, signal: AbortSignal): Promise<string>
  onPeerConnect(listener: (peer: string) => void): void
  onPeerDisconnect(listener: (peer: string) => void): void
}

export interface RedialComponents {
  network: RedialNetwork
  /** Roster members other than ourselves. */
  members: () => string[]
  /**
   * Members to keep connected (default: all); the others are dialed only on demand (dialNow), and
   * their connections closing is no sign of trouble.
   */
  keep?: (peer: string) => boolean
  /** Last known addresses of a member (the address book). */
  addressesOf: (peer: string) => string[]
  /** Keeps addresses learned from bootstrap entries (the address book). */
  learn: (peer: string, addresses: string[]) => Promise<void>
  /** A dial of a member failed: a chance to ask other members where it is now. */
  dialFailed?: (peer: string) => void
  /** A line for the operator (stderr): unreachable bootstrap addresses. */
  warn: (message: string) => void
  now?: () => number
  random?: () => number
}

/** Per member, as `sightline peers` and GET /v1/peers show it. */
export interface DialState {
  connected: boolean
  /** Last time a connection to the member opened or closed (ms since the epoch), null if never. */
  lastSeen: number | null
  lastError: string | null
  /** When the next dial is due (ms since the epoch), null while connected. */
  nextAttemptAt: number | null
  /** Failed dials (and connections closed soon after opening) since the last stable connection. */
  attempts: number
  /** When the current connection opened. */
  connectedAt: number | null
}

export interface BootstrapError {
  address: string
  error: string
  at: number
}

/** A request found a member unconnected while its redials are backing off. */
export class MemberBackingOffError extends Error {
  override name = 'MemberBackingOffError'
}

/** A member we hold no address of: nobody has told us where it is yet. */
export class NoKnownAddressError extends Error {
  override name = 'NoKnownAddressError'
}

interface BootstrapEntry {
  address: string
  peerId: string | undefined
  attempts: number
  nextAttemptAt: number
  reached: boolean
  error?: BootstrapError
}

/**
 * Keeps the community whole: every roster member we are not connected to is dialed at its last known
 * addresses, again and again, with capped exponential backoff and full jitter. Bootstrap addresses
 * are dialed until reached once; one that fails is a warning for the operator, not silence. libp2p's
 * own reconnect queue (KEEP_ALIVE tags) gives up after a few tries, so members are not tagged.
 */
export class Redialer implements Startable {
  readonly #o: RedialOptions
  readonly #c: RedialComponents
  readonly #bootstrap: BootstrapEntry[]
  readonly #states = new Map<string, DialState>()
  readonly #dialing = new Map<string, Promise<void>>()
  #timer: NodeJS.Timeout | undefined
  #stop = new AbortController()

  constructor(options: RedialOptions & { bootstrap: readonly string[] }, components: RedialComponents) {
    this.#o = options
    this.#c = components
    this.#bootstrap = options.bootstrap.map((address) => ({
      address,
      peerId: /\/p2p\/([^/]+)$/.exec(address)?.[1],
      attempts: 0,
      nextAttemptAt: 0,
      reached: false,
    }))
    components.network.onPeerConnect((peer) => this.#seen(peer, true))
    components.network.onPeerDisconnect((peer) => this.#seen(peer, false))
  }

  async start(): Promise<void> {
    this.#stop = new AbortController()
    for (const entry of this.#bootstrap) if (entry.peerId !== undefined) await this.#c.learn(entry.peerId, [entry.address])
    this.tick()
    this.#timer = setInterval(() => this.tick(), this.#o.tickMs)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#stop.abort(new Error('stopping'))
    await Promise.allSettled([...this.#dialing.values()])
  }

  /** Starts the dials that are due; the timer calls it, unit tests call it with a fake clock. */
  tick(): void {
    if (this.#stop.signal.aborted) return
    const now = this.#now()
    const connected = new Set(this.#c.network.connectedPeers())
    for (const entry of this.#bootstrap) {
      if (entry.reached || entry.nextAttemptAt > now || (entry.peerId !== undefined && connected.has(entry.peerId))) continue
      this.#run(`bootstrap ${entry.address}`, () => this.#dialBootstrap(entry))
    }
    for (const peer of this.#c.members()) {
      if (!this.#kept(peer)) continue
      const state = this.#state(peer)
      state.connected = connected.has(peer)
      if (state.connected) {
        state.nextAttemptAt = null
        continue
      }
      state.nextAttemptAt ??= now
      if (state.nextAttemptAt > now) continue
      this.#run(peer, () => this.#dialMember(peer, state))
    }
  }

  /** Dial state of every member, for the peers view. */
  state(peer: string): DialState {
    const state = { ...this.#state(peer) }
    state.connected = this.#c.network.connectedPeers().includes(peer)
    return state
  }

  /** Bootstrap addresses whose last dial failed. */
  bootstrapErrors(): BootstrapError[] {
    return this.#bootstrap.flatMap((e) => (e.error === undefined ? [] : [e.error]))
  }

  /**
   * Dials a member now for a request (PSI, sync). A member we keep connected is not dialed while it
   * backs off: the request fails at once, so a member that accepts and drops us is not dialed in a
   * loop by every request that follows. A member reached on demand is always dialed: the PSI job's
   * own retries space those dials, and a second backoff here would outlast a healed partition.
   */
  async dialNow(peer: string, signal: AbortSignal): Promise<void> {
    const state = this.#state(peer)
    const due = state.nextAttemptAt
    if (this.#kept(peer) && state.attempts > 0 && due !== null && due > this.#now())
      throw new MemberBackingOffError(`${peer} is not reachable (${state.lastError}); next attempt at ${new Date(due).toISOString()}`)
    const pending = this.#dialing.get(peer)
    if (pending !== undefined) await pending
    else await this.#attempt(peer, state, AbortSignal.any([signal, this.#signal()]))
    if (!this.#c.network.connectedPeers().includes(peer)) throw new MemberBackingOffError(`${peer} is not reachable (${state.lastError})`)
  }

  #run(key: string, dial: () => Promise<void>): void {
    if (this.#dialing.has(key) || this.#dialing.size >= this.#o.maxParallelDials) return
    const run = dial().finally(() => this.#dialing.delete(key))
    this.#dialing.set(key, run)
  }

  async #dialMember(peer: string, state: DialState): Promise<void> {
    await this.#attempt(peer, state, this.#signal()).catch((err: unknown) =>
      log.debug('member dial failed (its state has the outcome)', { peer, err }),
    )
  }

  /** One dial of a member; the outcome goes into its state (and a failure is thrown on). */
  async #attempt(peer: string, state: DialState, signal: AbortSignal): Promise<void> {
    try {
      const addresses = this.#c.addressesOf(peer)
      // Not a dial with no address: libp2p would join a caller's own dial of this peer and fail it.
      if (addresses.length === 0) throw new NoKnownAddressError('no known address yet (asking connected members)')
      await this.#c.network.dialPeer(peer, addresses, signal)
      state.lastError = null
      state.nextAttemptAt = null
    } catch (err) {
      state.lastError = describe(err)
      this.#backOff(state)
      this.#c.dialFailed?.(peer)
      throw err
    }
  }

  async #dialBootstrap(entry: BootstrapEntry): Promise<void> {
    try {
      const peer = await this.#c.network.dialAddress(entry.address, this.#signal())
      entry.reached = true
      delete entry.error
      await this.#c.learn(peer, [entry.address])
    } catch (err) {
      if (this.#stop.signal.aborted) return
      if (entry.error === undefined)
        this.#c.warn(`warning: bootstrap address ${entry.address} cannot be reached: ${describe(err)} (retrying with backoff)`)
      entry.error = { address: entry.address, error: describe(err), at: this.#now() }
      entry.nextAttemptAt = this.#now() + backoffDelay(entry.attempts, this.#o, this.#random)
      entry.attempts++
    }
  }

  #seen(peer: string, connected: boolean): void {
    const state = this.#state(peer)
    const now = this.#now()
    state.connected = connected
    state.lastSeen = now
    if (connected) {
      state.connectedAt = now
      state.nextAttemptAt = null
      return
    }
    const lasted = now - (state.connectedAt ?? now)
    state.connectedAt = null
    if (!this.#kept(peer)) {
      // An on-demand connection closed (idle, by either side): dial again when next needed.
      state.nextAttemptAt = null
      return
    }
    if (lasted >= this.#o.stableMs) {
      // A member that was with us for a while went away: try again at once (a restart is quick).
      state.attempts = 0
      state.nextAttemptAt = now
    } else {
      state.lastError = `connection closed after ${lasted} ms`
      this.#backOff(state)
    }
  }

  #kept(peer: string): boolean {
    return this.#c.keep?.(peer) ?? true
  }

  #backOff(state: DialState): void {
    state.nextAttemptAt = this.#now() + backoffDelay(state.attempts, this.#o, this.#random)
    state.attempts++
  }

  #state(peer: string): DialState {
    let state = this.#states.get(peer)
    if (state === undefined) {
      state = { connected: false, lastSeen: null, lastError: null, nextAttemptAt: null, attempts: 0, connectedAt: null }
      this.#states.set(peer, state)
    }
    return state
  }

  #signal(): AbortSignal {
    return AbortSignal.any([this.#stop.signal, AbortSignal.timeout(this.#o.dialTimeoutMs)])
  }

  #now(): number {
    return this.#c.now?.() ?? Date.now()
  }

  readonly #random = (): number => this.#c.random?.() ?? Math.random()
}

/** One line: libp2p's AggregateError of per-address failures reads as its causes. */
function describe(err: unknown): string {
  const e = err as Error & { errors?: Error[] }
  const causes = e.errors?.map((c) => c.message).filter((m) => m !== '') ?? []
  const text = causes.length > 0 ? `${e.message}: ${[...new Set(causes)].join('; ')}` : e.message
  return `${e.name}: ${text}`.replace(/\s+/g, ' ').slice(0, 300)
}
