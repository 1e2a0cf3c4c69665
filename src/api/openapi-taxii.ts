import { path, query, taxii, taxiiErrors, taxiiOk } from './openapi-common.ts'

/** The TAXII 2.1 server's paths. */
export const TAXII_PATHS = {
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
} as const
