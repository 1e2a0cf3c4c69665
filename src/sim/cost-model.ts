import { randomBytes } from 'node:crypto'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { InlineDhEngine } from '../crypto/dh-inline.ts'
import { dhPsiDst, POINT_BYTES } from '../crypto/dh-suite.ts'
import { tagContext } from '../crypto/dh-tags.ts'
import { countOf, type Elements } from '../crypto/packed.ts'
import { backendByName, x25519Backend } from '../crypto/x25519-backend.ts'

/**
 * The DH-PSI's batch operations, counted per element: `publish` is one element of our own lists
 * (hashToU, then X25519 with our scalar); `raise` is one point of a member's list or question
 * raised with our scalar (X25519) and tagged under each context (the party uses two: the tag it
 * returns and the one it keeps). Each element of a pair costs one of each, on each side.
 */
export const OP_KINDS = ['publish', 'raise'] as const
export type OpKind = (typeof OP_KINDS)[number]
export type OpCounts = Record<OpKind, number>

/** Tag contexts per raised point, as PsiParty raises (measured so). */
export const TAGS_PER_RAISE = 2

/** Milliseconds of CPU per element of each batch operation on the real backend, measured at start-up. */
export interface CostModel {
  backend: string
  elements: number
  /** `raise` is per point with TAGS_PER_RAISE tags. */
  msPerElement: OpCounts
}

export function zeroCounts(): OpCounts {
  return { publish: 0, raise: 0 }
}

/** Modeled CPU: counted operations at the real backend's measured cost per element. */
export function modeledMs(counts: OpCounts, model: CostModel): number {
  return OP_KINDS.reduce((sum, kind) => sum + counts[kind] * model.msPerElement[kind], 0)
}

/**
 * Times each batch operation of the real DH-PSI (InlineDhEngine on the default X25519 backend:
 * libsodium, else node:crypto) over `elements` elements, as the party calls it.
 */
export async function measureCostModel(elements = 256): Promise<CostModel> {
  const backend = x25519Backend()
  const engine = new InlineDhEngine(backend)
  const scalar = randomBytes(32)
  const dst = dhPsiDst('sim', 0)
  const contexts = Array.from({ length: TAGS_PER_RAISE }, (_, i) => tagContext(`peer-a${i}`, `peer-b${i}`, 1, 0))
  const inputs = Array.from({ length: elements }, () => randomBytes(40))
  // One warm-up pass of each, so the figures are not those of cold code.
  const warm = await engine.publish(scalar, inputs.slice(0, 16), dst)
  await engine.raiseToTags(scalar, warm, contexts)
  const ms: OpCounts = zeroCounts()
  const time = async (kind: OpKind, run: () => Promise<unknown>) => {
    const started = process.cpuUsage()
    await run()
    const used = process.cpuUsage(started)
    ms[kind] = (used.user + used.system) / 1000 / elements
  }
  let points: Uint8Array = new Uint8Array(0)
  await time('publish', async () => {
    points = await engine.publish(scalar, inputs, dst)
  })
  // A member's points are raised with another scalar: raise our own published points.
  await time('raise', () => engine.raiseToTags(randomBytes(32), points, contexts))
  await engine.close()
  return { backend: backend.name, elements, msPerElement: ms }
}

/**
 * A DhEngine that counts the elements of every operation and the CPU time spent in it. The
 * wrapped engine is inline (it works before its promise is returned), so the time measured around
 * the call is this node's and no other's, even with many nodes in one process.
 */
export class MeteredEngine implements DhEngine {
  readonly counts: OpCounts = zeroCounts()
  /** CPU milliseconds spent inside the wrapped engine (not measured when `measure` is false). */
  cpuMs = 0
  readonly #inner: DhEngine
  readonly #measure: boolean

  /** `measure`: time each call (real crypto); modeled crypto's CPU comes from counts, and 100 nodes' getrusage calls add up. */
  constructor(inner: DhEngine, measure = true) {
    this.#inner = inner
    this.#measure = measure
  }

  async #run<T>(kind: OpKind, elements: number, work: () => Promise<T>): Promise<T> {
    // Many nodes share one event loop and in-memory streams resolve as microtasks: yielding to the
    // loop before each batch lets timers (heartbeats, timeouts, the simulation's clock) run.
    await new Promise((resolve) => setImmediate(resolve))
    this.counts[kind] += elements
    if (!this.#measure) return work()
    const started = process.cpuUsage()
    const result = work()
    const used = process.cpuUsage(started)
    this.cpuMs += (used.user + used.system) / 1000
    return result
  }

  publish(scalar: Uint8Array, elements: Elements, dst: Uint8Array): Promise<Uint8Array> {
    return this.#run('publish', countOf(elements), () => this.#inner.publish(scalar, elements, dst))
  }

  raiseToTags(scalar: Uint8Array, points: Uint8Array, tagContexts: readonly Uint8Array[]): Promise<Uint8Array[]> {
    return this.#run('raise', Math.floor(points.length / POINT_BYTES), () => this.#inner.raiseToTags(scalar, points, tagContexts))
  }

  close(): Promise<void> {
    return this.#inner.close()
  }
}

/**
 * A simulated member's engine, metered: the real DH-PSI (InlineDhEngine on the default X25519
 * backend) or, for `modeled`, the same engine on the modeled backend (NOT secure).
 */
export function meteredEngine(crypto: 'real' | 'modeled'): MeteredEngine {
  const modeled = crypto === 'modeled'
  return new MeteredEngine(new InlineDhEngine(modeled ? backendByName('modeled') : x25519Backend()), !modeled)
}
