import type { Tlp } from '../indicators/tlp.ts'
import type { AlertsConfig } from './alert-options.ts'
import { type AlertPolicy, DEFAULT_ALERT_POLICY, type SourceKindRules } from './source-kinds.ts'

/** Node settings with their defaults; the CLI's flag defaults come from here too. */
export interface NodeConfig {
  /** Data directory: key, token, config and database. */
  dataDir: string
  /** TLP given to imported rows that carry none. Amber: protected unless said otherwise. */
  defaultTlp: Tlp
  /** Extra warninglist files (one value per line), besides `<dataDir>/warninglists/*.txt`. */
  warninglists: string[]
  /** Community name: part of every topic and of the OPRF key derivation. */
  community: string
  /** libp2p listen addresses; empty: TCP on 127.0.0.1 with a port chosen at first start and kept. */
  listen: string[]
  /** Addresses other members should dial (NAT, a public name); empty: the listen addresses. */
  announce: string[]
  /** Members to dial at start (retried with backoff until reached once). */
  bootstrap: string[]
  /** Find members on the local network by mDNS (labs). */
  mdns: boolean
  /** Swarm key file of a libp2p private network (pnet); unset: no private network. */
  pnetKey?: string | undefined
  /** Admin keys (as peer ids) whose signed rosters this node accepts. */
  rosterAdmins: string[]
  /** The local HTTP API (REST, TAXII 2.1, metrics, status page). */
  api: ApiConfig
  /**
   * Context-only indicators (MISP `to_ids: false`) enter PSI too. Default false, like MISP's own
   * IDS flag: they are kept, listed and exported, and never alerted on either way.
   */
  contextInPsi: boolean
  /**
   * Sighting windows (ms), a community setting every member must share: what we sighted within
   * each is compared as its own lists. Config `sightingWindows: ["24h", "7d", "30d"]` (1 to 4).
   */
  sightingWindowsMs: number[]
  /** Config `sourceKinds`: source name or `*` pattern -> public, community or internal (source-kinds.ts). */
  sourceKinds: SourceKindRules
  /** Config `alertPolicy`: the alert level by source kind and for sightings (source-kinds.ts). */
  alertPolicy: AlertPolicy
  /** Where alerts of new matches go (webhooks, NDJSON file, CEF over syslog); unset: no alerts. */
  alerts?: AlertsConfig | undefined
  /** Config `meshDegree`: stay connected to this many members (mesh.ts), the rest on demand; unset: all. */
  meshDegree?: number | undefined
  /** Config `psiConcurrency`: pair runs at once (default 4). */
  psiConcurrency?: number | undefined
}

export interface ApiConfig {
  /** Address to bind. Anything but loopback needs TLS (`tlsCert` + `tlsKey`) or `insecureBind`. */
  host: string
  /** Port; 0: any free port, chosen at the first start and kept in `<dataDir>/config.json` (also in `api.json`). */
  port: number
  /** PEM certificate chain and private key files: the API then speaks HTTPS. */
  tlsCert?: string | undefined
  tlsKey?: string | undefined
  /** Allow plain HTTP on a non-loopback address (the token then crosses the network in clear). */
  insecureBind: boolean
  /**
   * Host names clients use to reach the API, besides loopback names and `host`: any other Host
   * header is refused with 421 (a DNS-rebound web page cannot reach the API).
   */
  allowedHosts?: string[] | undefined
}

export const DEFAULT_CONFIG: NodeConfig = {
  dataDir: '.sightline',
  defaultTlp: 'amber',
  warninglists: [],
  community: 'default',
  listen: [],
  announce: [],
  bootstrap: [],
  mdns: false,
  rosterAdmins: [],
  contextInPsi: false,
  sightingWindowsMs: [7 * 24 * 3600 * 1000],
  sourceKinds: {},
  alertPolicy: DEFAULT_ALERT_POLICY,
  api: { host: '127.0.0.1', port: 0, insecureBind: false },
}

/** Files inside the data directory. */
export const DATA_FILES = {
  identity: 'identity.key',
  psiSeed: 'psi.seed',
  apiToken: 'api-token',
  /** Written by a running node: where its control API listens. */
  apiEndpoint: 'api.json',
  config: 'config.json',
  database: 'db',
  warninglists: 'warninglists',
} as const
