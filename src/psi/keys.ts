import { hkdfSync } from 'node:crypto'
import { concat, i2osp, utf8 } from '../crypto/bytes.ts'
import { DH_SUITE } from '../crypto/dh-suite.ts'
import type { Mode } from './messages.ts'

export interface EpochSecrets {
  /** The X25519 scalar of this epoch and mode (clamped by X25519 itself, RFC 7748 section 5). */
  scalar: Uint8Array
  /** Seed of the padding points, so a rebuilt list of the same items is the same list. */
  padding: Uint8Array
}

/**
 * One scalar per epoch and mode (DESIGN section 5), derived from the node's 32-byte seed with
 * HKDF-SHA256 (RFC 5869): salt = suite name, info = label || 0x00 || community || 0x00 ||
 * epoch (8 bytes) || mode. Raised values cannot be linked across epochs or between modes.
 * Secrets of an epoch are zeroed and forgotten when it is retired.
 */
export class EpochKeys {
  readonly #seed: Uint8Array
  readonly #community: string
  readonly #secrets = new Map<string, EpochSecrets & { epoch: number }>()

  constructor(seed: Uint8Array, community: string) {
    if (seed.length !== 32) throw new RangeError('PSI seed must be 32 bytes')
    this.#seed = seed
    this.#community = community
  }

  secrets(epoch: number, mode: Mode): EpochSecrets {
    const id = `${epoch}:${mode}`
    let held = this.#secrets.get(id)
    if (held === undefined) {
      held = { epoch, scalar: this.#derive('scalar', epoch, mode), padding: this.#derive('padding', epoch, mode) }
      this.#secrets.set(id, held)
    }
    return held
  }

  /** Zeroes and forgets the secrets of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    for (const [id, held] of this.#secrets) {
      if (held.epoch >= epoch) continue
      held.scalar.fill(0)
      held.padding.fill(0)
      this.#secrets.delete(id)
    }
  }

  #derive(label: string, epoch: number, mode: Mode): Uint8Array {
    const info = concat(
      utf8(`sightline/psi/${label}`),
      Uint8Array.of(0),
      utf8(this.#community),
      Uint8Array.of(0),
      i2osp(epoch, 8),
      Uint8Array.of(mode),
    )
    return new Uint8Array(hkdfSync('sha256', this.#seed, utf8(DH_SUITE), info, 32))
  }
}
