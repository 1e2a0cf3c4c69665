import type { GroupBackend } from './group.ts'
import { nobleBackend } from './noble-backend.ts'
import { sodiumBackend } from './sodium-backend.ts'

export const BACKENDS = { noble: nobleBackend, sodium: sodiumBackend } as const
export type BackendName = keyof typeof BACKENDS

export function backendByName(name: string): GroupBackend {
  const backend = BACKENDS[name as BackendName]
  if (backend === undefined) throw new RangeError(`unknown group backend "${name}" (noble or sodium)`)
  return backend
}
