import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { assertBytes } from './bytes.ts'
import type { DhEngine } from './dh-engine.ts'
import { assertPoints, assertScalar, POINT_BYTES } from './dh-suite.ts'
import { deinterleave } from './dh-tags.ts'
import { type Elements, isSource, type PackedInputs, sourceOf } from './packed.ts'
import { type X25519BackendName, x25519Backend } from './x25519-backend.ts'

/** One slice of a batch, as posted to a worker (each buffer a copy, transferred to it). */
export type DhJob =
  | { op: 'publish'; scalar: Uint8Array; elements: PackedInputs; dst: Uint8Array }
  | { op: 'raiseToTags'; scalar: Uint8Array; points: Uint8Array; contexts: Uint8Array[] }

/** A worker's first message says its backend loaded; then one reply per job. */
export type DhReply = { ready: true } | { id: number; out: Uint8Array } | { id: number; error: { name: string; message: string } }

export interface DhPoolOptions {
  /** Worker threads; default os.availableParallelism(). */
  size?: number
  /** X25519 backend in each worker; default sodium, else node (see x25519Backend). */
  backend?: X25519BackendName
  /** Items per slice at most (default MAX_SLICE): only one slice per worker is copied out at a time. */
  maxSlice?: number
}

/** Below this many items per slice, posting to another worker costs more than it saves. */
const MIN_SLICE = 64
/** At most this many items per slice by default: 2 MiB of points. */
const MAX_SLICE = 1 << 16

/** A copy with its own ArrayBuffer, safe to transfer (a Buffer's slice() would be a view). */
function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}

interface Pending {
  resolve: (out: Uint8Array) => void
  reject: (err: Error) => void
  worker: Worker
}

/**
 * The DhEngine on worker threads, one per core by default. A batch is cut into one slice per
 * worker (fewer for small batches) and the results are joined in input order. A worker that dies
 * is replaced and the slices it held are rejected. Idle workers do not keep the process alive.
 */
export class DhPool implements DhEngine {
  readonly size: number
  readonly backend: X25519BackendName
  readonly #maxSlice: number
  readonly #workers: Worker[] = []
  readonly #pending = new Map<number, Pending>()
  readonly #busy = new Map<Worker, number>()
  #next = 0
  #closed = false
  /** Set when a worker died before it was ready: a replacement would die the same way. */
  #broken: Error | undefined

