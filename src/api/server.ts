import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { JsonPath } from '../indicators/formats/json-scan.ts'
import { apiListenFailure } from '../net/port-errors.ts'
import { ImportInterruptedError } from '../node/importer.ts'
import type { Startable } from '../node/startable.ts'
import { StoreWriteError } from '../store/errors.ts'
import { presentedToken, tokenMatches } from './auth.ts'
import { HttpError, InsecureBindError } from './errors.ts'
import { parseJsonBody } from './json-body.ts'

export interface HttpApiOptions {
  host: string
  port: number
  /** The API token from `init`: Bearer, or the password of HTTP Basic. */
  token: string
  /** PEM files; when set the API speaks HTTPS. */
  tlsCert?: string | undefined
  tlsKey?: string | undefined
  /** Allow plain HTTP beyond loopback. */
  insecureBind: boolean
  /** Largest JSON request body (NDJSON streams have their own per-request limit). */
  maxBodyBytes: number
  /**
   * Host names (without port) the API answers besides the loopback names and `host` itself: the
   * names clients use to reach it. Any other Host header is refused (421), so a web page whose
   * name was rebound to 127.0.0.1 (DNS rebinding) cannot talk to the API.
   */
  allowedHosts?: readonly string[] | undefined
}

export const DEFAULT_MAX_BODY_BYTES = 16 << 20

/** Something that adds routes: the REST API, TAXII, metrics, the status page. */
export type ApiPlugin = (app: FastifyInstance) => Promise<void>

export interface HttpApiComponents {
  /** Called once per answered request, for metrics (route is the pattern, not the raw URL). */
  observe?: ((method: string, route: string, status: number, seconds: number) => void) | undefined
  /** Called once per refused request (a 4xx answer), with its error code. */
  onRefused?: ((code: string) => void) | undefined
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the token (health probes). */
    public?: boolean
  }
  interface FastifyRequest {
    /** Objects of a JSON body that repeat a key, by path (see json-body.ts). */
    jsonDuplicates?: JsonPath[]
  }
}

/**
 * Media types a state-changing request may carry. None of them is one a web page can send
 * cross-origin without a CORS preflight (which this API never grants), so no simple request from
 * a browser (text/plain, a form) can change anything, even with cached Basic credentials.
 */
export const WRITE_MEDIA_TYPES = ['application/json', 'application/x-ndjson', 'application/ndjson', 'application/taxii+json'] as const

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']

/** The host name of a Host header, lowercased, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'))
  const colon = h.lastIndexOf(':')
  return colon < 0 || h.indexOf(':') !== colon ? h : h.slice(0, colon)
}

/** Past this many bytes of a refused body, the connection is cut instead of read to its end. */
const MAX_DRAIN_BYTES = 64 << 20

/** True for 127.0.0.0/8, ::1 and localhost: the only places plain HTTP may listen by default. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/**
 * The node's local HTTP API: one Fastify server with one authentication hook (constant-time
 * token check, Bearer or Basic), body limits, and JSON errors with a stable `code`. What it
 * serves comes from plugins; the node decides which.
 */
export class HttpApi implements Startable {
  readonly #options: HttpApiOptions
  readonly #plugins: ApiPlugin[]
  readonly #components: HttpApiComponents
  #app: FastifyInstance | undefined
  readonly #routes: { method: string; url: string }[] = []

  constructor(options: HttpApiOptions, plugins: ApiPlugin[], components: HttpApiComponents = {}) {
    if (!isLoopback(options.host) && options.tlsCert === undefined && !options.insecureBind) {
      throw new InsecureBindError(
        `refusing to serve the API on ${options.host} without TLS: set api.tlsCert and api.tlsKey, or pass --insecure-bind to accept that the token crosses the network in clear`,
      )
    }
    this.#options = options
    this.#plugins = plugins
    this.#components = components
  }

  get url(): string {
    const address = this.#app?.server.address() as AddressInfo | null | undefined
    if (address === undefined || address === null) throw new Error('HTTP API not started')
    const host = this.#options.host.includes(':') && !this.#options.host.startsWith('[') ? `[${this.#options.host}]` : this.#options.host
    return `${this.#options.tlsCert === undefined ? 'http' : 'https'}://${host}:${address.port}`
  }

