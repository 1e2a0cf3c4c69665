import type { GroupBackend } from './group.ts'
import { modeledBackend } from './modeled-backend.ts'
import { nobleBackend } from './noble-backend.ts'
import { sodiumBackend } from './sodium-backend.ts'

/** `modeled` is the simulation stand-in (not secure; see modeled-backend.ts). */
export const BACKENDS = { noble: nobleBackend, sodium: sodiumBackend, modeled: modeledBackend } as const
export type BackendName = keyof typeof BACKENDS

export function backendByName(name: string): GroupBackend {
  const backend = BACKENDS[name as BackendName]
  if (backend === undefined) throw new RangeError(`unknown group backend "${name}" (noble, sodium or modeled)`)
  return backend
}
