import { createRequire } from 'node:module'
import { POINT_BYTES, raiseEach } from './dh-suite.ts'
import type { X25519Backend } from './x25519-backend.ts'

type Sodium = typeof import('sodium-native')

let loaded: X25519Backend | Error | undefined

/**
 * The native backend: libsodium's crypto_scalarmult through sodium-native's prebuilt binaries
 * (about 34 us per X25519 here). Loaded on first use so a platform without a prebuild can fall
 * back to node:crypto; returns the load error instead of throwing.
 */
export function loadSodiumX25519(): X25519Backend | Error {
  if (loaded === undefined) {
    try {
      loaded = sodiumBackend(createRequire(import.meta.url)('sodium-native') as Sodium)
    } catch (err) {
      loaded = err instanceof Error ? err : new Error(String(err))
    }
  }
  return loaded
}

function sodiumBackend(sodium: Sodium): X25519Backend {
  // One result buffer for every call on this thread: libsodium writes into it and we copy out.
  const q = Buffer.alloc(POINT_BYTES)
  return {
    name: 'sodium',
    // RFC 7748 section 5: libsodium clamps the scalar and masks the top bit of u itself.
    raise(scalar, points) {
      try {
        return raiseEach(scalar, points, (point) => {
          sodium.crypto_scalarmult(q, scalar, point)
          return q
        })
      } finally {
        q.fill(0)
      }
    },
  }
}
