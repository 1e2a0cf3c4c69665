import type { FastifyInstance } from 'fastify'
import type { ApiPlugin } from './server.ts'

const json = (schema: object) => ({ 'application/json': { schema } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const ok = (description: string, schema: object) => ({ description, content: json(schema) })
const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
}
const taxii = 'application/taxii+json;version=2.1'
const taxiiOk = (description: string) => ({ description, content: { [taxii]: { schema: { type: 'object' } } } })
const taxiiErrors = {
  '401': { $ref: '#/components/responses/TaxiiError' },
  '403': { $ref: '#/components/responses/TaxiiError' },
  '404': { $ref: '#/components/responses/TaxiiError' },
  '406': { $ref: '#/components/responses/TaxiiError' },
}
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
})
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
const submission = (what: string) => ({
  summary: `Submit ${what} (JSON array or NDJSON stream)`,
  description: `Imported in durable batches; the answer counts only what is on disk. Idempotent: repeating a submission adds no record and no count. Fields per item as in import files (value, type, tlp, source, tags, confidence, first_seen, last_seen, valid_until${what === 'sightings' ? ', time, where, count' : ''}).`,
  parameters: [
    query('tlp', 'TLP for items that carry none (default: the node default)'),
    query('source', 'source for items that carry none (default api)'),
  ],
  requestBody: {
    required: true,
    content: {
      'application/json': { schema: { type: 'array', items: ref('SubmittedItem') } },
      'application/x-ndjson': { schema: { type: 'string', description: 'one JSON object per line' } },
    },
  },
  responses: {
    '200': ok('import report', ref('ImportReport')),
    ...errors,
    '413': { $ref: '#/components/responses/TooLarge' },
    '415': { $ref: '#/components/responses/UnsupportedMediaType' },
  },
})

