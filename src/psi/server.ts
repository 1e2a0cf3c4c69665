import type { OprfEngine } from '../crypto/engine.ts'
import { buildGcs } from '../crypto/gcs.ts'
import { ELEMENT_BYTES, OUTPUT_BYTES, SUITE_ID } from '../crypto/suite.ts'
import { BadMessageError, NotReciprocalError, OversizeError, UnknownEpochError } from './errors.ts'
import type { EpochKeys } from './keys.ts'
import {
  type Digest,
  type EvaluateRequest,
  type EvaluateResponse,
  type MatchNotice,
  Mode,
  PSI_MESSAGE_VERSION,
  Status,
} from './messages.ts'
import { type PsiOptions, setSizeBucket } from './options.ts'
import { QuotaTracker } from './quota.ts'

/** How many leading output bytes identify an output in match notices. */
export const NOTICE_OUTPUT_BYTES = 32

export interface PsiServerComponents {
  engine: OprfEngine
  keys: EpochKeys
  /**
   * Reciprocity hook: may `peer` have evaluations in this epoch and mode? The default grants them
   * to peers whose digest we received (notePeerDigest); a node can add policy (roster, TLP).
   */
  reciprocity?: (peer: string, epoch: number, mode: Mode, publishedDigest: boolean) => boolean
}

function outputKey(output: Uint8Array): string {
  return Buffer.from(output.buffer, output.byteOffset, NOTICE_OUTPUT_BYTES).toString('latin1')
}

/**
 * The server half of PSI, transport-free: publishes digests of our own set and evaluates peers'
 * blinded elements under our epoch key, within each peer's quota and only for peers that publish
 * a digest themselves (reciprocity). Peer faults become a status in the response, never a throw.
 */
export class PsiServer {
  readonly #options: PsiOptions
  readonly #engine: OprfEngine
  readonly #keys: EpochKeys
  readonly #quota: QuotaTracker
  readonly #reciprocity: NonNullable<PsiServerComponents['reciprocity']>
  /** Own set size per epoch, for quotas. */
  readonly #ownSize = new Map<number, number>()
  /** Peer set size buckets per epoch and mode, from their digests: reciprocity and quotas. */
  readonly #peerSize = new Map<string, number>()
  /** Own OPRF outputs of each epoch -> item index, to resolve match notices. */
  readonly #outputs = new Map<number, Map<string, number>>()

  constructor(options: PsiOptions, components: PsiServerComponents) {
    this.#options = options
    this.#engine = components.engine
    this.#keys = components.keys
    this.#quota = new QuotaTracker(options)
    this.#reciprocity = components.reciprocity ?? ((_peer, _epoch, _mode, published) => published)
  }

