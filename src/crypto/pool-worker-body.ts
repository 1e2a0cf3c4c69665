import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { backendByName } from './backends.ts'
import { Oprf } from './oprf.ts'
import { type PackedInputs, unpack } from './packed.ts'
import type { PoolOp } from './pool.ts'

// On Linux a thread's nice value is its own (setpriority on pid 0 is the calling thread): OPRF
// batches then give way to the node's main thread, so API requests and gossip stay responsive
// while digests are computed. Elsewhere it may apply to the process or fail; both are harmless.
if (process.platform === 'linux') {
  try {
    setPriority(10)
  } catch {
    // not permitted here: run at normal priority
  }
}

const oprf = new Oprf(backendByName((workerData as { backend: string }).backend))

function run(job: PoolOp): { out: Uint8Array; blinds?: Uint8Array } {
  switch (job.op) {
    case 'evaluate':
      return { out: oprf.evaluateBatch(job.secretKey, unpack(job.inputs as PackedInputs)) }
    case 'blind': {
      const r = oprf.blindBatch(unpack(job.inputs))
      return { out: r.blinded, blinds: r.blinds }
    }
    case 'blindEvaluate':
      return { out: oprf.blindEvaluateBatch(job.secretKey, job.elements) }
    case 'finalize':
      return { out: oprf.finalizeBatch(unpack(job.inputs), job.blinds, job.elements) }
    case 'evaluateUnbound':
      return { out: oprf.evaluateUnboundBatch(job.secretKey, unpack(job.inputs)) }
    case 'blindShared':
      return { out: oprf.blindSharedBatch(unpack(job.inputs), job.blind) }
    case 'unblindShared':
      return { out: oprf.unblindSharedBatch(job.elements, job.blind) }
  }
}

parentPort?.on('message', ({ id, job }: { id: number; job: PoolOp }) => {
  try {
    const result = run(job)
    const transfer = [result.out.buffer, ...(result.blinds === undefined ? [] : [result.blinds.buffer])] as ArrayBuffer[]
    parentPort?.postMessage({ id, ...result }, transfer)
  } catch (err) {
    parentPort?.postMessage({ id, error: { name: (err as Error).name, message: (err as Error).message } })
  }
})
