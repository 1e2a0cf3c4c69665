/** PSI settings with their defaults (DESIGN section 5). */
export interface PsiOptions {
  /** Community name: part of the OPRF key derivation, so keys differ per community. */
  community: string
  /** Elements per evaluation request (RFC batches; DESIGN: at most 4096). */
  maxBatch: number
  /** Digest false-positive rate is 2^-fpBits. */
  fpBits: number
  /**
   * Quota per peer per epoch: this multiple of the larger set size (ours, or the peer's as its
   * filters show)... Cardinality requests have their own quota counted in batches (see server).
   */
  quotaMultiple: number
  /** ...but never below this floor... */
  quotaFloor: number
  /** ...nor above this hard cap, far below the 2^32 IPv4 space. */
  quotaCap: number
  /** Largest digest accepted from a peer, in elements and bytes. */
  maxDigestItems: number
  maxDigestBytes: number
  /** Delta digests accepted from one peer per epoch and mode. */
  maxDeltas: number
}

export const DEFAULT_PSI_OPTIONS: PsiOptions = {
  community: 'default',
  maxBatch: 4096,
  fpBits: 30,
  quotaMultiple: 2,
  quotaFloor: 10_000,
  quotaCap: 5_000_000,
  maxDigestItems: 5_000_000,
  maxDigestBytes: 32 * 1024 * 1024,
  maxDeltas: 64,
}

/** Set sizes are revealed only as a bucket: the next power of two, at least 1024. */
export function setSizeBucket(n: number): number {
  let bucket = 1024
  while (bucket < n) bucket *= 2
  return bucket
}
