import { isAbsolute } from 'node:path'
import type { ControlRoute } from '../api/control.ts'
import { HttpError } from '../api/control.ts'
import { psiElement } from '../indicators/element.ts'
import { FORMATS, type Format } from '../indicators/formats/row.ts'
import { normalize } from '../indicators/normalize.ts'
import { parseTlp, type Tlp } from '../indicators/tlp.ts'
import type { Observable } from '../indicators/types.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import type { Network } from '../net/network.ts'
import { Mode } from '../psi/messages.ts'
import { matchView } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'
import { importFiles } from './importer.ts'
import type { MemberService } from './member-service.ts'

export interface ControlContext {
  peerId: string
  community: string
  store: Store
  network: Network
  service: MemberService
  organizationOf: (peer: string) => string | undefined
  defaultTlp: Tlp
  warninglists: Warninglists
  /** Application payloads sent, by protocol or topic. */
  sent: Map<string, { messages: number; bytes: number }>
}

/** The control API's routes over a running member node. */
export function controlRoutes(c: ControlContext): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: '/v1/status',
      handle: async () => {
        const stats = c.store.stats()
        return {
          peerId: c.peerId,
          community: c.community,
          addresses: c.network.addresses,
          epoch: c.service.epoch,
          connectedPeers: c.network.connectedPeers().length,
          matches: (await c.store.matches.all()).length,
          indicators: stats.indicators,
          sightings: stats.sightings,
          gossip: { accepted: c.service.stats.gossipAccepted, rejected: c.service.stats.gossipRejected },
          psi: { queriesSent: c.service.stats.queriesSent, quotaRefusals: c.service.quotaRefusals, feedReceived: c.service.feedReceived },
          sent: Object.fromEntries(c.sent),
          recentErrors: c.service.stats.errors.slice(-10),
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/peers',
      handle: async () => {
        const connected = new Set(c.network.connectedPeers())
        return (await c.store.roster.all()).map((entry) => ({
          peerId: entry.peerId,
          organization: entry.organization,
          connected: connected.has(entry.peerId),
          source: entry.source,
        }))
      },
    },
    {
      method: 'GET',
      path: '/v1/matches',
      handle: async () => (await c.store.matches.all()).map(matchView),
    },
    {
      method: 'POST',
      path: '/v1/import',
      handle: async (body) => {
        const b = (body ?? {}) as { files?: unknown; format?: unknown; tlp?: unknown; source?: unknown; sightings?: unknown }
        if (!Array.isArray(b.files) || b.files.length === 0 || !b.files.every((f) => typeof f === 'string' && isAbsolute(f))) {
          throw new HttpError(
            400,
            'bad_request',
            'body must be {"files": ["/absolute/path", ...], "format"?, "tlp"?, "source"?, "sightings"?}',
          )
        }
        const format = b.format ?? 'auto'
        if (format !== 'auto' && !(FORMATS as readonly unknown[]).includes(format))
          throw new HttpError(400, 'bad_request', `unknown format ${String(format)}`)
        let tlp: Tlp
        try {
          tlp = b.tlp === undefined ? c.defaultTlp : parseTlp(String(b.tlp))
        } catch (err) {
          throw new HttpError(400, 'bad_request', (err as Error).message)
        }
        const report = await importFiles(c.store, b.files as string[], {
          format: format as Format | 'auto',
          tlp,
          ...(typeof b.source === 'string' ? { source: b.source } : {}),
          sightings: b.sightings === true,
          warninglists: c.warninglists,
        })
        // Everything counted in the report is on disk; announcing it may take longer and is not awaited.
        c.service.localChange().catch(() => undefined)
        return report
      },
    },
    {
      method: 'POST',
      path: '/v1/query',
      handle: async (body) => {
        const { values, tlp } = (body ?? {}) as { values?: unknown; tlp?: unknown }
        if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
          throw new HttpError(400, 'bad_request', 'body must be {"values": ["...", ...], "tlp"?: "red"}')
        }
        type Item = { input: string; item: Observable } | { input: string; error: string }
        const items = values.map((input: string): Item => {
          try {
            return { input, item: normalize(input) }
          } catch (err) {
            return { input, error: (err as Error).message }
          }
        })
        const valid = items.filter((i): i is { input: string; item: Observable } => 'item' in i && !i.item.type.endsWith('-cidr'))
        const mode = tlp === 'red' ? Mode.Cardinality : Mode.Oprf
        const answers =
          valid.length === 0
            ? []
            : await c.service.ask(
                valid.map((v) => psiElement(v.item)),
                mode,
              )
        if (mode === Mode.Cardinality) {
          return {
            mode: 'cardinality',
            values: items.map((i) => ('error' in i ? { input: i.input, error: i.error } : { input: i.input, ...i.item })),
            peers: answers.map((a) => ({ peer: a.peer, organization: c.organizationOf(a.peer), count: a.count, error: a.error })),
          }
        }
        return {
          mode: 'oprf',
          values: items.map((i) => {
            if ('error' in i) return { input: i.input, error: i.error }
            const index = valid.findIndex((v) => v.input === i.input)
            const holders =
              index < 0
                ? []
                : answers.filter((a) => a.matched?.includes(index)).map((a) => ({ peer: a.peer, organization: c.organizationOf(a.peer) }))
            return { input: i.input, ...i.item, holders }
          }),
          errors: answers.filter((a) => a.error !== undefined).map((a) => ({ peer: a.peer, error: a.error })),
        }
      },
    },
  ]
}