  /** The Fastify instance, for tests that inject requests. */
  get app(): FastifyInstance {
    if (this.#app === undefined) throw new Error('HTTP API not started')
    return this.#app
  }

  /** Every route served (method and pattern, `:param` style), for checking the OpenAPI document. */
  get routes(): readonly { method: string; url: string }[] {
    return this.#routes
  }

  async start(): Promise<void> {
    const o = this.#options
    const app = Fastify({
      bodyLimit: o.maxBodyBytes,
      logger: false,
      ...(o.tlsCert === undefined || o.tlsKey === undefined
        ? {}
        : { https: { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) } }),
    }) as unknown as FastifyInstance
    // NDJSON bodies are read as streams by their handlers, line by line.
    app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], (_req, payload, done) => done(null, payload))
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      try {
        if ((body as string).trim() === '') throw new HttpError(400, 'bad_json', 'the body is empty; send a JSON document')
        const parsed = parseJsonBody(body as string)
        if (parsed.duplicates.length > 0) req.jsonDuplicates = parsed.duplicates
        done(null, parsed.value)
      } catch (err) {
        done(err as Error, undefined)
      }
    })
    const hosts = new Set([...LOOPBACK_NAMES, hostName(o.host), ...(o.allowedHosts ?? []).map(hostName)])
    app.addHook('onRequest', async (req, reply) => {
      const host = hostName(req.headers.host ?? '')
      if (!hosts.has(host))
        throw new HttpError(
          421,
          'wrong_host',
          `this API answers Host ${[...hosts].join(', ')}, not ${JSON.stringify(host)}; add the name to api.allowedHosts if clients use it`,
        )
      // Routes that exist only: anything else is a 404 whatever it carries.
      if (req.routeOptions.url !== undefined && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
        if (!(WRITE_MEDIA_TYPES as readonly string[]).includes(type))
          throw new HttpError(
            415,
            'unsupported_media_type',
            `${req.method} needs a body of ${WRITE_MEDIA_TYPES.join(', ')}, not ${type || 'no Content-Type'} (send {} when there is nothing to say)`,
          )
      }
      if (req.routeOptions.config?.public === true) return
      if (!tokenMatches(presentedToken(req.headers.authorization), o.token)) {
        reply.header('www-authenticate', 'Basic realm="sightline", charset="UTF-8"')
        throw new HttpError(401, 'unauthorized', 'missing or wrong API token (Bearer, or the HTTP Basic password)')
      }
    })
    const observe = this.#components.observe
    if (observe !== undefined) {
      app.addHook('onResponse', async (req, reply) => {
        observe(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
      })
    }
    const onRefused = this.#components.onRefused
    if (onRefused !== undefined) {
      app.addHook('onError', async (_req, _reply, error) => {
        const e = toHttpError(error)
        if (e.status >= 400 && e.status < 500) onRefused(e.code)
      })
    }
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') this.#routes.push({ method, url: route.url })
    })
    app.setErrorHandler(jsonErrorHandler)
    app.setNotFoundHandler(async (req) => {
      throw new HttpError(404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`)
    })
    for (const plugin of this.#plugins) await app.register(plugin)
    try {
      await app.listen({ host: o.host, port: o.port })
    } catch (err) {
      await app.close()
      throw apiListenFailure(err, o.host, o.port)
    }
    this.#app = app
  }

  async stop(): Promise<void> {
    const app = this.#app
    this.#app = undefined
    await app?.close()
  }
}

/** Maps any error to `{ error: { code, message } }` with a fitting status. */
export function jsonErrorHandler(err: FastifyError | HttpError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const e = toHttpError(err)
  const send = () =>
    void reply
      .status(e.status)
      .type('application/json')
      .send({ error: { code: e.code, message: e.message, ...e.details } })
  afterBody(req, send)
}

/**
 * Runs `answer` once the request body has been read to its end, so that a client still sending a
 * refused body (a 413) reads the answer instead of a reset connection. A body that goes on past
 * MAX_DRAIN_BYTES is cut, and the connection with it.
 */
export function afterBody(req: FastifyRequest, answer: () => void): void {
  const raw = req.raw
  if (raw.complete || raw.readableEnded || raw.destroyed) {
    answer()
    return
  }
  let drained = 0
  const onData = (chunk: Buffer) => {
    drained += chunk.length
    if (drained > MAX_DRAIN_BYTES) {
      raw.removeListener('data', onData)
      answer()
      raw.destroy()
    }
  }
  raw.on('data', onData)
  raw.once('end', () => {
    raw.removeListener('data', onData)
    if (drained <= MAX_DRAIN_BYTES) answer()
  })
  raw.once('error', () => undefined)
  raw.resume()
}

/** Fastify's own errors (limits, media types, bad JSON, schema validation) as HttpErrors. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err
  // The store cannot write (a full disk): the node is unavailable for now, the request was fine.
  if (err instanceof ImportInterruptedError) return new HttpError(503, 'store_unavailable', err.message, { report: err.report })
  if (err instanceof StoreWriteError) return new HttpError(503, 'store_unavailable', err.message)
  const e = err as FastifyError
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'too_large', e.message)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', e.message)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, 'bad_json', e.message)
    case 'FST_ERR_VALIDATION':
      return new HttpError(400, 'bad_request', e.message)
  }
  if (e instanceof SyntaxError && e.statusCode === 400) return new HttpError(400, 'bad_json', e.message)
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new HttpError(e.statusCode, 'bad_request', e.message)
  return new HttpError(500, 'internal', e.message)
}