  /**
   * Evaluates our own items under the epoch key (F_k(x) = Evaluate, non-interactive) and builds
   * the digest. Items of a delta are added to the epoch's notice map and set size.
   */
  async buildDigest(
    epoch: number,
    mode: Mode,
    items: readonly Uint8Array[],
    delta?: { sequence: number; baseSize: number },
  ): Promise<Digest> {
    const { secretKey } = this.#keys.key(epoch, mode)
    const outputs =
      mode === Mode.Oprf ? await this.#engine.evaluate(secretKey, items) : await this.#engine.evaluateUnbound(secretKey, items)
    if (mode === Mode.Oprf) {
      const map = delta === undefined ? new Map<string, number>() : (this.#outputs.get(epoch) ?? new Map<string, number>())
      const base = delta?.baseSize ?? 0
      for (let i = 0; i < items.length; i++) map.set(outputKey(outputs.subarray(i * OUTPUT_BYTES, (i + 1) * OUTPUT_BYTES)), base + i)
      this.#outputs.set(epoch, map)
    }
    const size = (delta?.baseSize ?? 0) + items.length
    this.#ownSize.set(epoch, Math.max(this.#ownSize.get(epoch) ?? 0, size))
    return {
      version: PSI_MESSAGE_VERSION,
      suite: SUITE_ID,
      epoch,
      mode,
      setSizeBucket: setSizeBucket(size),
      filter: buildGcs(outputs, { fpBits: this.#options.fpBits }),
      delta: delta !== undefined,
      sequence: delta?.sequence ?? 0,
    }
  }

  /** Records that a peer published a digest: it may now query us, within a quota sized by it. */
  notePeerDigest(peer: string, digest: Pick<Digest, 'epoch' | 'mode' | 'setSizeBucket'>): void {
    const key = `${digest.epoch}/${digest.mode}/${peer}`
    this.#peerSize.set(key, Math.max(this.#peerSize.get(key) ?? 0, digest.setSizeBucket))
  }

  /** Answers one evaluation request from `peer`. */
  async evaluate(peer: string, request: EvaluateRequest, signal?: AbortSignal): Promise<EvaluateResponse> {
    try {
      signal?.throwIfAborted()
      const elements = this.#check(peer, request)
      const n = elements.length / ELEMENT_BYTES
      const peerSize = this.#peerSize.get(`${request.epoch}/${request.mode}/${peer}`) ?? 0
      const limit = this.#quota.limit(this.#ownSize.get(request.epoch) ?? 0, peerSize)
      if (request.mode === Mode.Cardinality) {
        // A count over a batch of one tells whether we hold that one item: RED answers are rationed
        // in batches, enough for the larger RED set once per epoch, so probing is bounded.
        const batches = Math.ceil(Math.max(this.#ownSize.get(request.epoch) ?? 0, peerSize) / this.#options.maxBatch) + 1
        this.#quota.consume(`${peer}/cardinality-batches`, request.epoch, 1, batches)
      }
      const remaining = this.#quota.consume(peer, request.epoch, n, limit)
      const { secretKey } = this.#keys.key(request.epoch, request.mode)
      let evaluated = await this.#engine.blindEvaluate(secretKey, elements)
      if (request.mode === Mode.Cardinality) evaluated = shuffleElements(evaluated)
      this.evaluationsServed += n
      return { version: PSI_MESSAGE_VERSION, status: Status.Ok, elements: evaluated, quotaRemaining: remaining, message: '' }
    } catch (err) {
      if ((err as Error).name === 'QuotaExceededError') this.quotaRefusals++
      return refusal(err)
    }
  }

  /** Requests refused for quota since start (for status and metrics). */
  quotaRefusals = 0
  /** Blinded elements evaluated for members since start. */
  evaluationsServed = 0

  /** Maps the outputs of a peer's match notice to our item indices; unknown outputs are ignored. */
  resolveNotice(notice: MatchNotice): number[] {
    const map = this.#outputs.get(notice.epoch)
    if (map === undefined) return []
    const out: number[] = []
    for (const output of notice.outputs) {
      if (output.length < NOTICE_OUTPUT_BYTES) continue
      const index = map.get(outputKey(output))
      if (index !== undefined) out.push(index)
    }
    return out
  }

  quotaUsed(peer: string, epoch: number): number {
    return this.#quota.used(peer, epoch)
  }

  /** Drops keys, quotas and output maps of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    this.#keys.retireBefore(epoch)
    this.#quota.retireBefore(epoch)
    for (const e of this.#outputs.keys()) if (e < epoch) this.#outputs.delete(e)
    for (const e of this.#ownSize.keys()) if (e < epoch) this.#ownSize.delete(e)
  }

  #check(peer: string, request: EvaluateRequest): Uint8Array {
    if (request.mode !== Mode.Oprf && request.mode !== Mode.Cardinality) throw new BadMessageError(`unknown mode ${request.mode}`)
    if (!this.#ownSize.has(request.epoch)) throw new UnknownEpochError(`no digest published for epoch ${request.epoch}`)
    if (!this.#reciprocity(peer, request.epoch, request.mode, this.#peerSize.has(`${request.epoch}/${request.mode}/${peer}`))) {
      throw new NotReciprocalError(`peer ${peer} published no ${Mode[request.mode]} digest for epoch ${request.epoch}`)
    }
    const elements = request.elements
    if (elements.length === 0 || elements.length % ELEMENT_BYTES !== 0)
      throw new BadMessageError('elements must be a non-empty multiple of 32 bytes')
    if (elements.length / ELEMENT_BYTES > this.#options.maxBatch) {
      throw new OversizeError(`${elements.length / ELEMENT_BYTES} elements in one request; at most ${this.#options.maxBatch}`)
    }
    return elements
  }
}

const STATUS_BY_ERROR: Record<string, Status> = {
  QuotaExceededError: Status.QuotaExceeded,
  NotReciprocalError: Status.NotReciprocal,
  UnknownEpochError: Status.UnknownEpoch,
  OversizeError: Status.TooLarge,
  BadMessageError: Status.BadRequest,
  InvalidElementError: Status.BadRequest,
}

function refusal(err: unknown): EvaluateResponse {
  const status = err instanceof Error ? STATUS_BY_ERROR[err.name] : undefined
  if (status === undefined) throw err
  return { version: PSI_MESSAGE_VERSION, status, elements: new Uint8Array(0), quotaRemaining: 0, message: (err as Error).message }
}

/** Fisher-Yates with a CSPRNG: cardinality answers must not reveal request order (n <= maxBatch). */
function shuffleElements(packed: Uint8Array): Uint8Array {
  const n = packed.length / ELEMENT_BYTES
  const order = Uint32Array.from({ length: n }, (_, i) => i)
  const random = crypto.getRandomValues(new Uint32Array(n))
  for (let i = n - 1; i > 0; i--) {
    // Modulo bias is below (i + 1) / 2^32, negligible for batches of at most a few thousand.
    const j = (random[i] as number) % (i + 1)
    const t = order[i] as number
    order[i] = order[j] as number
    order[j] = t
  }
  const out = new Uint8Array(packed.length)
  order.forEach((from, to) => {
    out.set(packed.subarray(from * ELEMENT_BYTES, (from + 1) * ELEMENT_BYTES), to * ELEMENT_BYTES)
  })
  return out
}
