import { randomBytes } from 'node:crypto'
import { InlineEngine, type OprfEngine } from '../crypto/engine.ts'
import { Oprf } from '../crypto/oprf.ts'
import { sodiumBackend } from '../crypto/sodium-backend.ts'

export const OP_KINDS = ['evaluate', 'evaluateUnbound', 'blind', 'blindEvaluate', 'finalize', 'blindShared', 'unblindShared'] as const
export type OpKind = (typeof OP_KINDS)[number]
export type OpCounts = Record<OpKind, number>

/** Milliseconds of CPU per element of each batch operation on the real backend, measured at start-up. */
export interface CostModel {
  backend: string
  elements: number
  msPerElement: OpCounts
}

export function zeroCounts(): OpCounts {
  return { evaluate: 0, evaluateUnbound: 0, blind: 0, blindEvaluate: 0, finalize: 0, blindShared: 0, unblindShared: 0 }
}

/** Modeled CPU: counted operations at the real backend's measured cost per element. */
export function modeledMs(counts: OpCounts, model: CostModel): number {
  return OP_KINDS.reduce((sum, kind) => sum + counts[kind] * model.msPerElement[kind], 0)
}

/** Times each batch operation of the real (libsodium) OPRF over `elements` elements. */
export async function measureCostModel(elements = 128): Promise<CostModel> {
  const engine = new InlineEngine(new Oprf(sodiumBackend))
  const oprf = new Oprf(sodiumBackend)
  const key = oprf.randomScalar()
  const blind = oprf.randomScalar()
  const inputs = Array.from({ length: elements }, () => randomBytes(40))
  // One warm-up pass, so the figures are not those of a cold WebAssembly module.
  await engine.evaluate(key, inputs.slice(0, 8))
  const ms: OpCounts = zeroCounts()
  const time = async (kind: OpKind, run: () => Promise<unknown>) => {
    const started = process.cpuUsage()
    await run()
    const used = process.cpuUsage(started)
    ms[kind] = (used.user + used.system) / 1000 / elements
  }
  let blinded: { blinds: Uint8Array; blinded: Uint8Array } = { blinds: new Uint8Array(0), blinded: new Uint8Array(0) }
  let evaluated: Uint8Array = new Uint8Array(0)
  let shared: Uint8Array = new Uint8Array(0)
  await time('evaluate', () => engine.evaluate(key, inputs))
  await time('evaluateUnbound', () => engine.evaluateUnbound(key, inputs))
  await time('blind', async () => {
    blinded = await engine.blind(inputs)
  })
  await time('blindEvaluate', async () => {
    evaluated = await engine.blindEvaluate(key, blinded.blinded)
  })
  await time('finalize', () => engine.finalize(inputs, blinded.blinds, evaluated))
  await time('blindShared', async () => {
    shared = await engine.blindShared(inputs, blind)
  })
  await time('unblindShared', () => engine.unblindShared(shared, blind))
  return { backend: sodiumBackend.name, elements, msPerElement: ms }
}

/**
 * An OprfEngine that counts the elements of every operation and the CPU time spent in it. The
 * wrapped engine is inline (it works before its promise is returned), so the time measured around
 * the call is this node's and no other's, even with many nodes in one process.
 */
export class MeteredEngine implements OprfEngine {
  readonly counts: OpCounts = zeroCounts()
  /** CPU milliseconds spent inside the wrapped engine. */
  cpuMs = 0
  readonly #inner: OprfEngine

  constructor(inner: OprfEngine) {
    this.#inner = inner
  }

  async #run<T>(kind: OpKind, elements: number, work: () => Promise<T>): Promise<T> {
    // Many nodes share one event loop and in-memory streams resolve as microtasks: yielding to the
    // loop before each batch lets timers (heartbeats, timeouts, the simulation's clock) run.
    await new Promise((resolve) => setImmediate(resolve))
    this.counts[kind] += elements
    const started = process.cpuUsage()
    const result = work()
    const used = process.cpuUsage(started)
    this.cpuMs += (used.user + used.system) / 1000
    return result
  }

  evaluate(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#run('evaluate', inputs.length, () => this.#inner.evaluate(secretKey, inputs))
  }
  evaluateUnbound(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#run('evaluateUnbound', inputs.length, () => this.#inner.evaluateUnbound(secretKey, inputs))
  }
  blind(inputs: readonly Uint8Array[]): Promise<{ blinds: Uint8Array; blinded: Uint8Array }> {
    return this.#run('blind', inputs.length, () => this.#inner.blind(inputs))
  }
  blindEvaluate(secretKey: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#run('blindEvaluate', elements.length / 32, () => this.#inner.blindEvaluate(secretKey, elements))
  }
  finalize(inputs: readonly Uint8Array[], blinds: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#run('finalize', inputs.length, () => this.#inner.finalize(inputs, blinds, elements))
  }
  blindShared(inputs: readonly Uint8Array[], blind: Uint8Array): Promise<Uint8Array> {
    return this.#run('blindShared', inputs.length, () => this.#inner.blindShared(inputs, blind))
  }
  unblindShared(elements: Uint8Array, blind: Uint8Array): Promise<Uint8Array> {
    return this.#run('unblindShared', elements.length / 32, () => this.#inner.unblindShared(elements, blind))
  }
  close(): Promise<void> {
    return this.#inner.close()
  }
}
