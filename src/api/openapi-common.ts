// Building blocks of the OpenAPI document (src/api/openapi.ts).

export const json = (schema: object) => ({ 'application/json': { schema } })
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const ok = (description: string, schema: object) => ({ description, content: json(schema) })
export const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
}
export const taxii = 'application/taxii+json;version=2.1'
export const taxiiOk = (description: string) => ({ description, content: { [taxii]: { schema: { type: 'object' } } } })
export const taxiiErrors = {
  '401': { $ref: '#/components/responses/TaxiiError' },
  '403': { $ref: '#/components/responses/TaxiiError' },
  '404': { $ref: '#/components/responses/TaxiiError' },
  '406': { $ref: '#/components/responses/TaxiiError' },
}
export const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
})
export const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
export const submission = (what: string) => ({
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
