import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { forComponent } from '../logger.ts'
import { raiseToTagsWith } from './dh-inline.ts'
import type { DhJob, DhReply } from './dh-pool.ts'
import { assertScalar } from './dh-suite.ts'
import { hashToUPacked } from './hash-to-u.ts'
import { x25519Backend } from './x25519-backend.ts'

const log = forComponent('sightline:crypto')

// On Linux a thread's nice value is its own (setpriority on pid 0 is the calling thread), so DH
// batches give way to the node's main thread: API requests and gossip stay responsive.
if (process.platform === 'linux') {
  try {
    setPriority(10)
  } catch (err) {
    // not permitted here: run at normal priority
    log.debug('DH worker priority not lowered', { err })
  }
}

const backend = x25519Backend((workerData as { backend: string }).backend)

function run(job: DhJob): Uint8Array {
  switch (job.op) {
    case 'publish':
      assertScalar(job.scalar)
      return backend.raise(job.scalar, hashToUPacked(job.elements, job.dst))
    case 'raiseToTags':
      return raiseToTagsWith(backend, job.scalar, job.points, job.contexts)
  }
}

parentPort?.postMessage({ ready: true } satisfies DhReply)

parentPort?.on('message', ({ id, job }: { id: number; job: DhJob }) => {
  let reply: DhReply
  let transfer: ArrayBuffer[] = []
  try {
    const out = run(job)
    reply = { id, out }
    transfer = [out.buffer as ArrayBuffer]
  } catch (err) {
    reply = { id, error: { name: (err as Error).name, message: (err as Error).message } }
  } finally {
    // This thread's copy of the scalar was transferred to it alone: nothing else needs it.
    job.scalar.fill(0)
  }
  parentPort?.postMessage(reply, transfer)
})