/** The OpenAPI 3.1 description of the HTTP API; tests check it against the routes served. */
export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Sightline node API',
    version: '1.0.0',
    description:
      'Local API of a Sightline node. Authenticate with the API token created by `sightline init` as `Authorization: Bearer <token>`, or as the password of HTTP Basic (any user name).',
  },
  security: [{ bearer: [] }, { basic: [] }],
  paths: {
    '/healthz': {
      get: {
        summary: 'Liveness',
        security: [],
        responses: { '200': ok('alive', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }) },
      },
    },
    '/readyz': {
      get: {
        summary: 'Readiness: digests built and network started',
        security: [],
        responses: {
          '200': ok('ready', { type: 'object', required: ['ready'], properties: { ready: { const: true } } }),
          '503': ok('not ready', {
            type: 'object',
            required: ['ready', 'reason'],
            properties: { ready: { const: false }, reason: { type: 'string' } },
          }),
        },
      },
    },
    '/openapi.json': {
      get: { summary: 'This document', security: [], responses: { '200': ok('OpenAPI 3.1 document', { type: 'object' }) } },
    },
    '/': {
      get: {
        summary: 'Status page for operators (HTML)',
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '401': errors['401'] },
      },
    },
    '/matches': {
      get: {
        summary: 'Matches explorer for analysts (HTML): search, filters and paging over every match',
        parameters: ['q', 'type', 'tlp', 'member', 'how', 'kind', 'since', 'page', 'tz'].map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '401': errors['401'] },
      },
    },
    '/indicator': {
      get: {
        summary: 'One indicator (HTML): our record, our sightings, and which members matched it and how',
        parameters: ['type', 'value', 'tz'].map((name) => ({ name, in: 'query', required: name !== 'tz', schema: { type: 'string' } })),
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, '401': errors['401'] },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics',
        responses: {
          '200': { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } },
          '401': errors['401'],
        },
      },
    },
    '/v1/status': { get: { summary: 'Node status', responses: { '200': ok('status', ref('Status')), ...errors } } },
    '/v1/peers': {
      get: {
        summary: 'Roster members and connection state',
        responses: { '200': ok('peers', { type: 'array', items: ref('Peer') }), ...errors },
      },
    },
    '/v1/matches': {
      get: {
        summary: 'Matches after a cursor, oldest first',
        parameters: [
          query('since', 'return matches with seq greater than this (default 0)', { type: 'integer', minimum: 0 }),
          query('limit', 'page size, 1..1000 (default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
        ],
        responses: {
          '200': ok('a page of matches', {
            type: 'object',
            required: ['matches', 'next', 'more'],
            properties: {
              matches: { type: 'array', items: ref('Match') },
              next: { type: 'integer', description: 'the `since` of the next page' },
              more: { type: 'boolean' },
            },
          }),
          ...errors,
        },
      },
    },
    '/v1/indicators': {
      get: {
        summary: 'List and search local indicators in key order',
        parameters: [
          query('type', 'indicator type'),
          query('prefix', 'value prefix (needs type)'),
          query('q', 'substring of the value (scans; pages stop after 100,000 keys scanned)'),
          query('tlp', 'only this TLP'),
          query('source', 'only this source'),
          query('limit', 'page size, 1..1000 (default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
          query('cursor', 'the `next` of the previous page'),
        ],
        responses: {
          '200': ok('a page of indicators', {
            type: 'object',
            required: ['indicators'],
            properties: { indicators: { type: 'array', items: ref('Indicator') }, next: { type: 'string' } },
          }),
          ...errors,
        },
      },
      post: submission('indicators'),
    },
    '/v1/sightings': { post: submission('sightings') },
    '/v1/import': {
      post: {
        summary: 'Import files the node can read (absolute paths on the node host)',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['files'],
            properties: {
              files: { type: 'array', items: { type: 'string' }, minItems: 1 },
              format: { enum: ['auto', 'txt', 'csv', 'ndjson', 'stix', 'misp'] },
              tlp: { type: 'string' },
              source: { type: 'string' },
              sightings: { type: 'boolean' },
            },
          }),
        },
        responses: { '200': ok('import report', ref('ImportReport')), ...errors },
      },
    },
    '/v1/export': {
      get: {
        summary: 'Export every local indicator and sighting as a STIX 2.1 bundle or NDJSON, streamed from one snapshot',
        description: 'Reads one database snapshot: everything acknowledged before the request is in the export, even while an import runs.',
        parameters: [{ ...query('format', 'stix or ndjson', { enum: ['stix', 'ndjson'] }), required: true }],
        responses: {
          '200': {
            description: 'the export, streamed',
            content: {
              'application/stix+json;version=2.1': { schema: { type: 'object' } },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    '/v1/alerts/retry': {
      post: {
        summary: 'Put dead-lettered alerts (of one destination, or all) back in the delivery queue',
        requestBody: { required: false, content: json({ type: 'object', properties: { destination: { type: 'string' } } }) },
        responses: {
          '200': ok('how many were put back', { type: 'object', required: ['retried'], properties: { retried: { type: 'integer' } } }),
          ...errors,
        },
      },
    },
    '/v1/query': {
      post: {
        summary: 'Ask connected members now which of them hold each value (or how many, with tlp red)',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['values'],
            properties: { values: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 4096 }, tlp: { type: 'string' } },
          }),
        },
        responses: {
          '200': ok(
            'members asked, answered and not (and why); per value which members hold or sighted it, or RED counts per member and list',
            { type: 'object', required: ['asked', 'answered', 'unanswered', 'values'] },
          ),
          ...errors,
          '413': { $ref: '#/components/responses/TooLarge' },
        },
      },
    },
    '/taxii2/': { get: { summary: 'TAXII 2.1 discovery', responses: { '200': taxiiOk('discovery resource'), ...taxiiErrors } } },
    '/taxii2/{apiRoot}/': {
      get: {
        summary: 'TAXII 2.1 API root',
        parameters: [path('apiRoot')],
        responses: { '200': taxiiOk('API root resource'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/collections/': {
      get: {
        summary: 'TAXII 2.1 collections',
        parameters: [path('apiRoot')],
        responses: { '200': taxiiOk('collections resource'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/collections/{id}/': {
      get: {
        summary: 'TAXII 2.1 collection',
        parameters: [path('apiRoot'), path('id')],
        responses: { '200': taxiiOk('collection resource'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/collections/{id}/objects/': {
      get: {
        summary: 'TAXII 2.1 get objects (added_after, limit, next, match[type], match[id], match[version], match[spec_version])',
        parameters: [
          path('apiRoot'),
          path('id'),
          query('added_after', 'RFC 3339 timestamp'),
          query('limit', 'page size'),
          query('next', 'opaque paging token'),
          query('match[type]', 'STIX types, comma-separated'),
          query('match[id]', 'STIX ids, comma-separated'),
          query('match[version]', 'versions'),
          query('match[spec_version]', 'spec versions'),
        ],
        responses: { '200': taxiiOk('envelope'), ...taxiiErrors },
      },
      post: {
        summary: 'TAXII 2.1 add objects (local collection)',
        parameters: [path('apiRoot'), path('id')],
        requestBody: { required: true, content: { [taxii]: { schema: { type: 'object', required: ['objects'] } } } },
        responses: {
          '202': taxiiOk('status resource'),
          ...taxiiErrors,
          '413': { $ref: '#/components/responses/TaxiiError' },
          '415': { $ref: '#/components/responses/TaxiiError' },
        },
      },
    },
    '/taxii2/{apiRoot}/collections/{id}/objects/{objectId}/': {
      get: {
        summary: 'TAXII 2.1 get an object',
        parameters: [
          path('apiRoot'),
          path('id'),
          path('objectId'),
          query('next', 'opaque paging token'),
          query('limit', 'page size'),
          query('added_after', 'RFC 3339 timestamp'),
          query('match[version]', 'versions'),
          query('match[spec_version]', 'spec versions'),
        ],
        responses: { '200': taxiiOk('envelope'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/collections/{id}/objects/{objectId}/versions/': {
      get: {
        summary: 'TAXII 2.1 object versions',
        parameters: [
          path('apiRoot'),
          path('id'),
          path('objectId'),
          query('next', 'opaque paging token'),
          query('limit', 'page size'),
          query('added_after', 'RFC 3339 timestamp'),
          query('match[spec_version]', 'spec versions'),
        ],
        responses: { '200': taxiiOk('versions resource'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/collections/{id}/manifest/': {
      get: {
        summary: 'TAXII 2.1 manifest',
        parameters: [
          path('apiRoot'),
          path('id'),
          query('added_after', 'RFC 3339 timestamp'),
          query('limit', 'page size'),
          query('next', 'opaque paging token'),
          query('match[type]', 'STIX types'),
          query('match[id]', 'STIX ids'),
          query('match[version]', 'versions'),
          query('match[spec_version]', 'spec versions'),
        ],
        responses: { '200': taxiiOk('manifest resource'), ...taxiiErrors },
      },
    },
    '/taxii2/{apiRoot}/status/{statusId}/': {
      get: {
        summary: 'TAXII 2.1 status of an add-objects request',
        parameters: [path('apiRoot'), path('statusId')],
        responses: { '200': taxiiOk('status resource'), ...taxiiErrors },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
    responses: {
      BadRequest: { description: 'bad request', content: json(ref('Error')) },
      Unauthorized: { description: 'missing or wrong token', content: json(ref('Error')) },
      TooLarge: { description: 'body too large', content: json(ref('Error')) },
      UnsupportedMediaType: { description: 'unsupported Content-Type', content: json(ref('Error')) },
      TaxiiError: {
        description: 'TAXII error message',
        content: {
          [taxii]: {
            schema: {
              type: 'object',
              required: ['title'],
              properties: { title: { type: 'string' }, description: { type: 'string' }, http_status: { type: 'string' } },
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      SubmittedItem: {
        type: 'object',
        required: ['value'],
        properties: { value: { type: 'string' }, type: { type: 'string' }, tlp: { type: 'string' } },
        additionalProperties: true,
      },
      ImportReport: {
        type: 'object',
        required: ['imported', 'duplicates', 'rejected', 'skipped', 'warninglisted', 'errors', 'errorsOmitted', 'failedFiles'],
        properties: {
          imported: { type: 'integer' },
          duplicates: { type: 'integer' },
          rejected: { type: 'integer' },
          skipped: { type: 'integer' },
          warninglisted: { type: 'integer' },
          warninglists: {
            type: 'object',
            additionalProperties: { type: 'integer' },
            description: 'imported indicators per warninglist that holds them',
          },
          errorsOmitted: { type: 'integer' },
          failedFiles: { type: 'integer' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['file', 'line', 'reason'],
              properties: {
                file: { type: 'string' },
                line: { type: ['integer', 'null'] },
                pointer: { type: 'string' },
                reason: { type: 'string' },
              },
            },
          },
        },
      },
      Match: {
        type: 'object',
        required: ['seq', 'peer', 'organization', 'type', 'value', 'tlp', 'mode', 'holds', 'sighted', 'matchedAt', 'level', 'ours'],
        properties: {
          seq: { type: 'integer' },
          peer: { type: 'string' },
          organization: { type: 'string' },
          type: { type: 'string' },
          value: { type: 'string' },
          tlp: { enum: ['clear', 'green', 'amber', 'amber+strict', 'red'] },
          mode: { enum: ['holds', 'sighted', 'both'], description: 'what the member is known to do with it' },
          holds: { type: 'boolean', description: 'the member holds it' },
          sighted: { type: 'array', items: { type: 'string' }, description: 'sighting windows (24h, 7d) in which the member sighted it' },
          matchedAt: { type: 'string', format: 'date-time', description: 'first matched' },
          firstMatchedEpoch: { type: 'integer' },
          lastConfirmedEpoch: { type: 'integer' },
          updatedAt: { type: 'string', format: 'date-time', description: 'last confirmed or changed' },
          level: { enum: ['none', 'normal', 'high'], description: 'alert level under the alert policy (none: recorded quietly)' },
          ours: {
            type: 'object',
            description: 'our own side only: nothing here came from the member',
            required: ['sources', 'tags', 'count', 'sightings'],
            properties: {
              sources: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'kind'],
                  properties: { name: { type: 'string' }, kind: { enum: ['public', 'community', 'internal'] } },
                },
              },
              tags: { type: 'array', items: { type: 'string' } },
              firstSeen: { type: ['string', 'null'], format: 'date-time' },
              lastSeen: { type: ['string', 'null'], format: 'date-time' },
              count: { type: 'integer' },
              sightings: { type: 'object', additionalProperties: { type: 'integer' }, description: 'our sighting events per window' },
            },
          },
        },
      },
      Indicator: {
        type: 'object',
        required: ['type', 'value', 'tlp', 'source', 'tags', 'count', 'firstSeen', 'lastSeen'],
        properties: {
          type: { type: 'string' },
          value: { type: 'string' },
          tlp: { enum: ['clear', 'green', 'amber', 'amber+strict', 'red'] },
          source: { type: 'string' },
          tags: { type: 'array', items: { type: 'string' } },
          count: { type: 'integer' },
          confidence: { type: 'integer' },
          firstSeen: { type: 'string', format: 'date-time' },
          lastSeen: { type: 'string', format: 'date-time' },
          validUntil: { type: 'string', format: 'date-time' },
          warninglist: { type: 'string' },
          ids: { const: false, description: 'present (false) when the source marked it as context only: never alerted on' },
          revoked: { const: true, description: 'present when the source revoked it: inactive' },
          context: {
            type: 'array',
            items: { type: 'string' },
            description: 'what the source said beside the value (port:443, filename:x)',
          },
        },
      },
      Peer: {
        type: 'object',
        required: ['peerId', 'organization', 'connected', 'source', 'lastSeen', 'lastError', 'nextAttemptAt', 'addresses'],
        properties: {
          peerId: { type: 'string' },
          organization: { type: 'string' },
          connected: { type: 'boolean' },
          source: { enum: ['local', 'signed'] },
          lastSeen: { type: ['string', 'null'], format: 'date-time', description: 'last time a connection opened or closed' },
          lastError: { type: ['string', 'null'], description: 'why the last dial failed; null after a success' },
          nextAttemptAt: {
            type: ['string', 'null'],
            format: 'date-time',
            description: 'next dial (backoff with jitter); null while connected',
          },
          addresses: { type: 'array', items: { type: 'string' }, description: 'last known multiaddrs, signed ones first' },
        },
      },
      Status: {
        type: 'object',
        required: [
          'peerId',
          'community',
          'addresses',
          'epoch',
          'digests',
          'connectedPeers',
          'connections',
          'members',
          'matches',
          'indicators',
          'sightings',
          'gossip',
          'digestsRefused',
          'psi',
          'sent',
          'outbox',
          'recentErrors',
          'store',
          'refused',
          'bootstrapErrors',
        ],
        properties: {
          peerId: { type: 'string' },
          community: { type: 'string' },
          addresses: { type: 'array', items: { type: 'string' } },
          epoch: { type: ['integer', 'null'] },
          digests: { type: ['object', 'null'] },
          connectedPeers: { type: 'integer' },
          connections: { type: 'integer' },
          members: { type: 'integer' },
          matches: { type: 'integer' },
          indicators: { type: 'object' },
          sightings: { type: 'integer' },
          gossip: { type: 'object', required: ['accepted', 'rejected'] },
          digestsRefused: { type: 'object', additionalProperties: { type: 'integer' } },
          psi: {
            type: 'object',
            required: ['suite', 'raiseRequestsSent', 'listsFetched', 'elementsRaised', 'budgetRefusals', 'feedReceived'],
          },
          sent: { type: 'object' },
          outbox: { type: ['object', 'null'], required: ['pending', 'dead', 'oldestPendingAt', 'delivered', 'failedAttempts'] },
          recentErrors: { type: 'array', items: { type: 'string' } },
          refused: {
            type: 'object',
            description: 'everything refused, by path (gossip, sync, streams, api) and reason',
            required: ['gossip', 'sync', 'streams', 'api'],
          },
          store: {
            type: 'object',
            description: 'whether the store writes; after a failed write it reopens itself until it does',
            required: ['writable', 'failingSince', 'error', 'failures', 'recoveries'],
            properties: {
              writable: { type: 'boolean' },
              failingSince: { type: ['integer', 'null'] },
              error: { type: ['string', 'null'] },
              failures: { type: 'integer' },
              recoveries: { type: 'integer' },
            },
          },
          bootstrapErrors: {
            type: 'array',
            description: 'bootstrap addresses whose last dial failed (retried with backoff)',
            items: {
              type: 'object',
              required: ['address', 'error', 'at'],
              properties: { address: { type: 'string' }, error: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
            },
          },
        },
      },
    },
  },
} as const

export function openApiPlugin(): ApiPlugin {
  return async (app: FastifyInstance) => {
    app.get('/openapi.json', { config: { public: true } }, async () => OPENAPI)
  }
}
