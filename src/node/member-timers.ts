import type { Startable } from './startable.ts'

export interface MemberTimersOptions {
  /** Epoch length: `rotate` runs just after each multiple of it. */
  epochMs: number
  /** `reconcile` runs this often. */
  reconcileMs: number
  /** `refresh` runs this often (when given). */
  refreshMs?: number
}

export interface MemberTimersJobs {
  /** The epoch our lists are published for. */
  epoch: () => number
  /** At each epoch boundary: new lists for the next epoch. */
  rotate: () => Promise<void>
  /** Anti-entropy: sync and re-run every member. */
  reconcile: () => void
  /** Sightings age out of their windows: re-read our lists. */
  refresh?: () => void
}

/**
 * The member's clocks (DESIGN section 5: epochs; anti-entropy): epoch rotation, the periodic
 * reconcile and the sighting-window refresh, as one Startable. Timers never keep the process
 * alive; stop() waits for a rotation in flight.
 */
export class MemberTimers implements Startable {
  readonly #o: MemberTimersOptions
  readonly #jobs: MemberTimersJobs
  readonly #timers = new Set<NodeJS.Timeout>()
  #rotating: Promise<void> = Promise.resolve()
  #stopped = false

  constructor(options: MemberTimersOptions, jobs: MemberTimersJobs) {
    this.#o = options
    this.#jobs = jobs
  }

  async start(): Promise<void> {
    this.#stopped = false
    this.#scheduleRotation()
    this.#every(this.#o.reconcileMs, this.#jobs.reconcile)
    if (this.#o.refreshMs !== undefined && this.#jobs.refresh !== undefined) this.#every(this.#o.refreshMs, this.#jobs.refresh)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    await this.#rotating
  }

  #scheduleRotation(): void {
    const next = (this.#jobs.epoch() + 1) * this.#o.epochMs
    this.#after(Math.max(0, next - Date.now()) + 50, () => {
      this.#rotating = this.#jobs.rotate().finally(() => {
        if (!this.#stopped) this.#scheduleRotation()
      })
    })
  }

  #every(ms: number, job: () => void): void {
    this.#after(ms, () => {
      job()
      if (!this.#stopped) this.#every(ms, job)
    })
  }

  #after(ms: number, run: () => void): void {
    if (this.#stopped) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (!this.#stopped) run()
    }, ms)
    timer.unref()
    this.#timers.add(timer)
  }
}
