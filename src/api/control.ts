import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Startable } from '../node/startable.ts'

export interface ControlRoute {
  method: 'GET' | 'POST'
  path: string
  handle: (body: unknown) => Promise<unknown>
}

export interface ControlApiOptions {
  host: string
  port: number
  token: string
  /** Largest request body accepted. */
  maxBodyBytes: number
}

class HttpError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/**
 * The first local control API: enough for the CLI to talk to a running node (status, peers,
 * matches, query). Bound to 127.0.0.1, bearer token compared in constant time, JSON errors
 * with a stable `code`. The full HTTP API, TAXII and metrics come with the SIEM issue.
 */
export class ControlApi implements Startable {
  readonly #options: ControlApiOptions
  readonly #routes: ControlRoute[]
  #server: Server | undefined

  constructor(options: ControlApiOptions, routes: ControlRoute[]) {
    this.#options = options
    this.#routes = routes
  }

  get url(): string {
    const address = this.#server?.address() as AddressInfo | null | undefined
    if (address === undefined || address === null) throw new Error('control API not started')
    return `http://${this.#options.host}:${address.port}`
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.#serve(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.#options.port, this.#options.host, () => resolve())
    })
    this.#server = server
  }

  async stop(): Promise<void> {
    const server = this.#server
    this.#server = undefined
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      this.#authorize(req)
      const route = this.#routes.find((r) => r.method === req.method && r.path === new URL(req.url ?? '/', 'http://x').pathname)
      if (route === undefined) throw new HttpError(404, 'not_found', `no route ${req.method} ${req.url}`)
      const body = req.method === 'POST' ? await this.#body(req) : undefined
      send(res, 200, await route.handle(body))
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, 'internal', (err as Error).message)
      send(res, e.status, { error: { code: e.code, message: e.message } })
    }
  }

  #authorize(req: IncomingMessage): void {
    const header = req.headers.authorization ?? ''
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
    const expected = Buffer.from(this.#options.token)
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new HttpError(401, 'unauthorized', 'missing or wrong bearer token')
  }

  async #body(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > this.#options.maxBodyBytes) throw new HttpError(413, 'too_large', `request body over ${this.#options.maxBodyBytes} bytes`)
      chunks.push(chunk)
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
    } catch {
      throw new HttpError(400, 'bad_json', 'request body is not JSON')
    }
  }
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export { HttpError }
