import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DUPLICATE_KEY_REASON, duplicateRows } from '../../indicators/formats/json-scan.ts'
import type { Tlp } from '../../indicators/tlp.ts'
import type { Warninglists } from '../../indicators/warninglist.ts'
import type { Store } from '../../store/store.ts'
import { HttpError } from '../errors.ts'
import { parseJsonBody } from '../json-body.ts'
import { type ApiPlugin, afterBody, DEFAULT_MAX_BODY_BYTES, toHttpError } from '../server.ts'
import { collectionResource, objectVersion, type TaxiiCollection, taxiiCollections } from './collections.ts'
import { listPage, manifestRecord, objectVersions, offsetPage, paged, type Readable, setDateHeaders } from './listing.ts'
import { acceptsTaxii, isTaxiiContentType, TAXII_MEDIA_TYPE } from './media.ts'
import { parseQuery } from './query.ts'
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

  taxiiHooks(taxii)

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

  objectRoutes(get, store, readable)

  postObjectsRoute(taxii, context, maxContentLength, collection)
}

/** Errors, unknown paths, the TAXII body type, and the Accept and API root checks of every request. */
function taxiiHooks(taxii: FastifyInstance): void {
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
}

type Get = <P>(url: string, handler: (req: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<unknown>) => void

/** Objects, manifest, one object and its versions of a readable collection. */
function objectRoutes(get: Get, store: Store, readable: (ref: string) => Readable): void {
  const listed = async (req: FastifyRequest<{ Params: CollectionParams }>, reply: FastifyReply) => {
    const c = readable(req.params.id)
    const page = await listPage(store, c, parseQuery(req.query as Record<string, unknown>))
    setDateHeaders(reply, page.items)
    return page
  }
  /** The versions of one object the query selects (all of them for /versions/), a page of them by offset. */
  const versions = async (req: FastifyRequest<{ Params: ObjectParams }>, reply: FastifyReply, byVersion: boolean, scope: string) => {
    const c = readable(req.params.id)
    const query = parseQuery(req.query as Record<string, unknown>)
    const page = offsetPage(
      await objectVersions(store, c, req.params.objectId, query, byVersion),
      query,
      `${c.alias}/${req.params.objectId}${scope}`,
    )
    setDateHeaders(reply, page.items)
    return page
  }

  get<CollectionParams>('/:apiRoot/collections/:id/objects/', async (req, reply) => {
    const page = await listed(req, reply)
    return paged(
      page,
      'objects',
      page.items.map((i) => i.object),
    )
  })

  get<CollectionParams>('/:apiRoot/collections/:id/manifest/', async (req, reply) => {
    const page = await listed(req, reply)
    return paged(page, 'objects', page.items.map(manifestRecord))
  })

  get<ObjectParams>('/:apiRoot/collections/:id/objects/:objectId/', async (req, reply) => {
    const page = await versions(req, reply, true, '')
    return paged(
      page,
      'objects',
      page.items.map((i) => i.object),
    )
  })

  get<ObjectParams>('/:apiRoot/collections/:id/objects/:objectId/versions/', async (req, reply) => {
    const page = await versions(req, reply, false, '/versions')
    return paged(
      page,
      'versions',
      page.items.map((i) => objectVersion(i.object)),
    )
  })
}

/** POST of an envelope to a writable collection: imported, answered with a TAXII status resource. */
function postObjectsRoute(
  taxii: FastifyInstance,
  context: TaxiiContext,
  maxContentLength: number,
  collection: (ref: string) => TaxiiCollection,
): void {
  const { store } = context
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
