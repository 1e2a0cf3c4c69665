import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { BackendName } from './backends.ts'
import type { OprfEngine } from './engine.ts'
import { type PackedInputs, pack, slicePacked } from './packed.ts'
import { ELEMENT_BYTES, OUTPUT_BYTES, SCALAR_BYTES } from './suite.ts'

export type PoolOp =
  | { op: 'evaluate'; secretKey: Uint8Array; inputs: PackedInputs }
  | { op: 'blind'; inputs: PackedInputs }
  | { op: 'blindEvaluate'; secretKey: Uint8Array; elements: Uint8Array }
  | { op: 'finalize'; inputs: PackedInputs; blinds: Uint8Array; elements: Uint8Array }
  | { op: 'evaluateUnbound'; secretKey: Uint8Array; inputs: PackedInputs }
  | { op: 'blindShared'; inputs: PackedInputs; blind: Uint8Array }
  | { op: 'unblindShared'; elements: Uint8Array; blind: Uint8Array }

export interface PoolResult {
  /** evaluate, finalize: n * 64 output bytes; blindEvaluate: n * 32 elements; blind: n * 32 blinded elements. */
  out: Uint8Array
  /** blind only: n * 32 blind scalars (secret). */
  blinds?: Uint8Array
}

interface Pending {
  resolve: (r: PoolResult) => void
  reject: (e: Error) => void
  worker: Worker
}

/**
 * Runs OPRF batch work on worker threads, one per core by default, each with its own backend
 * instance. A batch is cut into one slice per worker; results come back in order.
 */
export class OprfPool implements OprfEngine {
  readonly size: number
  readonly backend: BackendName
  readonly #workers: Worker[] = []
  readonly #pending = new Map<number, Pending>()
  readonly #busy = new Map<Worker, number>()
  #next = 0
  #closed = false

