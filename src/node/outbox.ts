import type { JsonRepository, MatchRecord, OutboxEntry } from '../store/repositories.ts'
import { alertOf } from './alert.ts'
import type { OutboxOptions } from './alert-options.ts'
import { type AlertDestination, DeliveryError } from './alert-sinks/destination.ts'
import { type DestinationState, type OutboxHealth, outboxHealth, type Tracked } from './outbox-health.ts'
import type { Startable } from './startable.ts'

export type { DestinationHealth, OutboxHealth } from './outbox-health.ts'

export interface OutboxComponents {
  store: { outbox: JsonRepository<OutboxEntry> }
  /** Where alerts go; names are unique and contain no `/`. */
  destinations: readonly AlertDestination[]
  /** Clock and randomness (tests): default Date.now and Math.random. */
  now?: () => number
  random?: () => number
  /** Told when a destination starts failing and when an alert is dead-lettered; null: silent. */
  log?: ((message: string) => void) | null
}

/** Entry ids sort by match sequence, like the store's logs (15 digits hold 10^15 matches). */
export function outboxId(seq: number, destination: string): string {
  return `${seq.toString().padStart(15, '0')}/${destination}`
}

/** Store pages read at a time. */
const PAGE = 1000

/**
 * The durable alert outbox (DESIGN section 7). Each new match is written with one entry per
 * destination in the same atomic batch as the match (`alertsFor`, called by the store), so no
 * match goes unalerted after a crash. The loop delivers due entries oldest first, deletes each
 * on success, and on failure backs it off exponentially with full jitter until maxAttempts, when
 * it is kept as `dead` with its last error. Delivery is at least once: the entry id is the
 * idempotency key receivers deduplicate on. A destination that fails for its own reasons (down,
 * 5xx) is held back to one probe at a time, so an outage does not burn the attempts of every
 * alert queued behind it.
 */
export class Outbox implements Startable {
  readonly #options: OutboxOptions
  readonly #store: OutboxComponents['store']
  readonly #destinations: Map<string, AlertDestination>
  readonly #now: () => number
  readonly #random: () => number
  readonly #log: (message: string) => void
  /** Every entry the store holds, in key (= match) order. */
  readonly #entries = new Map<string, Tracked>()
  readonly #inFlight = new Map<string, Promise<void>>()
  readonly #states = new Map<string, DestinationState>()
  /** The highest entry id read from the store: newer entries are read after it. */
  #last = ''
  #running = false
  #abort = new AbortController()
  #timer: NodeJS.Timeout | undefined
  #tick: Promise<void> | undefined
  #again = false
  #delivered = 0
  #failedAttempts = 0

