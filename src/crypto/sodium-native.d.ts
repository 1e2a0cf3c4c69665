// The part of sodium-native (libsodium bindings, no published types) that Sightline uses.
declare module 'sodium-native' {
  /** libsodium crypto_scalarmult (X25519, RFC 7748 section 5); throws when the result is all zero. */
  export function crypto_scalarmult(q: Uint8Array, n: Uint8Array, p: Uint8Array): void
  export const crypto_scalarmult_BYTES: number
  export const crypto_scalarmult_SCALARBYTES: number
}
