import { assertBytes } from './bytes.ts'
import type { DhEngine } from './dh-engine.ts'
import { assertPoints, assertScalar } from './dh-suite.ts'
import { deinterleave, interleavedTags } from './dh-tags.ts'
import { hashToUBatch, hashToUPacked } from './hash-to-u.ts'
import { type Elements, isSource } from './packed.ts'
import type { X25519Backend } from './x25519-backend.ts'

/** DhEngine.publish on one thread: hashToU (RFC 9380 section 5.2) then X25519 (RFC 7748 section 5). */
export function publishWith(backend: X25519Backend, scalar: Uint8Array, elements: Elements, dst: Uint8Array): Uint8Array {
  assertScalar(scalar)
  assertBytes(dst, 'dst')
  return backend.raise(scalar, isSource(elements) ? hashToUPacked(elements.slice(0, elements.count), dst) : hashToUBatch(elements, dst))
}

/**
 * DhEngine.raiseToTags on one thread, tags interleaved per point (see interleavedTags); the
 * doubly raised values are zeroed once tagged.
 */
export function raiseToTagsWith(
  backend: X25519Backend,
  scalar: Uint8Array,
  points: Uint8Array,
  contexts: readonly Uint8Array[],
): Uint8Array {
  assertPoints(points)
  if (contexts.length === 0) throw new RangeError('tagContexts must not be empty')
  for (const context of contexts) assertBytes(context, 'tagContext')
  const raised = backend.raise(scalar, points)
  try {
    return interleavedTags(raised, contexts)
  } finally {
    raised.fill(0)
  }
}

/** The DhEngine on the calling thread: for tests, small batches and the simulator. */
export class InlineDhEngine implements DhEngine {
  readonly backend: X25519Backend

  constructor(backend: X25519Backend) {
    this.backend = backend
  }

  async publish(scalar: Uint8Array, elements: Elements, dst: Uint8Array): Promise<Uint8Array> {
    return publishWith(this.backend, scalar, elements, dst)
  }

  async raiseToTags(scalar: Uint8Array, points: Uint8Array, tagContexts: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return deinterleave(raiseToTagsWith(this.backend, scalar, points, tagContexts), tagContexts.length)
  }

  async close(): Promise<void> {}
}
