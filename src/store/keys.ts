import type { Observable, SightingRecord } from '../indicators/types.ts'
import type { AddedStream } from './types.ts'

/** `type:value`: types contain no colon, so the first colon splits the key. */
export function indicatorKey(item: Observable): string {
  return `${item.type}:${item.value}`
}

/** One sighting per indicator, time, source and place: a re-import of the same event is a duplicate. */
export function sightingKey(s: SightingRecord): string {
  return `${indicatorKey(s)}\u0000${s.time.toString().padStart(15, '0')}\u0000${s.source}\u0000${s.where}`
}

/** Log values: `<addedAt> <key>`. */
export function addedValue(addedAt: number, key: string): string {
  return `${addedAt} ${key}`
}

/** Log keys sort by sequence: 15 digits hold 10^15 additions. */
export function addedKey(stream: AddedStream, seq: number): string {
  return `${stream}/${seq.toString().padStart(15, '0')}`
}
