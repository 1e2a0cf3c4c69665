/** An AbortSignal that aborts after a time, and whose timer `release()` cancels. */
export interface Deadline {
  signal: AbortSignal
  release(): void
}

/**
 * A timeout for one exchange. AbortSignal.timeout's timer cannot be cancelled: it fires, and
 * builds a DOMException, long after every exchange it guarded has ended, and a node runs
 * thousands of exchanges a minute.
 */
export function deadline(ms: number): Deadline {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError')), ms)
  timer.unref()
  return { signal: controller.signal, release: () => clearTimeout(timer) }
}