  constructor(options: DhPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()))
    this.backend = x25519Backend(options.backend).name
    this.#maxSlice = Math.max(MIN_SLICE, Math.floor(options.maxSlice ?? MAX_SLICE))
    for (let i = 0; i < this.size; i++) this.#workers.push(this.#spawn())
  }

  async publish(scalar: Uint8Array, elements: Elements, dst: Uint8Array): Promise<Uint8Array> {
    assertScalar(scalar)
    assertBytes(dst, 'dst')
    if (!isSource(elements)) for (const element of elements) assertBytes(element, 'element')
    const source = sourceOf(elements)
    return this.#split(source.count, POINT_BYTES, (from, to) => {
      const slice = source.slice(from, to)
      const job: DhJob = { op: 'publish', scalar: copy(scalar), elements: slice, dst: copy(dst) }
      return [job, [job.scalar.buffer, slice.data.buffer, slice.offsets.buffer, job.dst.buffer] as ArrayBuffer[]]
    })
  }

  async raiseToTags(scalar: Uint8Array, points: Uint8Array, tagContexts: readonly Uint8Array[]): Promise<Uint8Array[]> {
    assertScalar(scalar)
    assertPoints(points)
    if (tagContexts.length === 0) throw new RangeError('tagContexts must not be empty')
    for (const context of tagContexts) assertBytes(context, 'tagContext')
    const k = tagContexts.length
    // Each slice's interleaved tags are split straight into the per-context arrays: no joined copy.
    const parts = await this.#slices(points.length / POINT_BYTES, (from, to) => {
      const job: DhJob = {
        op: 'raiseToTags',
        scalar: copy(scalar),
        points: copy(points.subarray(from * POINT_BYTES, to * POINT_BYTES)),
        contexts: tagContexts.map(copy),
      }
      return [job, [job.scalar.buffer, job.points.buffer, ...job.contexts.map((c) => c.buffer)] as ArrayBuffer[]]
    })
    return deinterleave(parts, k)
  }

  /** Stops one worker as a crash would (tests): its slices are rejected and the worker replaced. */
  async terminateWorker(index: number): Promise<void> {
    await this.#workers[index]?.terminate()
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id)
      pending.reject(new Error('DhPool closed'))
    }
    await Promise.all(this.#workers.map((w) => w.terminate()))
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./dh-pool-worker.mjs', import.meta.url), { workerData: { backend: this.backend } })
    let dead = false
    let ready = false
    const fail = (err: Error): void => {
      if (dead) return
      dead = true
      if (!ready && !this.#closed) this.#broken ??= new Error(`DH worker failed to start: ${err.message}`, { cause: err })
      for (const [id, pending] of this.#pending) {
        if (pending.worker !== worker) continue
        this.#pending.delete(id)
        pending.reject(err)
      }
      this.#busy.delete(worker)
      // Replaced even when idle, so a later batch is never posted to a dead thread.
      const index = this.#workers.indexOf(worker)
      if (index >= 0 && !this.#closed && this.#broken === undefined) this.#workers[index] = this.#spawn()
    }
    worker.on('message', (reply: DhReply) => {
      if ('ready' in reply) ready = true
      else this.#settle(worker, reply)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`DH worker exited with code ${code}`)))
    worker.unref()
    this.#busy.set(worker, 0)
    return worker
  }

  #settle(worker: Worker, reply: Exclude<DhReply, { ready: true }>): void {
    const pending = this.#pending.get(reply.id)
    if (pending === undefined) return
    this.#pending.delete(reply.id)
    this.#release(worker)
    if ('error' in reply) {
      const err = new Error(reply.error.message)
      err.name = reply.error.name
      pending.reject(err)
    } else {
      pending.resolve(reply.out)
    }
  }

  /** The batch's results joined in input order (n * outSize bytes), each slice's copied in as it arrives. */
  async #split(n: number, outSize: number, slice: (from: number, to: number) => [DhJob, ArrayBuffer[]]): Promise<Uint8Array> {
    const out = new Uint8Array(n * outSize)
    await this.#each(n, slice, (_, from, result) => out.set(result, from * outSize))
    return out
  }

  /** The slices' results in input order. */
  async #slices(n: number, slice: (from: number, to: number) => [DhJob, ArrayBuffer[]]): Promise<Uint8Array[]> {
    const results: Uint8Array[] = []
    await this.#each(n, slice, (index, _, result) => {
      results[index] = result
    })
    return results
  }

  /**
   * Cuts the batch into slices of at most MAX_SLICE items (one per worker for smaller batches,
   * fewer below MIN_SLICE each) and keeps each worker busy with one slice at a time, so only as
   * many slices as workers are copied out at once: a million points go a few MB at a time.
   */
  async #each(
    n: number,
    slice: (from: number, to: number) => [DhJob, ArrayBuffer[]],
    done: (index: number, from: number, result: Uint8Array) => void,
  ): Promise<void> {
    if (this.#closed) throw new Error('DhPool is closed')
    if (this.#broken !== undefined) throw this.#broken
    if (n === 0) return
    const per = this.#perSlice(n)
    const count = Math.ceil(n / per)
    let next = 0
    let failed = false
    const lane = async (worker: number) => {
      for (let i = next++; i < count && !failed; i = next++) {
        const from = i * per
        const [job, transfer] = slice(from, Math.min(n, from + per))
        try {
          done(i, from, await this.#run(worker, job, transfer))
        } catch (err) {
          failed = true
          throw err
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.size, count) }, (_, worker) => lane(worker)))
  }

  #perSlice(n: number): number {
    const parts = Math.min(this.size, Math.max(1, Math.ceil(n / MIN_SLICE)))
    return Math.max(1, Math.min(this.#maxSlice, Math.ceil(n / parts)))
  }

  #run(index: number, job: DhJob, transfer: ArrayBuffer[]): Promise<Uint8Array> {
    const id = this.#next++
    const worker = this.#workers[index % this.#workers.length] as Worker
    const busy = this.#busy.get(worker) ?? 0
    if (busy === 0) worker.ref()
    this.#busy.set(worker, busy + 1)
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker })
      worker.postMessage({ id, job }, transfer)
    })
  }

  #release(worker: Worker): void {
    const busy = (this.#busy.get(worker) ?? 1) - 1
    this.#busy.set(worker, busy)
    if (busy === 0) worker.unref()
  }
}
