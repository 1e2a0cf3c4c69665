import { errors, json, ok, query, ref, submission } from './openapi-common.ts'

/** The node's own paths: health, pages, metrics and the /v1 REST API. */
export const API_PATHS = {
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
} as const
