import { isAbsolute } from 'node:path'
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { EXPORT_FORMATS, type ExportFormat, exportChunks, exportContentType } from '../indicators/export/format.ts'
import { DUPLICATE_KEY_REASON, duplicateRows } from '../indicators/formats/json-scan.ts'
import { DEFAULT_MAX_LINE_BYTES } from '../indicators/formats/line-splitter.ts'
import { objectItems } from '../indicators/formats/ndjson.ts'
import { FORMATS, type Format, type ReadItem } from '../indicators/formats/row.ts'
import { parseTlp, type Tlp } from '../indicators/tlp.ts'
import { type IndicatorRecord, isIndicatorType } from '../indicators/types.ts'
import { forComponent } from '../logger.ts'
import { ImportInterruptedError, type ImportReport, importFiles, importItems } from '../node/importer.ts'
import { indicatorKey } from '../store/keys.ts'
import { matchView } from '../store/repositories.ts'
import { HttpError } from './errors.ts'
import { ndjsonItems } from './ndjson-body.ts'
import type { NodeView } from './node-view.ts'
import type { ApiPlugin } from './server.ts'

const log = forComponent('sightline:api')

export interface RestOptions {
  /** Largest NDJSON submission in one request (JSON arrays fall under the server's body limit). */
  maxNdjsonBytes: number
  /** Largest page of /v1/indicators and /v1/matches. */
  maxPage: number
  /** Rows per durable batch of a submission. */
  batchSize: number
  /** Longest NDJSON line: a longer one is one rejected row, and the rows after it are read. */
  maxLineBytes: number
}

export const DEFAULT_REST_OPTIONS: RestOptions = {
  maxNdjsonBytes: 256 << 20,
  maxPage: 1000,
  batchSize: 1024,
  maxLineBytes: DEFAULT_MAX_LINE_BYTES,
}

/** The REST API under /v1, plus /healthz and /readyz. See openapi.ts for the contract. */
export function restPlugin(node: NodeView, options: RestOptions = DEFAULT_REST_OPTIONS): ApiPlugin {
  return async (app: FastifyInstance) => {
    readRoutes(app, node, options)
    importRoutes(app, node, options)
    exportAndActionRoutes(app, node)
  }
}

/** Health, status, peers, and pages of matches and indicators. */
function readRoutes(app: FastifyInstance, node: NodeView, options: RestOptions): void {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { config: { public: true } }, async (_req, reply) => {
    const r = node.readiness()
    return reply.status(r.ready ? 200 : 503).send(r.ready ? { ready: true } : { ready: false, reason: r.reason })
  })

  app.get('/v1/status', async () => node.status())
  app.get('/v1/peers', async () => node.peers())

  app.get('/v1/matches', async (req) => {
    const q = req.query as Record<string, string | undefined>
    const since = integer(q.since, 'since', 0)
    const limit = Math.min(integer(q.limit, 'limit', 100), options.maxPage)
    if (limit < 1) throw new HttpError(400, 'bad_request', 'limit must be at least 1')
    const page = await node.store.matchesAfter(since, limit + 1)
    const matches = page.slice(0, limit).map((m) => ({ seq: m.seq, ...matchView(m.match) }))
    const last = matches.at(-1)
    return { matches, next: last === undefined ? since : last.seq, more: page.length > limit }
  })

  app.get('/v1/indicators', async (req) => listIndicators(node, req, options.maxPage))
}

