import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DUPLICATE_KEY_REASON, duplicateRows } from '../../indicators/formats/json-scan.ts'
import type { Tlp } from '../../indicators/tlp.ts'
import type { Warninglists } from '../../indicators/warninglist.ts'
import type { Store } from '../../store/store.ts'
import { HttpError } from '../errors.ts'
import { parseJsonBody } from '../json-body.ts'
import { type ApiPlugin, afterBody, DEFAULT_MAX_BODY_BYTES, toHttpError } from '../server.ts'
import {
  type CollectionSource,
  collectionResource,
  objectVersion,
  type StixObject,
  type TaxiiCollection,
  taxiiCollections,
} from './collections.ts'
import { acceptsTaxii, isTaxiiContentType, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.ts'
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
import { parseQuery, type TaxiiQuery } from './query.ts'
import { importEnvelope, statusKey } from './status.ts'

export interface TaxiiContext {
  store: Store
  /** Shown in the titles of the server, the API root and the collections. */
  community: string
  peerId: string
  /** TLP of posted objects that carry no TLP marking. */
  defaultTlp: Tlp
  warninglists?: Warninglists
  /** Called after a POST to the `local` collection imported something. */
  onLocalChange: () => void
  /** Largest POST body, advertised as the API root's max_content_length (default 16 MiB). */
  maxContentLength?: number
}

/** Where discovery lives (TAXII 2.1 Server Discovery) and the path of our one API root. */
export const TAXII_PREFIX = '/taxii2'
export const API_ROOT_NAME = 'sightline'
export const API_ROOT_PATH = `${TAXII_PREFIX}/${API_ROOT_NAME}/`

type RootParams = { apiRoot: string }
type CollectionParams = RootParams & { id: string }
type ObjectParams = CollectionParams & { objectId: string }
type Readable = TaxiiCollection & { source: CollectionSource }

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
}

/**
 * The TAXII 2.1 server (OASIS TAXII Version 2.1): discovery at /taxii2/, one
 * API root, the `matches`, `shared` and `local` collections, objects, manifests, versions and
 * status. Authentication is the HTTP API's own hook (the token as Bearer or Basic password).
 * Errors inside /taxii2 are TAXII error messages; the rest of the API keeps its JSON errors.
 */
export function taxiiPlugin(context: TaxiiContext): ApiPlugin {
  return async (app) => {
    await app.register(async (taxii) => taxiiRoutes(taxii, context), { prefix: TAXII_PREFIX })
  }
}

