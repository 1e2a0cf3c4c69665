/** Stream protocol ids: `/sightline/<name>/<semver>` (DESIGN section 6). */
export const PROTOCOLS = {
  /** A member's published list by hash. */
  list: '/sightline/list/2.0.0',
  /** Our tags of a member's list (or of its ad-hoc question). */
  raise: '/sightline/raise/2.0.0',
  sync: '/sightline/sync/2.0.0',
  addresses: '/sightline/addresses/1.0.0',
} as const

/** Gossip topic of a community: `/sightline/<community>/<name>/1`. */
export function topic(community: string, name: 'digest' | 'feed' | 'roster'): string {
  return `/sightline/${community}/${name}/1`
}

export interface NetworkOptions {
  /** Listen addresses (default TCP on 127.0.0.1, port chosen by the OS). */
  listen: string[]
  /** Addresses others should dial us at (NAT, a public name); empty: the listen addresses. */
  announce: string[]
  /** Members to dial at start (by the node's Redialer, until reached once). */
  bootstrap: string[]
  /** Largest stream message accepted (a request of 4096 elements is 128 KiB). */
  maxMessageBytes: number
  /** Largest gossip message accepted and published (gossipsub itself drops over 4 MiB silently). */
  maxGossipBytes: number
  /** Timeout of one request/response exchange. */
  requestTimeoutMs: number
  /** Concurrent inbound streams per protocol. */
  maxInboundStreams: number
  /** Digests up to this size travel inside announcements; larger ones are fetched by hash. */
  inlineDigestBytes: number
  /** Allowed clock difference on gossip timestamps. */
  maxSkewMs: number
  /** Find members on the local network by mDNS (labs; off by default). */
  mdns: boolean
  /** libp2p private network: the swarm key file's bytes; peers without the same key cannot connect. */
  psk?: Uint8Array
  /**
   * `tcp` (default: TCP and WebSockets) or `memory`: in-process streams between nodes of one
   * process, listening on `/memory/<name>` (simulations).
   */
  transport?: 'tcp' | 'memory'
}

export const DEFAULT_NETWORK_OPTIONS: NetworkOptions = {
  listen: ['/ip4/127.0.0.1/tcp/0'],
  announce: [],
  bootstrap: [],
  maxMessageBytes: 8 * 1024 * 1024,
  maxGossipBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  maxInboundStreams: 16,
  maxSkewMs: 5 * 60_000,
  inlineDigestBytes: 256 * 1024,
  mdns: false,
}
