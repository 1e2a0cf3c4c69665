import type { OprfEngine } from '../crypto/engine.ts'
import { decodeGcs, type GcsFilter } from '../crypto/gcs.ts'
import type { Oprf } from '../crypto/oprf.ts'
import { ELEMENT_BYTES, OUTPUT_BYTES, SUITE_ID } from '../crypto/suite.ts'
import { BadMessageError, NotReciprocalError, OversizeError, QuotaExceededError, UnknownEpochError } from './errors.ts'
import {
  type Digest,
  type EvaluateRequest,
  type EvaluateResponse,
  type MatchNotice,
  Mode,
  PSI_MESSAGE_VERSION,
  Status,
} from './messages.ts'
import type { PsiOptions } from './options.ts'
import { NOTICE_OUTPUT_BYTES } from './server.ts'

/** Sends one request to the peer's OPRF service and returns its answer (a stream, or a function in tests). */
export type Evaluator = (request: EvaluateRequest, signal?: AbortSignal) => Promise<EvaluateResponse>

export interface PsiClientComponents {
  engine: OprfEngine
  /** For random scalars (cardinality blinds). */
  oprf: Oprf
}

export interface QueryResult {
  /** Indices (into the items passed) that the peer holds. */
  matched: number[]
  /** The peer's OPRF outputs of the matched items: the body of a match notice. */
  matchedOutputs: Uint8Array[]
  /** Items sent to the peer in this call (the rest came from the cache). */
  queried: number
  /** Bytes of requests and responses exchanged in this call. */
  bytes: number
}

const ERROR_BY_STATUS: Record<number, new (message: string) => Error> = {
  [Status.QuotaExceeded]: QuotaExceededError,
  [Status.NotReciprocal]: NotReciprocalError,
  [Status.UnknownEpoch]: UnknownEpochError,
  [Status.TooLarge]: OversizeError,
  [Status.BadRequest]: BadMessageError,
}

function itemKey(item: Uint8Array): string {
  return Buffer.from(item.buffer, item.byteOffset, item.length).toString('latin1')
}

/**
 * The client half of PSI, transport-free. Items are blinded once per peer key and epoch; the
 * finalized outputs are cached per peer and epoch, so in steady state only new items are sent
 * and a peer's delta digest is tested against cached outputs without any query.
 */
export class PsiClient {
  readonly #options: PsiOptions
  readonly #engine: OprfEngine
  readonly #oprf: Oprf
  readonly #filters = new Map<string, GcsFilter[]>()
  readonly #cache = new Map<string, Map<string, Uint8Array>>()

  constructor(options: PsiOptions, components: PsiClientComponents) {
    this.#options = options
    this.#engine = components.engine
    this.#oprf = components.oprf
  }

