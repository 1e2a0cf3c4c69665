import { forComponent } from '../logger.ts'

const log = forComponent('sightline:work-queue')

/** Time and randomness a WorkQueue uses; tests pass fakes. */
export interface QueueClock {
  now(): number
  setTimeout(run: () => void, ms: number): { unref?: () => void } | number
  clearTimeout(handle: unknown): void
  random(): number
}

export const SYSTEM_CLOCK: QueueClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: () => Math.random(),
}

export interface WorkQueueOptions {
  /** Jobs running at once (each key runs one at a time). */
  concurrency: number
  /** First retry delay; doubles per failed attempt, with full jitter... */
  baseDelayMs: number
  /** ...up to this cap: minutes, not hours. */
  maxDelayMs: number
}

export interface JobState {
  running: boolean
  attempts: number
  lastError?: string
  nextAttemptAt?: number
}

/**
 * Per-key work with retries (DESIGN section 5 anti-entropy): a key is run again until its job
 * succeeds, with capped exponential backoff and full jitter, and never given up while the
 * failure is retryable. A schedule() during a run runs the key once more after it. At most
 * `concurrency` keys run at once; the rest wait their turn in order. Every failure goes to
 * `onError` (`final` when it is not retried), except one that would have been retried after
 * stop(): the stop ended that job, and it is logged at debug only.
 */
export class WorkQueue {
  readonly #o: WorkQueueOptions
  readonly #run: (key: string) => Promise<void>
  readonly #retryable: (err: unknown) => boolean
  readonly #soon: (err: unknown) => boolean
  readonly #onError: (key: string, err: unknown, final: boolean) => void
  readonly #clock: QueueClock
  readonly #state = new Map<string, JobState & { again: boolean; timer?: unknown }>()
  readonly #waiting: string[] = []
  readonly #running = new Map<string, Promise<void>>()
  #stopped = false

  constructor(
    options: WorkQueueOptions,
    run: (key: string) => Promise<void>,
    hooks: {
      retryable: (err: unknown) => boolean
      /** The other side is still working on it: retry at the base delay, without growing it. */
      soon?: (err: unknown) => boolean
      onError: (key: string, err: unknown, final: boolean) => void
      clock?: QueueClock
    },
  ) {
    this.#o = options
    this.#run = run
    this.#retryable = hooks.retryable
    this.#soon = hooks.soon ?? (() => false)
    this.#onError = hooks.onError
    this.#clock = hooks.clock ?? SYSTEM_CLOCK
  }

  /**
   * Runs `key` now (or after its current run), cancelling a pending retry; `first` puts it at the
   * head of the keys waiting their turn (short work that should not wait behind long runs).
   */
  schedule(key: string, first = false): void {
    if (this.#stopped) return
    const state = this.#stateOf(key)
    if (state.timer !== undefined) {
      this.#clock.clearTimeout(state.timer)
      state.timer = undefined
      state.nextAttemptAt = undefined
    }
    if (state.running) {
      state.again = true
      return
    }
    const at = this.#waiting.indexOf(key)
    if (first) {
      if (at > 0) this.#waiting.splice(at, 1)
      if (at !== 0) this.#waiting.unshift(key)
    } else if (at < 0) this.#waiting.push(key)
    this.#pump()
  }

  state(key: string): JobState | undefined {
    const s = this.#state.get(key)
    return s === undefined
      ? undefined
      : { running: s.running, attempts: s.attempts, lastError: s.lastError, nextAttemptAt: s.nextAttemptAt }
  }

  /** Keys waiting for a retry. */
  get retrying(): number {
    let n = 0
    for (const s of this.#state.values()) if (s.timer !== undefined) n++
    return n
  }

  /** True when nothing runs, waits or waits for a retry. */
  get idle(): boolean {
    return this.#running.size === 0 && this.#waiting.length === 0 && this.retrying === 0
  }

  /** Resolves when nothing runs or waits (retries pending later do not count). */
  async settled(): Promise<void> {
    while (this.#running.size > 0 || this.#waiting.length > 0) await Promise.allSettled([...this.#running.values()])
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#waiting.length = 0
    for (const s of this.#state.values()) if (s.timer !== undefined) this.#clock.clearTimeout(s.timer)
    await Promise.allSettled([...this.#running.values()])
  }

  #stateOf(key: string): JobState & { again: boolean; timer?: unknown } {
    let state = this.#state.get(key)
    if (state === undefined) {
      state = { running: false, attempts: 0, again: false }
      this.#state.set(key, state)
    }
    return state
  }

  #pump(): void {
    while (!this.#stopped && this.#running.size < this.#o.concurrency && this.#waiting.length > 0) {
      const key = this.#waiting.shift() as string
      this.#running.set(key, this.#start(key))
    }
  }

  async #start(key: string): Promise<void> {
    const state = this.#stateOf(key)
    state.running = true
    state.again = false
    try {
      await this.#run(key)
      state.attempts = 0
      state.lastError = undefined
    } catch (err) {
      const retryable = this.#retryable(err)
      state.attempts++
      state.lastError = (err as Error).message
      // Stopped: a failure that would have been retried is the stop's doing, not the job's.
      if (retryable && this.#stopped) log.debug('job ended by stop', { key, err })
      else this.#onError(key, err, !retryable)
      if (retryable && !this.#stopped && !state.again) this.#retryLater(key, state, this.#soon(err))
      if (!retryable) state.attempts = 0
    } finally {
      state.running = false
      this.#running.delete(key)
      if (state.again && !this.#stopped) this.schedule(key)
      this.#pump()
    }
  }

  #retryLater(key: string, state: JobState & { timer?: unknown }, soon: boolean): void {
    const ceiling = soon
      ? this.#o.baseDelayMs * 2
      : Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** Math.min(30, state.attempts - 1))
    const delay = Math.max(this.#o.baseDelayMs / 2, this.#clock.random() * ceiling)
    state.nextAttemptAt = this.#clock.now() + delay
    const handle = this.#clock.setTimeout(() => {
      state.timer = undefined
      state.nextAttemptAt = undefined
      if (!this.#stopped) this.schedule(key)
    }, delay)
    if (typeof handle === 'object') handle.unref?.()
    state.timer = handle
  }
}
