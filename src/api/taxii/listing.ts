import type { FastifyReply } from 'fastify'
import type { Store } from '../../store/store.ts'
import { HttpError } from '../errors.ts'
import { type CollectionSource, objectVersion, type StixObject, type TaxiiCollection } from './collections.ts'
import { STIX_MEDIA_TYPE } from './media.ts'
import {
  type Cursor,
  decodeToken,
  encodeToken,
  findVersions,
  firstSeqAddedAfter,
  type Positioned,
  readPage,
  versionTime,
} from './pagination.ts'
import type { TaxiiQuery } from './query.ts'

/** A collection that can be read: it has a source of objects. */
export type Readable = TaxiiCollection & { source: CollectionSource }

/** A page of a collection listing (objects or manifest), by the paging rule of pagination.ts. */
export async function listPage(store: Store, c: Readable, query: TaxiiQuery): Promise<{ items: Positioned[]; next: string | undefined }> {
  let start: Cursor = { seq: 1, index: 0 }
  if (query.next !== undefined) {
    const [seq, index] = decodeToken(query.next, c.alias)
    start = { seq, index }
  } else if (query.addedAfter !== undefined) {
    start = { seq: await firstSeqAddedAfter(store, c.source.stream, query.addedAfter), index: 0 }
  }
  const page = await readPage(store, c.source, { start, limit: query.limit, addedAfter: query.addedAfter, accept: listFilter(query) })
  return { items: page.items, next: page.next === undefined ? undefined : encodeToken(c.alias, page.next.seq, page.next.index) }
}

/** The versions of one object that the query selects; 404 when the collection has no such object. */
export async function objectVersions(store: Store, c: Readable, id: string, query: TaxiiQuery, byVersion: boolean): Promise<Positioned[]> {
  const all = await findVersions(store, c.source, id)
  if (all.length === 0) throw new HttpError(404, 'not_found', `no object ${id} in collection ${c.alias}`)
  const kept = all.filter((p) => (query.addedAfter === undefined || p.addedAt > query.addedAfter) && specVersionMatches(p.object, query))
  if (!byVersion) return kept
  return kept.filter((p, i) =>
    query.versions.some(
      (v) =>
        v === 'all' ||
        (v === 'first' && i === 0) ||
        (v === 'last' && i === kept.length - 1) ||
        (typeof v === 'number' && versionTime(p.object) === v),
    ),
  )
}

/**
 * Filters of a listing. Each object is served in its one current version, so the version
 * keywords (`last`, `first`, `all`) keep it and a timestamp keeps it when it is that version.
 */
function listFilter(query: TaxiiQuery): (object: StixObject) => boolean {
  return (object) =>
    (query.types === undefined || query.types.has(object.type)) &&
    (query.ids === undefined || query.ids.has(object.id)) &&
    specVersionMatches(object, query) &&
    query.versions.some((v) => typeof v === 'string' || versionTime(object) === v)
}

function specVersionMatches(object: StixObject, query: TaxiiQuery): boolean {
  return query.specVersions === undefined || query.specVersions.has(String(object.spec_version ?? '2.1'))
}

/** Pages of a short list (the versions of one object) by offset. */
export function offsetPage(all: Positioned[], query: TaxiiQuery, scope: string): { items: Positioned[]; next: string | undefined } {
  const start = query.next === undefined ? 0 : decodeToken(query.next, scope)[0]
  const end = start + query.limit
  return { items: all.slice(start, end), next: end < all.length ? encodeToken(scope, end, 0) : undefined }
}

/**
 * The envelope, manifest and versions resources: `more`, and `next`
 * when there is more. The spec defines `next` on the envelope only; the manifest and versions
 * carry it too, so that they page by position like the objects do.
 */
export function paged(page: { next: string | undefined }, name: 'objects' | 'versions', items: unknown[]): object {
  return { more: page.next !== undefined, ...(page.next === undefined ? {} : { next: page.next }), [name]: items }
}

/** A TAXII 2.1 manifest record. */
export function manifestRecord(item: Positioned): object {
  return {
    id: item.object.id,
    date_added: new Date(item.addedAt).toISOString(),
    version: objectVersion(item.object),
    media_type: STIX_MEDIA_TYPE,
  }
}

/** The TAXII 2.1 custom headers: the date_added of the first and last object of a response. */
export function setDateHeaders(reply: FastifyReply, items: readonly Positioned[]): void {
  const first = items[0]
  const last = items[items.length - 1]
  if (first === undefined || last === undefined) return
  void reply.header('X-TAXII-Date-Added-First', new Date(first.addedAt).toISOString())
  void reply.header('X-TAXII-Date-Added-Last', new Date(last.addedAt).toISOString())
}