  /** Accepts a peer's digest (base or delta) after checking suite and size caps. */
  /**
   * Accepts a peer's digest (base or delta) after checking suite, false-positive rate, size caps
   * and the number of deltas: a peer must not make every output "match" with coarse or countless
   * filters, which would draw our notices for items it does not hold. Returns the set size the
   * peer really holds in this mode (base plus deltas), from the filters, not from its claim.
   */
  acceptDigest(peer: string, digest: Digest): number {
    if (digest.suite !== SUITE_ID) throw new BadMessageError(`digest suite ${digest.suite} is not ${SUITE_ID}`)
    const filter = decodeGcs(digest.filter, { maxItems: this.#options.maxDigestItems, maxBytes: this.#options.maxDigestBytes })
    if (filter.fpBits < this.#options.fpBits) {
      throw new OversizeError(`digest false-positive rate 2^-${filter.fpBits} is coarser than the community's 2^-${this.#options.fpBits}`)
    }
    const key = `${peer}/${digest.epoch}/${digest.mode}`
    const held = digest.delta ? (this.#filters.get(key) ?? []) : []
    if (held.length >= this.#options.maxDeltas + 1)
      throw new OversizeError(`more than ${this.#options.maxDeltas} deltas from ${peer} in epoch ${digest.epoch}`)
    const total = held.reduce((sum, f) => sum + f.size, filter.size)
    if (total > this.#options.maxDigestItems)
      throw new OversizeError(`${peer} holds over ${this.#options.maxDigestItems} items in epoch ${digest.epoch}`)
    this.#filters.set(key, [...held, filter])
    return total
  }

  hasDigest(peer: string, epoch: number, mode: Mode): boolean {
    return this.#filters.has(`${peer}/${epoch}/${mode}`)
  }

  /** The peer's digest for this epoch and mode: filters held (base and deltas) and items in them. */
  digestState(peer: string, epoch: number, mode: Mode): { filters: number; items: number } {
    const filters = this.#filters.get(`${peer}/${epoch}/${mode}`) ?? []
    return { filters: filters.length, items: filters.reduce((sum, f) => sum + f.size, 0) }
  }

  /** Per-item PSI against one peer: which of `items` (PSI elements) does the peer hold? */
  async query(peer: string, epoch: number, items: readonly Uint8Array[], evaluate: Evaluator, signal?: AbortSignal): Promise<QueryResult> {
    const filters = this.#requireFilters(peer, epoch, Mode.Oprf)
    const cacheKey = `${peer}/${epoch}`
    const cache = this.#cache.get(cacheKey) ?? new Map<string, Uint8Array>()
    this.#cache.set(cacheKey, cache)
    const fresh = items.filter((item) => !cache.has(itemKey(item)))
    let bytes = 0
    for (let from = 0; from < fresh.length; from += this.#options.maxBatch) {
      signal?.throwIfAborted()
      const batch = fresh.slice(from, from + this.#options.maxBatch)
      const { blinds, blinded } = await this.#engine.blind(batch)
      const response = await evaluate({ version: PSI_MESSAGE_VERSION, epoch, mode: Mode.Oprf, elements: blinded }, signal)
      bytes += blinded.length + response.elements.length
      checkResponse(response, batch.length)
      const outputs = await this.#engine.finalize(batch, blinds, response.elements)
      blinds.fill(0)
      batch.forEach((item, i) => {
        cache.set(itemKey(item), outputs.slice(i * OUTPUT_BYTES, (i + 1) * OUTPUT_BYTES))
      })
    }
    const result = this.#test(items, cache, filters)
    return { ...result, queried: fresh.length, bytes }
  }

  /**
   * Cardinality PSI: how many of `items` the peer holds, and nothing about which. One scalar
   * blinds the whole request (classic DH-PSI) because the answers come back shuffled.
   */
  async cardinality(
    peer: string,
    epoch: number,
    items: readonly Uint8Array[],
    evaluate: Evaluator,
    signal?: AbortSignal,
  ): Promise<{ count: number; bytes: number }> {
    const filters = this.#requireFilters(peer, epoch, Mode.Cardinality)
    let count = 0
    let bytes = 0
    for (let from = 0; from < items.length; from += this.#options.maxBatch) {
      signal?.throwIfAborted()
      const batch = items.slice(from, from + this.#options.maxBatch)
      const blind = this.#oprf.randomScalar()
      const blinded = await this.#engine.blindShared(batch, blind)
      const response = await evaluate({ version: PSI_MESSAGE_VERSION, epoch, mode: Mode.Cardinality, elements: blinded }, signal)
      bytes += blinded.length + response.elements.length
      checkResponse(response, batch.length)
      const outputs = await this.#engine.unblindShared(response.elements, blind)
      blind.fill(0)
      for (let i = 0; i < batch.length; i++) {
        const output = outputs.subarray(i * OUTPUT_BYTES, (i + 1) * OUTPUT_BYTES)
        if (filters.some((f) => f.has(output))) count++
      }
    }
    return { count, bytes }
  }

  /** The notice that tells the peer which of ITS outputs matched (never the non-matching ones). */
  notice(epoch: number, matchedOutputs: readonly Uint8Array[]): MatchNotice {
    return { version: PSI_MESSAGE_VERSION, epoch, outputs: matchedOutputs.map((o) => o.slice(0, NOTICE_OUTPUT_BYTES)) }
  }

  /** Forgets filters and cached outputs of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    for (const key of this.#filters.keys()) if (Number(key.split('/')[1]) < epoch) this.#filters.delete(key)
    for (const key of this.#cache.keys()) if (Number(key.split('/')[1]) < epoch) this.#cache.delete(key)
  }

  #requireFilters(peer: string, epoch: number, mode: Mode): GcsFilter[] {
    const filters = this.#filters.get(`${peer}/${epoch}/${mode}`)
    if (filters === undefined) throw new UnknownEpochError(`no ${Mode[mode]} digest from ${peer} for epoch ${epoch}`)
    return filters
  }

  #test(items: readonly Uint8Array[], cache: Map<string, Uint8Array>, filters: GcsFilter[]): Omit<QueryResult, 'queried' | 'bytes'> {
    const matched: number[] = []
    const matchedOutputs: Uint8Array[] = []
    items.forEach((item, i) => {
      const output = cache.get(itemKey(item)) as Uint8Array
      if (filters.some((f) => f.has(output))) {
        matched.push(i)
        matchedOutputs.push(output)
      }
    })
    return { matched, matchedOutputs }
  }
}

function checkResponse(response: EvaluateResponse, expected: number): void {
  if (response.status !== Status.Ok) {
    const ErrorClass = ERROR_BY_STATUS[response.status] ?? BadMessageError
    throw new ErrorClass(response.message || `peer refused: ${Status[response.status] ?? response.status}`)
  }
  if (response.elements.length !== expected * ELEMENT_BYTES) {
    throw new BadMessageError(`peer answered ${response.elements.length / ELEMENT_BYTES} elements for ${expected}`)
  }
}
