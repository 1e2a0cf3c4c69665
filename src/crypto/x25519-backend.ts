import { modeledX25519 } from './x25519-modeled.ts'
import { nobleX25519 } from './x25519-noble.ts'
import { nodeX25519 } from './x25519-node.ts'
import { loadSodiumX25519 } from './x25519-sodium.ts'

export type X25519BackendName = 'sodium' | 'node' | 'noble' | 'modeled'

/** One way to compute X25519 over a batch; every real backend gives identical bytes. */
export interface X25519Backend {
  readonly name: X25519BackendName
  /**
   * X25519(scalar, u) (RFC 7748 section 5) for n packed 32-byte u-coordinates: n * 32 bytes out,
   * in order. A small-order input gives 32 zero bytes, never a throw. Throws RangeError naming the
   * argument when scalar is not 32 bytes or points not a multiple of 32.
   */
  raise(scalar: Uint8Array, points: Uint8Array): Uint8Array
}

export const X25519_BACKEND_NAMES: readonly X25519BackendName[] = ['sodium', 'node', 'noble', 'modeled']

/** A backend by name; `sodium` throws when sodium-native cannot load here. `modeled` is NOT secure. */
export function backendByName(name: string): X25519Backend {
  switch (name) {
    case 'sodium': {
      const sodium = loadSodiumX25519()
      if (sodium instanceof Error) throw new Error(`sodium-native is not usable here: ${sodium.message}`, { cause: sodium })
      return sodium
    }
    case 'node':
      return nodeX25519
    case 'noble':
      return nobleX25519
    case 'modeled':
      return modeledX25519
    default:
      throw new RangeError(`unknown X25519 backend "${name}" (sodium, node, noble or modeled)`)
  }
}

/**
 * The backend to use: `name` when given, else native libsodium, falling back to node:crypto
 * (OpenSSL) when sodium-native cannot load on this platform. The result's `name` says which.
 */
export function x25519Backend(name?: string): X25519Backend {
  if (name !== undefined) return backendByName(name)
  const sodium = loadSodiumX25519()
  return sodium instanceof Error ? nodeX25519 : sodium
}
