import type { Elements } from './packed.ts'

/**
 * Batch work of the commutative DH-PSI (suite sightline-dhpsi-x25519-v1, DESIGN section 5) as the
 * PSI state machines need it: asynchronous, so it can run on a worker pool or inline.
 *
 * Points are 32-byte X25519 u-coordinates (RFC 7748 section 5), packed n * 32 bytes. Scalars are
 * 32 bytes and clamped by X25519 itself (RFC 7748 decodeScalar25519), so every raised value is in
 * the prime-order subgroup of the curve or of its twist.
 */
export interface DhEngine {
  /**
   * Our own elements: map each to a point (hashToU(element, dst)) and raise it to `scalar`.
   * Returns n * 32 bytes in input order. Elements may come packed (no object per element).
   */
  publish(scalar: Uint8Array, elements: Elements, dst: Uint8Array): Promise<Uint8Array>
  /**
   * A peer's published points: raise each to `scalar` once and tag the result under each context,
   * one array per context of n * TAG_BYTES bytes in input order (tagOf(raised, context)). A point
   * whose result is all zero (small order) gets the tag of 32 zero bytes: it never equals the tag
   * of a real element.
   */
  raiseToTags(scalar: Uint8Array, points: Uint8Array, tagContexts: readonly Uint8Array[]): Promise<Uint8Array[]>
  close(): Promise<void>
}
