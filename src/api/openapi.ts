import type { FastifyInstance } from 'fastify'
import { API_PATHS } from './openapi-paths.ts'
import { COMPONENTS } from './openapi-schemas.ts'
import { TAXII_PATHS } from './openapi-taxii.ts'
import type { ApiPlugin } from './server.ts'

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
  paths: { ...API_PATHS, ...TAXII_PATHS },
  components: COMPONENTS,
} as const

export function openApiPlugin(): ApiPlugin {
  return async (app: FastifyInstance) => {
    app.get('/openapi.json', { config: { public: true } }, async () => OPENAPI)
  }
}
