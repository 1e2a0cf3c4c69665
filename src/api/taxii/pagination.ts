import type { AddedStream, Store } from '../../store/store.ts'
import { HttpError } from '../errors.ts'
import { type CollectionSource, objectVersion, type StixObject } from './collections.ts'

/*
 * The paging rule. A readable collection is its store log (matches or shared) in sequence order,
 * each entry expanded to a fixed list of objects, referenced objects first (collections.ts). A
 * response walks these (sequence, index) positions from its cursor and takes each object that
 * passes the filters, except one whose id is already in this response; it stops before the
 * first object that would exceed `limit`, and `next` is that object's position. Positions, not
 * timestamps, are the cursor: thousands of objects added in the same millisecond are never lost
 * nor repeated, and objects added while a client pages are found at the end.
 *
 * So every object at exactly one position (a Sighting, an Indicator of the shared feed) comes
 * exactly once over a full paging; one that several entries carry (the Indicator, Identity and
 * marking of many matches) comes at most once per response. Unless filtered out, what an object
 * references comes before it: earlier in the same response, or in an earlier one.
 */

/** A position of the walk: entry `seq` of the log, object `index` of its expansion. */
export interface Cursor {
  seq: number
  index: number
}

/** An object as served, with its date_added (the time its log entry was written). */
export interface Positioned {
  object: StixObject
  addedAt: number
}

/** Entries read at once when scanning a log. */
const SCAN_BATCH = 1000

/**
 * `next` tokens are opaque to clients: base64url of a scope (collection, object) and two
 * integers. A token of another scope, or not one of ours, is a 400.
 */
export function encodeToken(scope: string, a: number, b: number): string {
  return Buffer.from(`${scope} ${a} ${b}`, 'utf8').toString('base64url')
}

export function decodeToken(token: string, scope: string): [number, number] {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split(' ')
  const [a, b] = [Number(parts[1]), Number(parts[2])]
  if (parts.length !== 3 || parts[0] !== scope || !Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b < 0) {
    throw new HttpError(400, 'bad_request', 'next is not a token this server gave for this request')
  }
  return [a, b]
}

/**
 * The first sequence number added after `after` (ms), by binary search over the log: entries
 * are written with the node's clock, which is taken not to run backwards. Entries found are
 * still checked one by one, so the bound never lets an older entry through.
 */
export async function firstSeqAddedAfter(store: Store, stream: AddedStream, after: number): Promise<number> {
  let low = 1
  let high = store.lastSeq(stream) + 1
  while (low < high) {
    const mid = Math.floor((low + high) / 2)
    const [entry] = await store.addedAfter(stream, mid - 1, 1)
    if (entry === undefined || entry.addedAt > after) high = mid
    else low = mid + 1
  }
  return low
}

export interface WalkOptions {
  start: Cursor
  limit: number
  /** Entries added at or before this time (ms) are skipped. */
  addedAfter: number | undefined
  accept: (object: StixObject) => boolean
}

/** One response's worth of objects from `start`, and the cursor of the next (undefined at the end). */
export async function readPage(
  store: Store,
  source: CollectionSource,
  options: WalkOptions,
): Promise<{ items: Positioned[]; next: Cursor | undefined }> {
  const items: Positioned[] = []
  const inResponse = new Set<string>()
  let after = options.start.seq - 1
  let batch = Math.min(SCAN_BATCH, options.limit + 1)
  for (;;) {
    const entries = await store.addedAfter(source.stream, after, batch)
    if (entries.length === 0) return { items, next: undefined }
    const expanded = await source.expand(entries)
    for (const [i, entry] of entries.entries()) {
      if (options.addedAfter !== undefined && entry.addedAt <= options.addedAfter) continue
      const objects = expanded[i] ?? []
      for (let index = entry.seq === options.start.seq ? options.start.index : 0; index < objects.length; index++) {
        const object = objects[index] as StixObject
        if (inResponse.has(object.id) || !options.accept(object)) continue
        if (items.length === options.limit) return { items, next: { seq: entry.seq, index } }
        inResponse.add(object.id)
        items.push({ object, addedAt: entry.addedAt })
      }
    }
    after = (entries[entries.length - 1] as { seq: number }).seq
    batch = SCAN_BATCH
  }
}

/**
 * Every version of one object in a collection, oldest version first, each with the date_added of
 * its first position. A scan of the whole log: objects are found by id only this way.
 */
export async function findVersions(store: Store, source: CollectionSource, id: string): Promise<Positioned[]> {
  const versions = new Map<string, Positioned>()
  let after = 0
  for (;;) {
    const entries = await store.addedAfter(source.stream, after, SCAN_BATCH)
    if (entries.length === 0) break
    const expanded = await source.expand(entries)
    for (const [i, entry] of entries.entries()) {
      for (const object of expanded[i] ?? []) {
        if (object.id !== id) continue
        const version = objectVersion(object)
        if (!versions.has(version)) versions.set(version, { object, addedAt: entry.addedAt })
      }
    }
    after = (entries[entries.length - 1] as { seq: number }).seq
  }
  return [...versions.values()].sort((a, b) => versionTime(a.object) - versionTime(b.object))
}

/** An object's version in ms since the epoch. */
export function versionTime(object: StixObject): number {
  return Date.parse(objectVersion(object))
}
