import { concat, i2osp, utf8 } from '../crypto/bytes.ts'
import type { KeyPair, Oprf } from '../crypto/oprf.ts'
import type { Mode } from './messages.ts'

/**
 * One OPRF key per epoch and mode (DESIGN section 5): DeriveKeyPair(seed, info) with
 * info = "sightline/v1/psi" || 0x00 || community || 0x00 || epoch (8 bytes) || mode. Outputs
 * cannot be linked across epochs, and cardinality (RED) outputs not to per-item ones: a client
 * that learns k_oprf * H(x) learns nothing about the RED digest made with k_card.
 */
export class EpochKeys {
  readonly #oprf: Oprf
  readonly #seed: Uint8Array
  readonly #community: string
  readonly #keys = new Map<string, KeyPair>()

  constructor(oprf: Oprf, seed: Uint8Array, community: string) {
    if (seed.length !== 32) throw new RangeError('PSI seed must be 32 bytes')
    this.#oprf = oprf
    this.#seed = seed
    this.#community = community
  }

  key(epoch: number, mode: Mode): KeyPair {
    const id = `${epoch}/${mode}`
    let pair = this.#keys.get(id)
    if (pair === undefined) {
      const info = concat(
        utf8('sightline/v1/psi'),
        Uint8Array.of(0),
        utf8(this.#community),
        Uint8Array.of(0),
        i2osp(epoch, 8),
        Uint8Array.of(mode),
      )
      pair = this.#oprf.deriveKeyPair(this.#seed, info)
      this.#keys.set(id, pair)
    }
    return pair
  }

  /** Forgets (and zeroes) keys of epochs before `epoch`: old epochs live only while queries need them. */
  retireBefore(epoch: number): void {
    for (const [id, pair] of this.#keys) {
      if (Number(id.split('/')[0]) < epoch) {
        pair.secretKey.fill(0)
        this.#keys.delete(id)
      }
    }
  }

  has(epoch: number): boolean {
    return [...this.#keys.keys()].some((id) => id.startsWith(`${epoch}/`))
  }
}
