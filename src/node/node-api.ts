import { rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { analystPagesPlugin } from '../api/analyst-pages.ts'
import { MatchExplorer } from '../api/match-explorer.ts'
import { Metrics } from '../api/metrics.ts'
import type { NodeView } from '../api/node-view.ts'
import { openApiPlugin } from '../api/openapi.ts'
import { restPlugin } from '../api/rest.ts'
import { DEFAULT_MAX_BODY_BYTES, HttpApi } from '../api/server.ts'
import { statusPagePlugin } from '../api/status-page.ts'
import { taxiiPlugin } from '../api/taxii/routes.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import type { Store } from '../store/store.ts'
import type { Identity } from './identity.ts'
import type { BuiltMember } from './member-parts.ts'
import { memberNodeView } from './node-view.ts'
import { DATA_FILES, type NodeConfig } from './options.ts'
import type { MemberReadModel } from './read-model.ts'
import type { RosterBook } from './roster-book.ts'
import type { Startable } from './startable.ts'

/** What the node's HTTP API is built from. */
export interface ApiContext {
  config: NodeConfig
  identity: Identity
  warninglists: Warninglists
  store: Store
  roster: RosterBook
  features: { apiPort?: number; apiToken: string }
  built: BuiltMember
  model: MemberReadModel
  /** True once every part of the node has started. */
  started: () => boolean
}

/** The local HTTP API over the member's view, and a part that writes its endpoint file (api.json). */
export function buildApi(c: ApiContext): { api: HttpApi; parts: Startable[] } {
  const { config, identity, warninglists, store, features } = c
  const apiRefused = new Map<string, number>()
  const view = apiView(c, apiRefused)
  const metrics = new Metrics(() => view.status())
  const api = new HttpApi(
    {
      ...config.api,
      ...(features.apiPort === undefined ? {} : { port: features.apiPort }),
      token: features.apiToken,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    },
    [
      openApiPlugin(),
      restPlugin(view),
      taxiiPlugin({
        store,
        community: config.community,
        peerId: identity.peerId,
        defaultTlp: config.defaultTlp,
        warninglists,
        onLocalChange: () => view.localChange(),
      }),
      metrics.plugin(),
      statusPagePlugin(view),
      analystPagesPlugin(view, new MatchExplorer(store)),
    ],
    {
      observe: (method, route, status, seconds) => metrics.observeRequest(method, route, status, seconds),
      onRefused: (code) => apiRefused.set(code, (apiRefused.get(code) ?? 0) + 1),
    },
  )
  const endpoint = join(config.dataDir, DATA_FILES.apiEndpoint)
  return {
    api,
    parts: [
      api,
      {
        // With TLS the CLI trusts the node's own certificate (often self-signed) for this URL.
        start: () =>
          writeFile(
            endpoint,
            `${JSON.stringify({ url: api.url, pid: process.pid, ...(config.api.tlsCert === undefined ? {} : { ca: resolve(config.api.tlsCert) }) })}\n`,
            { mode: 0o600 },
          ),
        stop: () => rm(endpoint, { force: true }),
      },
    ],
  }
}

/** The running member as the API sees it. */
function apiView(c: ApiContext, apiRefused: Map<string, number>): NodeView {
  const { config, identity, warninglists, store, roster } = c
  const { service, engine, addressBook, redialer } = c.built.member
  const { outbox } = c.built
  return memberNodeView({
    peerId: identity.peerId,
    community: config.community,
    store,
    model: c.model,
    service,
    engine,
    addressBook,
    redialer,
    organizationOf: (p) => roster.organizationOf(p),
    apiRefused,
    defaultTlp: config.defaultTlp,
    sightingWindowsMs: c.built.sightingWindowsMs,
    sourceKinds: config.sourceKinds,
    warninglists,
    outbox: {
      view: () => {
        const h = outbox.health()
        return {
          pending: h.pending,
          dead: h.dead,
          oldestPendingAt: h.oldestPendingAt,
          delivered: h.delivered,
          failedAttempts: h.failedAttempts,
        }
      },
      retryDead: (destination) => outbox.retryDead(destination),
    },
    started: c.started,
  })
}
