import { createHash } from 'node:crypto'

/**
 * What was already reported, per epoch. A pair with a member re-runs on every local change,
 * reconcile and reconnect; a refusal that retrying cannot mend (a budget) would otherwise be
 * counted and logged again on each run. A new epoch reports afresh; older keys are dropped. Keys
 * are kept as digests of their parts, so a long request costs 32 bytes here.
 */
export class ReportedOnce {
  readonly #byEpoch = new Map<number, Set<string>>()

  /** True the first time these parts are seen in `epoch`. */
  first(epoch: number, ...parts: readonly (string | Uint8Array)[]): boolean {
    const hash = createHash('sha256')
    for (const part of parts) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part
      hash.update(Buffer.from(Uint32Array.of(bytes.length).buffer)).update(bytes)
    }
    const key = hash.digest('base64')
    let keys = this.#byEpoch.get(epoch)
    if (keys === undefined) {
      keys = new Set()
      this.#byEpoch.set(epoch, keys)
    }
    if (keys.has(key)) return false
    keys.add(key)
    return true
  }

  retireBefore(epoch: number): void {
    for (const held of this.#byEpoch.keys()) if (held < epoch) this.#byEpoch.delete(held)
  }
}
