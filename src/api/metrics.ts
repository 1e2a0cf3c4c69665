import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { NodeStatus } from './node-view.ts'
import type { ApiPlugin } from './server.ts'

/**
 * Prometheus metrics. Node counters live where they are counted (member service, PSI server,
 * outbox); they are read from one status snapshot at scrape time, so nothing on the hot paths
 * knows about Prometheus. Only API request durations are observed as they happen.
 */
export class Metrics {
  readonly registry = new Registry()
  readonly #requests: Histogram<'method' | 'route' | 'status'>

  constructor(status: () => Promise<NodeStatus>) {
    const r = this.registry
    collectDefaultMetrics({ register: r, prefix: 'sightline_' })
    this.#requests = new Histogram({
      name: 'sightline_api_request_duration_seconds',
      help: 'HTTP API request durations by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [r],
    })
    // One snapshot per scrape, shared by every collector of that scrape.
    let snapshot: Promise<NodeStatus> | undefined
    const current = (): Promise<NodeStatus> => {
      snapshot ??= status().finally(() => {
        setImmediate(() => {
          snapshot = undefined
        })
      })
      return snapshot
    }
    const define = definers(r, current)
    psiMetrics(define)
    nodeMetrics(define)
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.#requests.observe({ method, route, status: String(status) }, seconds)
  }

  /** GET /metrics in the Prometheus text format (token required, like every other route). */
  plugin(): ApiPlugin {
    return async (app: FastifyInstance) => {
      app.get('/metrics', async (_req, reply) => {
        const body = await this.registry.metrics()
        return reply.type(this.registry.contentType).send(body)
      })
    }
  }
}

type Read = (s: NodeStatus) => number
type ReadLabelled<L extends string> = (s: NodeStatus) => [Record<L, string>, number][]

/** Makers of metrics read from the status snapshot of each scrape. */
interface Definers {
  counter(name: string, help: string, read: Read): void
  gauge(name: string, help: string, read: Read): void
  labelled<L extends string>(kind: 'counter' | 'gauge', name: string, help: string, labelNames: L[], read: ReadLabelled<L>): void
}

function definers(r: Registry, current: () => Promise<NodeStatus>): Definers {
  const counter = (name: string, help: string, read: (s: NodeStatus) => number): void => {
    new Counter({
      name,
      help,
      registers: [r],
      async collect() {
        this.reset()
        this.inc(read(await current()))
      },
    })
  }
  const gauge = (name: string, help: string, read: (s: NodeStatus) => number): void => {
    new Gauge({
      name,
      help,
      registers: [r],
      async collect() {
        this.set(read(await current()))
      },
    })
  }
  const labelled = <L extends string>(
    kind: 'counter' | 'gauge',
    name: string,
    help: string,
    labelNames: L[],
    read: (s: NodeStatus) => [Record<L, string>, number][],
  ): void => {
    const Metric = kind === 'counter' ? Counter : Gauge
    new Metric({
      name,
      help,
      labelNames,
      registers: [r],
      async collect() {
        this.reset()
        for (const [labels, value] of read(await current())) {
          if (this instanceof Gauge) this.set(labels, value)
          else (this as Counter<L>).inc(labels, value)
        }
      },
    })
  }
  return { counter, gauge, labelled }
}