/** Submissions of indicators and sightings, and imports of files the node reads. */
function importRoutes(app: FastifyInstance, node: NodeView, options: RestOptions): void {
  // Submissions are imported one at a time: the store serializes their writes anyway, and
  // normalization of two interleaved imports would double what a read waits for at each turn
  // of the event loop. A waiting NDJSON body is simply not read yet (TCP backpressure).
  let importing: Promise<unknown> = Promise.resolve()
  const submit = (sightings: boolean) => async (req: FastifyRequest) => {
    const q = req.query as Record<string, string | undefined>
    const tlp = tlpParam(q.tlp, node.defaultTlp)
    const items = submittedItems(req, sightings, options)
    const run = importing.then(() =>
      importItems(node.store, 'request', items, {
        tlp,
        source: q.source ?? 'api',
        sightings,
        idempotent: true,
        warninglists: node.warninglists,
        // Normalizing runs on the event loop: yielding every few dozen rows keeps other
        // requests (match reads) from waiting for a whole batch.
        batchSize: options.batchSize,
        yieldEvery: 64,
      }),
    )
    importing = run.catch((err: unknown) => log.debug('import failed (its request has the error)', { err }))
    const report = await announced(node, run)
    if (report.imported + report.duplicates > 0) node.localChange()
    return report
  }
  app.post('/v1/indicators', submit(false))
  app.post('/v1/sightings', submit(true))

  app.post('/v1/import', async (req) => {
    const b = (req.body ?? {}) as { files?: unknown; format?: unknown; tlp?: unknown; source?: unknown; sightings?: unknown }
    if (!Array.isArray(b.files) || b.files.length === 0 || !b.files.every((f) => typeof f === 'string' && isAbsolute(f))) {
      throw new HttpError(400, 'bad_request', 'body must be {"files": ["/absolute/path", ...], "format"?, "tlp"?, "source"?, "sightings"?}')
    }
    const format = b.format ?? 'auto'
    if (format !== 'auto' && !(FORMATS as readonly unknown[]).includes(format))
      throw new HttpError(400, 'bad_request', `unknown format ${String(format)}`)
    const report = await announced(
      node,
      importFiles(node.store, b.files as string[], {
        format: format as Format | 'auto',
        tlp: tlpParam(b.tlp === undefined ? undefined : String(b.tlp), node.defaultTlp),
        ...(typeof b.source === 'string' ? { source: b.source } : {}),
        sightings: b.sightings === true,
        warninglists: node.warninglists,
      }),
    )
    // Everything counted in the report is on disk; announcing it may take longer and is not awaited.
    node.localChange()
    return report
  })
}

/** Export, retry of dead alerts, and an analyst's query. */
function exportAndActionRoutes(app: FastifyInstance, node: NodeView): void {
  // One snapshot per export: every item acknowledged before the request is in it, even while
  // an import runs. The body streams; the snapshot is released when the response ends.
  app.get('/v1/export', async (req, reply) => {
    const { format } = req.query as Record<string, string | undefined>
    if (!(EXPORT_FORMATS as readonly (string | undefined)[]).includes(format))
      throw new HttpError(400, 'bad_request', `format must be one of ${EXPORT_FORMATS.join(', ')}`)
    const view = node.store.exportView()
    const body = Readable.from(exportChunks(view, format as ExportFormat))
    body.once('close', () => {
      view.close().catch((err: unknown) => req.log.debug({ err }, 'closing the export snapshot failed'))
    })
    return reply.header('content-type', exportContentType(format as ExportFormat)).send(body)
  })

  app.post('/v1/alerts/retry', async (req) => {
    const { destination } = (req.body ?? {}) as { destination?: unknown }
    if (destination !== undefined && typeof destination !== 'string')
      throw new HttpError(400, 'bad_request', 'body must be {} or {"destination": "name"}')
    return { retried: await node.retryDeadAlerts(destination) }
  })

  app.post('/v1/query', async (req) => {
    const { values, tlp } = (req.body ?? {}) as { values?: unknown; tlp?: unknown }
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string'))
      throw new HttpError(400, 'bad_request', 'body must be {"values": ["...", ...], "tlp"?: "red"}')
    if (values.length > 4096) throw new HttpError(413, 'too_large', 'at most 4096 values per query')
    return node.query(values as string[], tlp === 'red')
  })
}

/** An import's report; when the store stopped it, what it stored before is still announced. */
async function announced(node: NodeView, run: Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await run
  } catch (err) {
    if (err instanceof ImportInterruptedError && err.report.imported + err.report.duplicates > 0) node.localChange()
    throw err
  }
}

