import type { Oprf } from './oprf.ts'

/**
 * Batch OPRF work as the PSI state machines need it, asynchronous so that it can run on a worker
 * pool (OprfPool) or inline (InlineEngine, for tests and small batches). Packed layouts as in oprf.ts.
 */
export interface OprfEngine {
  evaluate(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array>
  evaluateUnbound(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array>
  blind(inputs: readonly Uint8Array[]): Promise<{ blinds: Uint8Array; blinded: Uint8Array }>
  blindEvaluate(secretKey: Uint8Array, elements: Uint8Array): Promise<Uint8Array>
  finalize(inputs: readonly Uint8Array[], blinds: Uint8Array, elements: Uint8Array): Promise<Uint8Array>
  blindShared(inputs: readonly Uint8Array[], blind: Uint8Array): Promise<Uint8Array>
  unblindShared(elements: Uint8Array, blind: Uint8Array): Promise<Uint8Array>
  close(): Promise<void>
}

export class InlineEngine implements OprfEngine {
  readonly #oprf: Oprf
  constructor(oprf: Oprf) {
    this.#oprf = oprf
  }
  async evaluate(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#oprf.evaluateBatch(secretKey, inputs)
  }
  async evaluateUnbound(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#oprf.evaluateUnboundBatch(secretKey, inputs)
  }
  async blind(inputs: readonly Uint8Array[]): Promise<{ blinds: Uint8Array; blinded: Uint8Array }> {
    return this.#oprf.blindBatch(inputs)
  }
  async blindEvaluate(secretKey: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#oprf.blindEvaluateBatch(secretKey, elements)
  }
  async finalize(inputs: readonly Uint8Array[], blinds: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#oprf.finalizeBatch(inputs, blinds, elements)
  }
  async blindShared(inputs: readonly Uint8Array[], blind: Uint8Array): Promise<Uint8Array> {
    return this.#oprf.blindSharedBatch(inputs, blind)
  }
  async unblindShared(elements: Uint8Array, blind: Uint8Array): Promise<Uint8Array> {
    return this.#oprf.unblindSharedBatch(elements, blind)
  }
  async close(): Promise<void> {}
}
