import { QuotaExceededError } from './errors.ts'
import type { PsiOptions } from './options.ts'

/**
 * Per-peer evaluation quota per epoch (DESIGN section 2): a small multiple of the larger of the
 * two published set sizes, with a floor and a hard cap, so a member cannot walk the IPv4 space
 * (2^32 values) through our key.
 */
export class QuotaTracker {
  readonly #options: Pick<PsiOptions, 'quotaMultiple' | 'quotaFloor' | 'quotaCap'>
  readonly #used = new Map<string, number>()

  constructor(options: Pick<PsiOptions, 'quotaMultiple' | 'quotaFloor' | 'quotaCap'>) {
    this.#options = options
  }

  limit(ownSetSize: number, peerSetSize: number): number {
    const { quotaMultiple, quotaFloor, quotaCap } = this.#options
    return Math.min(quotaCap, Math.max(quotaFloor, quotaMultiple * Math.max(ownSetSize, peerSetSize)))
  }

  used(peer: string, epoch: number): number {
    return this.#used.get(`${epoch}/${peer}`) ?? 0
  }

  /** Takes `n` evaluations from the peer's quota, or throws QuotaExceededError and takes none. */
  consume(peer: string, epoch: number, n: number, limit: number): number {
    const key = `${epoch}/${peer}`
    const used = this.#used.get(key) ?? 0
    if (used + n > limit) {
      throw new QuotaExceededError(`peer ${peer} asked for ${n} evaluations in epoch ${epoch}; ${limit - used} of ${limit} remain`)
    }
    this.#used.set(key, used + n)
    return limit - used - n
  }

  retireBefore(epoch: number): void {
    for (const key of this.#used.keys()) if (Number(key.split('/')[0]) < epoch) this.#used.delete(key)
  }
}