  constructor(options: { size?: number; backend?: BackendName } = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism())
    this.backend = options.backend ?? 'sodium'
    for (let i = 0; i < this.size; i++) this.#workers.push(this.#spawn())
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./pool-worker.mjs', import.meta.url), { workerData: { backend: this.backend } })
    worker.on('message', (m: { id: number; out?: Uint8Array; blinds?: Uint8Array; error?: { name: string; message: string } }) => {
      const pending = this.#pending.get(m.id)
      if (pending === undefined) return
      this.#pending.delete(m.id)
      this.#release(pending.worker)
      if (m.error !== undefined) {
        const err = new Error(m.error.message)
        err.name = m.error.name
        pending.reject(err)
      } else {
        pending.resolve({ out: m.out as Uint8Array, ...(m.blinds === undefined ? {} : { blinds: m.blinds }) })
      }
    })
    const fail = (err: Error): void => {
      for (const [id, p] of this.#pending) {
        if (p.worker !== worker) continue
        this.#pending.delete(id)
        p.reject(err)
      }
      this.#busy.delete(worker)
      // A worker that died is replaced, so later batches do not wait on it forever.
      const index = this.#workers.indexOf(worker)
      if (index >= 0 && !this.#closed) this.#workers[index] = this.#spawn()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!this.#closed && this.#busy.has(worker)) fail(new Error(`OPRF worker exited with code ${code}`))
    })
    // Idle workers do not keep the process alive; a worker with work in flight does.
    worker.unref()
    this.#busy.set(worker, 0)
    return worker
  }

  /** Stops one worker as a crash would (tests): its batch is rejected and the worker replaced. */
  async terminateWorker(index: number): Promise<void> {
    await this.#workers[index]?.terminate()
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id)
      pending.reject(new Error('OprfPool closed'))
    }
    await Promise.all(this.#workers.map((w) => w.terminate()))
  }

  evaluate(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#overInputs(inputs, OUTPUT_BYTES, (slice) => ({ op: 'evaluate', secretKey, inputs: slice })).then((r) => r.out)
  }

  evaluateUnbound(secretKey: Uint8Array, inputs: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.#overInputs(inputs, OUTPUT_BYTES, (slice) => ({ op: 'evaluateUnbound', secretKey, inputs: slice })).then((r) => r.out)
  }

  blind(inputs: readonly Uint8Array[]): Promise<{ blinds: Uint8Array; blinded: Uint8Array }> {
    return this.#overInputs(inputs, ELEMENT_BYTES, (slice) => ({ op: 'blind', inputs: slice })).then((r) => ({
      blinds: r.blinds as Uint8Array,
      blinded: r.out,
    }))
  }

  blindShared(inputs: readonly Uint8Array[], blind: Uint8Array): Promise<Uint8Array> {
    return this.#overInputs(inputs, ELEMENT_BYTES, (slice) => ({ op: 'blindShared', blind, inputs: slice })).then((r) => r.out)
  }

  finalize(inputs: readonly Uint8Array[], blinds: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#overInputs(inputs, OUTPUT_BYTES, (slice, a, b) => ({
      op: 'finalize',
      inputs: slice,
      blinds: blinds.slice(a * SCALAR_BYTES, b * SCALAR_BYTES),
      elements: elements.slice(a * ELEMENT_BYTES, b * ELEMENT_BYTES),
    })).then((r) => r.out)
  }

  blindEvaluate(secretKey: Uint8Array, elements: Uint8Array): Promise<Uint8Array> {
    return this.#overElements(elements, ELEMENT_BYTES, (slice) => ({ op: 'blindEvaluate', secretKey, elements: slice })).then((r) => r.out)
  }

  unblindShared(elements: Uint8Array, blind: Uint8Array): Promise<Uint8Array> {
    return this.#overElements(elements, OUTPUT_BYTES, (slice) => ({ op: 'unblindShared', blind, elements: slice })).then((r) => r.out)
  }

  /** A batch over byte-string inputs, packed once and cut per worker. */
  #overInputs(
    inputs: readonly Uint8Array[],
    outSize: number,
    job: (slice: PackedInputs, from: number, to: number) => PoolOp,
  ): Promise<PoolResult> {
    const packed = pack(inputs)
    return this.#split(inputs.length, outSize, (a, b) => job(slicePacked(packed, a, b), a, b))
  }

  /** A batch over packed 32-byte elements, cut per worker. */
  #overElements(elements: Uint8Array, outSize: number, job: (slice: Uint8Array) => PoolOp): Promise<PoolResult> {
    return this.#split(elements.length / ELEMENT_BYTES, outSize, (a, b) => job(elements.slice(a * ELEMENT_BYTES, b * ELEMENT_BYTES)))
  }

  async #split(n: number, outSize: number, job: (from: number, to: number) => PoolOp): Promise<PoolResult> {
    if (this.#closed) throw new Error('OprfPool is closed')
    const parts = Math.min(this.size, Math.max(1, Math.ceil(n / 64)))
    const per = Math.ceil(n / parts)
    const runs: Promise<PoolResult>[] = []
    for (let p = 0; p < parts; p++) {
      const from = p * per
      const to = Math.min(n, from + per)
      if (from >= to) break
      runs.push(this.#run(p, job(from, to)))
    }
    const results = await Promise.all(runs)
    const out = new Uint8Array(n * outSize)
    const blinds = results[0]?.blinds === undefined ? undefined : new Uint8Array(n * SCALAR_BYTES)
    let offset = 0
    let blindOffset = 0
    for (const r of results) {
      out.set(r.out, offset)
      offset += r.out.length
      if (blinds !== undefined && r.blinds !== undefined) {
        blinds.set(r.blinds, blindOffset)
        blindOffset += r.blinds.length
        r.blinds.fill(0)
      }
    }
    return blinds === undefined ? { out } : { out, blinds }
  }

  #run(index: number, job: PoolOp): Promise<PoolResult> {
    const id = this.#next++
    const worker = this.#workers[index % this.#workers.length] as Worker
    const busy = this.#busy.get(worker) ?? 0
    if (busy === 0) worker.ref()
    this.#busy.set(worker, busy + 1)
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker })
      worker.postMessage({ id, job })
    })
  }

  #release(worker: Worker): void {
    const busy = (this.#busy.get(worker) ?? 1) - 1
    this.#busy.set(worker, busy)
    if (busy === 0) worker.unref()
  }
}
