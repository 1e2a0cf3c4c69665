/**
 * At most `limit` pieces of work at once; the rest wait in arrival order. A waiter whose signal
 * aborts leaves the line (its turn passes to the next) and rejects with the abort reason.
 */
export class Turns {
  readonly #limit: number
  readonly #waiting: (() => void)[] = []
  #running = 0

  constructor(limit: number) {
    this.#limit = Math.max(1, limit)
  }

  /** Work running now. */
  get running(): number {
    return this.#running
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted()
    while (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
      if (signal?.aborted === true) {
        // Woken but no longer wanted: the turn goes to the next in line.
        this.#waiting.shift()?.()
        signal.throwIfAborted()
      }
    }
    this.#running++
    try {
      return await work()
    } finally {
      this.#running--
      this.#waiting.shift()?.()
    }
  }
}
