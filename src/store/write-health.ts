import { StoreWriteError } from './errors.ts'

/** Whether the store can write, as status, readiness and metrics show it. */
export interface WriteHealth {
  writable: boolean
  /** When writes started failing (ms since the epoch), null while writable. */
  failingSince: number | null
  /** The last write error, null while writable. */
  error: string | null
  /** Writes refused or failed since start. */
  failures: number
  /** Times the store reopened and wrote again after a failure. */
  recoveries: number
}

export interface WriteSupervisorOptions {
  /** Wait between two attempts to reopen the database (default 1 s). */
  retryMs: number
}

export interface WriteSupervisorComponents {
  /** Closes and reopens the database, then writes and syncs a probe; rejects while it cannot. */
  reopen: () => Promise<void>
  log?: (message: string) => void
}

/**
 * Supervises the store's writes. LevelDB keeps a failed background write (a full disk) as a
 * sticky error: every later write fails with it until the database is reopened. So after the first
 * failure, writes are refused at once (with the cause and since when), and the database is
 * reopened every `retryMs` until a probe write succeeds; then writes go through again, without a
 * restart. stop() ends the retries at once.
 */
export class WriteSupervisor {
  readonly #o: WriteSupervisorOptions
  readonly #c: WriteSupervisorComponents
  #health: WriteHealth = { writable: true, failingSince: null, error: null, failures: 0, recoveries: 0 }
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  #retrying: Promise<void> | undefined
  /** Failed reopens since writes failed: the log says so at the first and then about once a minute. */
  #failedReopens = 0

  constructor(options: WriteSupervisorOptions, components: WriteSupervisorComponents) {
    this.#o = options
    this.#c = components
  }

  health(): WriteHealth {
    return { ...this.#health }
  }

  /** Runs one write; a failure makes the store unwritable until a reopen succeeds. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#health.writable) {
      this.#health.failures++
      throw new StoreWriteError(this.#refusal())
    }
    try {
      return await work()
    } catch (err) {
      this.#fail(err as Error)
      throw new StoreWriteError(`the store cannot write: ${(err as Error).message}`, { cause: err })
    }
  }

  /** Waits for a reopen attempt in progress (stop() must not close the database under it). */
  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#retrying
  }

  #refusal(): string {
    const since = new Date(this.#health.failingSince ?? Date.now()).toISOString()
    return `the store cannot write since ${since} (${this.#health.error}); it retries every ${this.#o.retryMs} ms and writes again once it can`
  }

  #fail(err: Error): void {
    this.#health.failures++
    if (!this.#health.writable) return
    this.#health = { ...this.#health, writable: false, failingSince: Date.now(), error: err.message }
    this.#failedReopens = 0
    this.#c.log?.(`sightline: store write failed: ${err.message}; retrying every ${this.#o.retryMs} ms`)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#retrying = this.#c.reopen().then(
        () => {
          this.#retrying = undefined
          this.#health = { ...this.#health, writable: true, failingSince: null, error: null, recoveries: this.#health.recoveries + 1 }
          this.#c.log?.('sightline: store writes again')
        },
        (err: Error) => {
          this.#retrying = undefined
          // Said at the first failed retry, then about once a minute: a retry every second must not flood the log.
          if (this.#failedReopens++ % Math.max(1, Math.round(60_000 / this.#o.retryMs)) === 0)
            this.#c.log?.(`sightline: store still cannot write: ${err.message}`)
          this.#health.error = err.message
          this.#schedule()
        },
      )
    }, this.#o.retryMs)
    this.#timer.unref()
  }
}