  constructor(options: OutboxOptions, components: OutboxComponents) {
    this.#options = options
    this.#store = components.store
    this.#destinations = new Map(components.destinations.map((d) => [d.name, d]))
    if (this.#destinations.size !== components.destinations.length) throw new TypeError('alert destination names must be unique')
    for (const name of this.#destinations.keys())
      if (name.includes('/')) throw new TypeError(`alert destination name "${name}" contains "/"`)
    this.#now = components.now ?? Date.now
    this.#random = components.random ?? Math.random
    this.#log = components.log ?? (() => undefined)
  }

  /** For MatchEngine (written atomically with the match): one entry per destination. */
  readonly alertsFor = (match: MatchRecord, seq: number): OutboxEntry[] => {
    if (this.#destinations.size === 0) return []
    const alert = alertOf(match, seq)
    const now = this.#now()
    return [...this.#destinations.keys()].map((destination) => ({
      id: outboxId(seq, destination),
      destination,
      alert,
      attempts: 0,
      nextAttemptAt: now,
      state: 'pending',
      createdAt: now,
    }))
  }

  /** Resumes whatever the store holds (pending entries of an earlier run are delivered). */
  async start(): Promise<void> {
    this.#entries.clear()
    this.#states.clear()
    this.#last = ''
    this.#delivered = 0
    this.#failedAttempts = 0
    this.#abort = new AbortController()
    await this.#load()
    this.#running = true
    this.#wake()
  }

  /**
   * Stops the loop and aborts deliveries in flight; an aborted entry is left as it was (pending,
   * its attempt not counted) and is delivered again after the next start. When this resolves the
   * outbox writes nothing more, so the store can be stopped after it.
   */
  async stop(): Promise<void> {
    this.#running = false
    clearTimeout(this.#timer)
    this.#abort.abort(new Error('outbox stopped'))
    await this.#tick
    await Promise.all(this.#inFlight.values())
    await Promise.all([...this.#destinations.values()].map((d) => d.close()))
  }

  /** New entries were written: look now rather than at the next poll. */
  notify(): void {
    this.#wake()
  }

  /** Puts dead entries (of one destination, or all) back to pending with fresh attempts. Returns how many. */
  async retryDead(destination?: string): Promise<number> {
    const ids = [...this.#entries]
      .filter(
        ([, t]) =>
          t.state === 'dead' && this.#destinations.has(t.destination) && (destination === undefined || t.destination === destination),
      )
      .map(([id]) => id)
    const held = await this.#store.outbox.getMany(ids)
    const now = this.#now()
    const revived = held.flatMap((entry): [string, OutboxEntry][] =>
      entry === undefined ? [] : [[entry.id, { ...entry, state: 'pending', attempts: 0, nextAttemptAt: now }]],
    )
    await this.#store.outbox.putMany(revived)
    for (const [id, entry] of revived) this.#track(id, entry)
    this.#wake()
    return revived.length
  }

  health(): OutboxHealth {
    return outboxHealth(this.#entries.values(), this.#destinations.keys(), (name) => this.#state(name), {
      inFlight: this.#inFlight.size,
      delivered: this.#delivered,
      failedAttempts: this.#failedAttempts,
    })
  }

  #state(name: string): DestinationState {
    let s = this.#states.get(name)
    if (s === undefined) {
      s = { failing: false, holdUntil: 0, inFlight: 0, delivered: 0, failedAttempts: 0 }
      this.#states.set(name, s)
    }
    return s
  }

  #track(id: string, entry: OutboxEntry): void {
    const t = this.#entries.get(id)
    if (t === undefined) {
      this.#entries.set(id, {
        destination: entry.destination,
        state: entry.state,
        nextAttemptAt: entry.nextAttemptAt,
        createdAt: entry.createdAt,
      })
    } else {
      t.state = entry.state
      t.nextAttemptAt = entry.nextAttemptAt
    }
  }

  /**
   * Reads entries written since the last read. Ids grow with the match sequence and each match's
   * entries are written in one batch, so nothing can appear behind `#last`. Entries of a
   * destination no longer configured are dead-lettered, visibly, rather than kept pending forever.
   */
  async #load(): Promise<void> {
    for (;;) {
      const page = await this.#store.outbox.range({ gt: this.#last, limit: PAGE })
      const orphans: [string, OutboxEntry][] = []
      for (const [id, entry] of page) {
        if (entry.state === 'pending' && !this.#destinations.has(entry.destination)) {
          const dead: OutboxEntry = { ...entry, state: 'dead', lastError: `destination "${entry.destination}" is not configured` }
          orphans.push([id, dead])
          this.#track(id, dead)
        } else {
          this.#track(id, entry)
        }
        this.#last = id
      }
      await this.#store.outbox.putMany(orphans)
      if (page.length < PAGE) return
    }
  }