/** A JSON array body or an NDJSON stream, as import items. */
function submittedItems(req: FastifyRequest, sightings: boolean, options: RestOptions): AsyncIterable<ReadItem> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/x-ndjson' || type === 'application/ndjson')
    return ndjsonItems(req.body as Readable, sightings, { maxBytes: options.maxNdjsonBytes, maxLineBytes: options.maxLineBytes })
  if (type !== 'application/json')
    throw new HttpError(
      415,
      'unsupported_media_type',
      `Content-Type ${type || '(none)'}: send application/json (an array) or application/x-ndjson`,
    )
  if (!Array.isArray(req.body))
    throw new HttpError(
      400,
      'bad_request',
      'body must be a JSON array of indicator objects, or NDJSON (Content-Type: application/x-ndjson)',
    )
  const rows = req.body as unknown[]
  const duplicates = duplicateRows(req.jsonDuplicates ?? [], []).rows
  return (async function* () {
    for (const [i, row] of rows.entries()) {
      if (duplicates.has(i)) yield { kind: 'error' as const, line: i + 1, reason: DUPLICATE_KEY_REASON }
      else yield* objectItems(row, i + 1, sightings)
    }
  })()
}

async function listIndicators(node: NodeView, req: FastifyRequest, maxPage: number): Promise<object> {
  const q = req.query as Record<string, string | undefined>
  const limit = Math.min(integer(q.limit, 'limit', 100), maxPage)
  if (limit < 1) throw new HttpError(400, 'bad_request', 'limit must be at least 1')
  if (q.type !== undefined && !isIndicatorType(q.type)) throw new HttpError(400, 'bad_request', `unknown type ${q.type}`)
  if (q.prefix !== undefined && q.type === undefined) throw new HttpError(400, 'bad_request', 'prefix needs type (keys are type:value)')
  const tlp = q.tlp === undefined ? undefined : tlpParam(q.tlp, node.defaultTlp)
  const base = q.type === undefined ? '' : `${q.type}:${q.prefix ?? ''}`
  const after = q.cursor === undefined ? undefined : Buffer.from(q.cursor, 'base64url').toString('utf8')
  const range = { ...(after === undefined ? { gte: base } : { gt: after }), ...(base === '' ? {} : { lt: `${base}\uffff` }) }
  const search = q.q?.toLowerCase()
  const out: IndicatorRecord[] = []
  let more = false
  let scanned = 0
  // A substring search scans in key order; it stops at a page or after 100,000 keys, and the
  // cursor then resumes the scan where it stopped.
  let lastKey: string | undefined
  for await (const record of node.store.indicatorRange(range, { signal: AbortSignal.timeout(10_000) })) {
    lastKey = indicatorKey(record)
    scanned++
    const wanted =
      (tlp === undefined || record.tlp === tlp) &&
      (q.source === undefined || record.source === q.source) &&
      (search === undefined || record.value.includes(search))
    if (wanted) {
      if (out.length === limit) {
        more = true
        break
      }
      out.push(record)
    }
    if (scanned >= 100_000 && out.length < limit) {
      more = true
      break
    }
  }
  const resumeAt = more ? (out.length === limit ? indicatorKey(out.at(-1) as IndicatorRecord) : lastKey) : undefined
  return {
    indicators: out.map(indicatorView),
    ...(resumeAt === undefined ? {} : { next: Buffer.from(resumeAt, 'utf8').toString('base64url') }),
  }
}

/** An indicator as the API shows it: times in ISO 8601. */
export function indicatorView(r: IndicatorRecord): object {
  return {
    type: r.type,
    value: r.value,
    tlp: r.tlp,
    source: r.source,
    tags: r.tags,
    count: r.count,
    firstSeen: new Date(r.firstSeen).toISOString(),
    lastSeen: new Date(r.lastSeen).toISOString(),
    ...(r.confidence === undefined ? {} : { confidence: r.confidence }),
    ...(r.validUntil === undefined ? {} : { validUntil: new Date(r.validUntil).toISOString() }),
    ...(r.warninglist === undefined ? {} : { warninglist: r.warninglist }),
    ...(r.ids === false ? { ids: false } : {}),
    ...(r.revoked === true ? { revoked: true } : {}),
    ...(r.context === undefined ? {} : { context: r.context }),
  }
}

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback
  if (!/^\d{1,15}$/.test(text)) throw new HttpError(400, 'bad_request', `${name} must be a non-negative integer`)
  return Number(text)
}

function tlpParam(text: string | undefined, fallback: Tlp): Tlp {
  if (text === undefined) return fallback
  try {
    return parseTlp(text)
  } catch (err) {
    throw new HttpError(400, 'bad_request', (err as Error).message)
  }
}
