/**
 * Helpers between the generated wire codecs (proto/gen, `npm run generate`) and the plain objects
 * the rest of the node passes around. The application types are derived from the generated
 * classes, so a field renamed or retyped in proto/ breaks the build instead of silently
 * dropping off the wire.
 */

/** A 64-bit integer as protobufjs decodes it (a `long` object) when it is not a plain number. */
interface LongValue {
  toNumber(): number
}

type PlainValue<V> = V extends null ? never : V extends LongValue ? number : V

/**
 * The fields of a generated message class as the application holds them: no methods, no store of
 * unknown fields, 64-bit integers as numbers (exact to 2^53, as before), no nulls. Proto3
 * `optional` fields stay optional.
 */
export type Plain<M> = {
  [K in keyof M as K extends '$unknowns' ? never : M[K] extends (...args: never[]) => unknown ? never : K]: PlainValue<M[K]>
}

/** A decoded 64-bit integer as a number (as protobufjs' `longs: Number` conversion gave). */
export function toNumber(value: number | LongValue): number {
  return typeof value === 'number' ? value : value.toNumber()
}

/** A decoded `bytes` field as a plain Uint8Array of its own (protobufjs hands out Buffer views on Node). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}

/**
 * A decoded `repeated` field as an array the caller may change: protobufjs leaves an absent one
 * as a shared frozen empty array on the message prototype.
 */
export function ownArray<T>(values: readonly T[]): T[] {
  return values.length > 0 ? [...values] : []
}