  /** Runs one pass of the loop now, or right after the pass under way. */
  #wake(): void {
    if (!this.#running) return
    if (this.#tick !== undefined) {
      this.#again = true
      return
    }
    clearTimeout(this.#timer)
    this.#tick = this.#pass()
      .catch((err: Error) => this.#log(`outbox: ${err.message}`))
      .finally(() => {
        this.#tick = undefined
        if (this.#again) {
          this.#again = false
          this.#wake()
        } else {
          this.#schedule()
        }
      })
  }

  async #pass(): Promise<void> {
    await this.#load()
    const now = this.#now()
    for (const [id, t] of this.#entries) {
      if (!this.#running || this.#inFlight.size >= this.#options.concurrency) return
      if (this.#readyAt(id, t) <= now) this.#begin(id, t)
    }
  }

  /** When an entry may be attempted; Infinity while its failing destination has a probe out. */
  #readyAt(id: string, t: Tracked): number {
    if (t.state !== 'pending' || this.#inFlight.has(id)) return Number.POSITIVE_INFINITY
    const s = this.#state(t.destination)
    if (!s.failing) return t.nextAttemptAt
    return s.inFlight > 0 ? Number.POSITIVE_INFINITY : Math.max(t.nextAttemptAt, s.holdUntil)
  }

  /** Sleeps until the next entry is due, or one poll interval (new entries written without notify()). */
  #schedule(): void {
    if (!this.#running) return
    const now = this.#now()
    let at = now + this.#options.pollIntervalMs
    // With every slot busy, the next completion wakes the loop.
    if (this.#inFlight.size < this.#options.concurrency) for (const [id, t] of this.#entries) at = Math.min(at, this.#readyAt(id, t))
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#wake(), Math.max(0, at - now))
    this.#timer.unref()
  }

  #begin(id: string, t: Tracked): void {
    const s = this.#state(t.destination)
    s.inFlight++
    const run = this.#attempt(id, s)
      .catch((err: Error) => this.#log(`outbox: entry ${id}: ${err.message}`))
      .finally(() => {
        s.inFlight--
        this.#inFlight.delete(id)
        this.#wake()
      })
    this.#inFlight.set(id, run)
  }

  async #attempt(id: string, s: DestinationState): Promise<void> {
    const entry = await this.#store.outbox.get(id)
    if (entry === undefined) {
      this.#entries.delete(id)
      return
    }
    const destination = this.#destinations.get(entry.destination)
    if (entry.state !== 'pending' || destination === undefined) return
    const timeout = AbortSignal.timeout(this.#options.requestTimeoutMs)
    const signal = AbortSignal.any([this.#abort.signal, timeout])
    try {
      await destination.deliver(entry.alert, { key: id, attempt: entry.attempts + 1, signal })
    } catch (err) {
      // Stopping: the attempt is not counted and the entry stays pending for the next start.
      if (this.#abort.signal.aborted) return
      await this.#failed(entry, timeout.aborted ? new Error(`timed out after ${this.#options.requestTimeoutMs} ms`) : err, s)
      return
    }
    await this.#store.outbox.del(id)
    this.#entries.delete(id)
    this.#delivered++
    s.delivered++
    if (s.failing) this.#log(`alerts: destination ${entry.destination} delivers again`)
    s.failing = false
  }

  async #failed(entry: OutboxEntry, err: unknown, s: DestinationState): Promise<void> {
    const now = this.#now()
    const attempts = entry.attempts + 1
    const message = describe(err)
    const dead = attempts >= this.#options.maxAttempts
    let next = now + this.#backoff(attempts)
    const retryAfter = err instanceof DeliveryError ? err.retryAfterMs : undefined
    if (retryAfter !== undefined) next = Math.max(next, now + Math.min(retryAfter, this.#options.maxDelayMs))
    const updated: OutboxEntry = { ...entry, attempts, lastError: message, nextAttemptAt: next, state: dead ? 'dead' : 'pending' }
    // The hold is in place before the write yields, so no pass in between sends another attempt.
    if (!(err instanceof DeliveryError) || err.scope === 'destination') {
      if (!s.failing) this.#log(`alerts: destination ${entry.destination} is failing (${message}); retrying with backoff`)
      s.failing = true
      s.holdUntil = next
    }
    await this.#store.outbox.put(entry.id, updated)
    this.#track(entry.id, updated)
    this.#failedAttempts++
    s.failedAttempts++
    s.lastError = message
    if (dead) this.#log(`alerts: ${entry.id} dead-lettered after ${attempts} attempts: ${message}`)
  }

  /** Full jitter (uniform in [0, cap]) over a doubling cap. */
  #backoff(attempts: number): number {
    const cap = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempts - 1))
    return Math.floor(this.#random() * cap)
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    return cause?.code !== undefined ? `${err.message} (${cause.code})` : err.message
  }
  return String(err)
}