/** Gossip, PSI, matches and our digests. */
function psiMetrics({ counter, gauge, labelled }: Definers): void {
  counter('sightline_gossip_accepted_total', 'Gossip messages accepted', (s) => s.gossip.accepted)
  labelled('counter', 'sightline_gossip_rejected_total', 'Gossip messages rejected, by reason', ['reason'], (s) =>
    Object.entries(s.gossip.rejected).map(([reason, n]) => [{ reason }, n]),
  )
  labelled(
    'counter',
    'sightline_digests_refused_total',
    'Announced digests refused after the envelope checks, by reason',
    ['reason'],
    (s) => Object.entries(s.digestsRefused).map(([reason, n]) => [{ reason }, n]),
  )
  counter('sightline_psi_elements_raised_total', "Elements of members' lists raised with our scalar", (s) => s.psi.elementsRaised)
  counter('sightline_psi_lists_fetched_total', "Members' lists fetched", (s) => s.psi.listsFetched)
  counter('sightline_psi_raise_requests_sent_total', 'Raise requests sent to members', (s) => s.psi.raiseRequestsSent)
  labelled('counter', 'sightline_budget_refusals_total', "Members' lists refused for their element budget, by mode", ['mode'], (s) =>
    Object.entries(s.psi.budgetRefusals).map(([mode, n]) => [{ mode }, n]),
  )
  labelled('counter', 'sightline_psi_refused_by_members_total', 'PSI refusals members answered us, by code', ['code'], (s) =>
    Object.entries(s.psi.refusedByMembers).map(([code, n]) => [{ code }, n]),
  )
  labelled('counter', 'sightline_psi_refused_to_members_total', 'PSI refusals we answered members, by code', ['code'], (s) =>
    Object.entries(s.psi.refusedToMembers).map(([code, n]) => [{ code }, n]),
  )
  counter('sightline_matches_total', 'Matches recorded', (s) => s.matches)
  counter('sightline_feed_received_total', 'CLEAR/GREEN indicators received on the community feed', (s) => s.psi.feedReceived)
  const byMode = (pick: (d: NonNullable<NodeStatus['digests']>) => { oprf: number; cardinality: number }) => (s: NodeStatus) =>
    s.digests === null ? [] : Object.entries(pick(s.digests)).map(([mode, n]): [{ mode: string }, number] => [{ mode }, n])
  labelled(
    'gauge',
    'sightline_digest_bytes',
    'Filter bytes of our current digests, by mode',
    ['mode'],
    byMode((d) => d.bytes),
  )
  labelled(
    'gauge',
    'sightline_digest_items',
    'Items in our current digests, by mode',
    ['mode'],
    byMode((d) => d.items),
  )
  gauge('sightline_digest_deltas', 'Signed deltas announced since the last full digest', (s) => s.digests?.deltas ?? 0)
  gauge('sightline_epoch', 'Current PSI epoch', (s) => s.epoch ?? 0)
}

/** Store, outbox, connections, indicators, refusals and bytes sent. */
function nodeMetrics({ counter, gauge, labelled }: Definers): void {
  gauge('sightline_store_writable', '1 while the store writes, 0 while it cannot (it retries by itself)', (s) => (s.store.writable ? 1 : 0))
  counter('sightline_store_write_failures_total', 'Store writes that failed or were refused while failing', (s) => s.store.failures)
  counter('sightline_store_recoveries_total', 'Times the store wrote again after failing', (s) => s.store.recoveries)
  gauge('sightline_outbox_pending', 'Alerts waiting for delivery', (s) => s.outbox?.pending ?? 0)
  gauge('sightline_outbox_dead', 'Alerts given up on after the last attempt (dead letters)', (s) => s.outbox?.dead ?? 0)
  gauge('sightline_outbox_oldest_pending_age_seconds', 'Age of the oldest pending alert', (s) =>
    s.outbox?.oldestPendingAt == null ? 0 : Math.max(0, (Date.now() - s.outbox.oldestPendingAt) / 1000),
  )
  counter('sightline_outbox_delivered_total', 'Alerts delivered since start', (s) => s.outbox?.delivered ?? 0)
  counter('sightline_outbox_failed_attempts_total', 'Failed alert delivery attempts since start', (s) => s.outbox?.failedAttempts ?? 0)
  gauge('sightline_libp2p_connections', 'Open libp2p connections', (s) => s.connections)
  gauge('sightline_peers_connected', 'Members connected', (s) => s.connectedPeers)
  gauge('sightline_members', 'Members on the roster', (s) => s.members)
  labelled('gauge', 'sightline_indicators', 'Indicators held, by type and TLP', ['type', 'tlp'], (s) =>
    Object.entries(s.indicators).flatMap(([type, byTlp]) =>
      Object.entries(byTlp).map(([tlp, n]) => [{ type, tlp }, n] as [{ type: string; tlp: string }, number]),
    ),
  )
  labelled(
    'counter',
    'sightline_refused_total',
    'Everything refused, by path (gossip, sync, streams, api) and reason',
    ['path', 'reason'],
    (s) =>
      Object.entries(s.refused).flatMap(([path, byReason]) =>
        Object.entries(byReason).map(([reason, n]) => [{ path, reason }, n] as [{ path: string; reason: string }, number]),
      ),
  )
  labelled('counter', 'sightline_sent_bytes_total', 'Application bytes sent, by protocol or topic', ['protocol'], (s) =>
    Object.entries(s.sent).map(([protocol, c]) => [{ protocol }, c.bytes]),
  )
  labelled('counter', 'sightline_sent_messages_total', 'Application messages sent, by protocol or topic', ['protocol'], (s) =>
    Object.entries(s.sent).map(([protocol, c]) => [{ protocol }, c.messages]),
  )
}