async function taxiiRoutes(taxii: FastifyInstance, context: TaxiiContext): Promise<void> {
  const { store } = context
  const maxContentLength = context.maxContentLength ?? DEFAULT_MAX_BODY_BYTES
  const collections = taxiiCollections(store, context.community)

  taxii.setErrorHandler(taxiiErrorHandler)
  taxii.setNotFoundHandler(async (req) => {
    throw new HttpError(404, 'not_found', `no TAXII resource ${req.method} ${req.url.split('?')[0]} (TAXII URLs end with a slash)`)
  })
  taxii.addContentTypeParser('application/taxii+json', { parseAs: 'string' }, (req, body, done) => {
    try {
      const parsed = parseJsonBody(body as string)
      if (parsed.duplicates.length > 0) req.jsonDuplicates = parsed.duplicates
      done(null, parsed.value)
    } catch (err) {
      done(err as Error, undefined)
    }
  })
  taxii.addHook('onRequest', async (req) => {
    if (!acceptsTaxii(req.headers.accept)) {
      throw new HttpError(406, 'not_acceptable', `this server answers ${TAXII_MEDIA_TYPE} only, not ${req.headers.accept}`)
    }
    const root = (req.params as Partial<RootParams>).apiRoot
    if (root !== undefined && root !== API_ROOT_NAME)
      throw new HttpError(404, 'not_found', `no API root ${root} (this server has ${API_ROOT_PATH})`)
  })

  const collection = (ref: string): TaxiiCollection => {
    const found = collections.find((c) => c.id === ref || c.alias === ref)
    if (found === undefined) throw new HttpError(404, 'not_found', `no collection ${ref}`)
    return found
  }
  const readable = (ref: string): Readable => {
    const c = collection(ref)
    if (!c.canRead || c.source === undefined) throw new HttpError(403, 'forbidden', `collection ${c.alias} cannot be read`)
    return c as Readable
  }

  /** TAXII URLs end with a slash (discovery is /taxii2/ only, not /taxii2). */
  const get = <P>(url: string, handler: (req: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<unknown>): void => {
    taxii.get<{ Params: P }>(url, { prefixTrailingSlash: 'slash' }, async (req, reply) => send(reply, 200, await handler(req, reply)))
  }

  get('/', async () => ({
    title: `Sightline TAXII server (${context.community})`,
    description: 'Matches and shared indicators of a Sightline node, for SIEMs and threat-intelligence platforms.',
    default: API_ROOT_PATH,
    api_roots: [API_ROOT_PATH],
  }))

  get<RootParams>('/:apiRoot/', async () => ({
    title: `Sightline ${context.community}`,
    description: `Sightline node ${context.peerId} of community ${context.community}`,
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: maxContentLength,
  }))

  get<RootParams & { statusId: string }>('/:apiRoot/status/:statusId/', async (req) => {
    const status = await store.state.get(statusKey(req.params.statusId))
    if (status === undefined) throw new HttpError(404, 'not_found', `no status ${req.params.statusId}`)
    return status
  })

  get<RootParams>('/:apiRoot/collections/', async () => ({ collections: collections.map(collectionResource) }))

  get<CollectionParams>('/:apiRoot/collections/:id/', async (req) => collectionResource(collection(req.params.id)))

  get<CollectionParams>('/:apiRoot/collections/:id/objects/', async (req, reply) => {
    const c = readable(req.params.id)
    const page = await listPage(c, parseQuery(req.query as Record<string, unknown>))
    setDateHeaders(reply, page.items)
    return paged(
      page,
      'objects',
      page.items.map((i) => i.object),
    )
  })

  get<CollectionParams>('/:apiRoot/collections/:id/manifest/', async (req, reply) => {
    const c = readable(req.params.id)
    const page = await listPage(c, parseQuery(req.query as Record<string, unknown>))
    setDateHeaders(reply, page.items)
    return paged(page, 'objects', page.items.map(manifestRecord))
  })

  get<ObjectParams>('/:apiRoot/collections/:id/objects/:objectId/', async (req, reply) => {
    const c = readable(req.params.id)
    const query = parseQuery(req.query as Record<string, unknown>)
    const page = offsetPage(await objectVersions(c, req.params.objectId, query, true), query, `${c.alias}/${req.params.objectId}`)
    setDateHeaders(reply, page.items)
    return paged(
      page,
      'objects',
      page.items.map((i) => i.object),
    )
  })

  get<ObjectParams>('/:apiRoot/collections/:id/objects/:objectId/versions/', async (req, reply) => {
    const c = readable(req.params.id)
    const query = parseQuery(req.query as Record<string, unknown>)
    const page = offsetPage(await objectVersions(c, req.params.objectId, query, false), query, `${c.alias}/${req.params.objectId}/versions`)
    setDateHeaders(reply, page.items)
    return paged(
      page,
      'versions',
      page.items.map((i) => objectVersion(i.object)),
    )
  })

  taxii.post<{ Params: CollectionParams; Body: unknown }>(
    '/:apiRoot/collections/:id/objects/',
    {
      bodyLimit: maxContentLength,
      // Before the body is read: an unknown or read-only collection, or a body that is not
      // TAXII 2.1, is refused without parsing it.
      preParsing: async (req, _reply, payload) => {
        const c = collection(req.params.id)
        if (!c.canWrite) throw new HttpError(403, 'forbidden', `collection ${c.alias} cannot be written`)
        if (!isTaxiiContentType(req.headers['content-type'])) {
          throw new HttpError(
            415,
            'unsupported_media_type',
            `POST an envelope as ${TAXII_MEDIA_TYPE}, not ${req.headers['content-type'] ?? 'no Content-Type'}`,
          )
        }
        return payload
      },
    },
    async (req, reply) => {
      const body = req.body as { objects?: unknown } | null
      if (
        typeof body !== 'object' ||
        body === null ||
        Array.isArray(body) ||
        (body.objects !== undefined && !Array.isArray(body.objects))
      ) {
        throw new HttpError(400, 'bad_request', 'the body must be a TAXII envelope: {"objects": [...]}')
      }
      const duplicates = duplicateRows(req.jsonDuplicates ?? [], ['objects'])
      if (duplicates.outside) throw new HttpError(400, 'bad_request', 'the envelope repeats a key outside its objects')
      const status = await importEnvelope(
        { store, defaultTlp: context.defaultTlp, warninglists: context.warninglists, onLocalChange: context.onLocalChange },
        (body.objects as unknown[] | undefined) ?? [],
        new Map([...duplicates.rows].map((i) => [i, DUPLICATE_KEY_REASON])),
      )
      send(reply, 202, status)
    },
  )

  /** A page of a collection listing (objects or manifest), by the paging rule of pagination.ts. */
  async function listPage(c: Readable, query: TaxiiQuery): Promise<{ items: Positioned[]; next: string | undefined }> {
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
  async function objectVersions(c: Readable, id: string, query: TaxiiQuery, byVersion: boolean): Promise<Positioned[]> {
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
function offsetPage(all: Positioned[], query: TaxiiQuery, scope: string): { items: Positioned[]; next: string | undefined } {
  const start = query.next === undefined ? 0 : decodeToken(query.next, scope)[0]
  const end = start + query.limit
  return { items: all.slice(start, end), next: end < all.length ? encodeToken(scope, end, 0) : undefined }
}

/**
 * The envelope, manifest and versions resources: `more`, and `next`
 * when there is more. The spec defines `next` on the envelope only; the manifest and versions
 * carry it too, so that they page by position like the objects do.
 */
function paged(page: { next: string | undefined }, name: 'objects' | 'versions', items: unknown[]): object {
  return { more: page.next !== undefined, ...(page.next === undefined ? {} : { next: page.next }), [name]: items }
}

/** A TAXII 2.1 manifest record. */
function manifestRecord(item: Positioned): object {
  return {
    id: item.object.id,
    date_added: new Date(item.addedAt).toISOString(),
    version: objectVersion(item.object),
    media_type: STIX_MEDIA_TYPE,
  }
}

/** The TAXII 2.1 custom headers: the date_added of the first and last object of a response. */
function setDateHeaders(reply: FastifyReply, items: readonly Positioned[]): void {
  const first = items[0]
  const last = items[items.length - 1]
  if (first === undefined || last === undefined) return
  void reply.header('X-TAXII-Date-Added-First', new Date(first.addedAt).toISOString())
  void reply.header('X-TAXII-Date-Added-Last', new Date(last.addedAt).toISOString())
}

/** Sent as bytes, so the Content-Type goes out exactly as TAXII spells it (no charset added). */
function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .status(status)
    .type(TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body), 'utf8'))
}

/** Every error as a TAXII 2.1 error message resource. */
function taxiiErrorHandler(err: FastifyError | HttpError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const e = toHttpError(err)
  afterBody(req, () => {
    void send(reply, e.status, {
      title: TITLES[e.status] ?? (e.status >= 500 ? 'Internal Server Error' : 'Error'),
      description: e.message,
      http_status: String(e.status),
    })
  })
}
