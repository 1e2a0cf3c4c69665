/** Settings of the Redialer, with their defaults (the CLI has no flags for them yet). */
export interface RedialOptions {
  /** First retry delay bound; attempt n waits a random time in [0, min(capMs, baseMs * 2^n)) ("full jitter"). */
  baseMs: number
  /** Longest wait between two attempts: minutes, so a member back after a long outage is found soon. */
  capMs: number
  /** How often the redialer looks for members that are due. */
  tickMs: number
  /** Timeout of one dial. */
  dialTimeoutMs: number
  /** Dials in flight at once. */
  maxParallelDials: number
  /**
   * A connection that lasted less than this does not reset the backoff: a member that accepts and
   * then closes (its roster lacks us, a pnet key differs) is retried ever more slowly, not in a loop.
   */
  stableMs: number
}

export const DEFAULT_REDIAL_OPTIONS: RedialOptions = {
  baseMs: 1000,
  capMs: 3 * 60_000,
  tickMs: 500,
  dialTimeoutMs: 10_000,
  maxParallelDials: 8,
  stableMs: 10_000,
}

/** Delay before attempt `attempt` (0-based) after a failure: capped exponential backoff, full jitter. */
export function backoffDelay(attempt: number, options: Pick<RedialOptions, 'baseMs' | 'capMs'>, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(random() * ceiling)
}
