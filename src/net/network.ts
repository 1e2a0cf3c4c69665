import '../polyfill.ts'
import { type gossipsub, TopicValidatorResult } from '@libp2p/gossipsub'
import type { Connection, IdentifyResult, PeerId, Stream } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'
import { forComponent } from '../logger.ts'
import { type Deadline, deadline } from './deadline.ts'
import { libp2pOptions } from './libp2p-config.ts'
import { LinkClosedError, linkErrorOf } from './link-errors.ts'
import type { GossipValidator, IdentifiedPeer, NetworkComponents, RequestHandler } from './network-types.ts'
import type { NetworkOptions } from './options.ts'
import { listenFailure } from './port-errors.ts'

const log = forComponent('sightline:net')

export type { GossipValidator, IdentifiedPeer, NetworkComponents, RequestHandler } from './network-types.ts'

/**
 * The libp2p node of DESIGN section 6: TCP, noise, yamux, identify, ping, gossipsub, and a
 * connection gater that refuses every peer not on the roster. Offers request/response over
 * length-prefixed streams and validated gossip; knows nothing of PSI.
 */
export class Network {
  readonly #options: NetworkOptions
  readonly #c: NetworkComponents
  #node: Libp2p<{ pubsub: ReturnType<ReturnType<typeof gossipsub>> }> | undefined
  readonly #handlers = new Map<string, RequestHandler>()
  readonly #gossip = new Map<string, { validate: GossipValidator; deliver: (peer: string, data: Uint8Array) => void }>()
  readonly #onConnect: ((peer: string) => void)[] = []
  readonly #onDisconnect: ((peer: string) => void)[] = []
  readonly #onIdentify: ((peer: IdentifiedPeer) => void)[] = []
  /** Connections the roster gater refused, by stage (`dial`, `inbound`, `outbound`). */
  readonly gaterRefusals: Record<string, number> = {}
  /** Per peer: request/response exchanges open now and when the last one ended (for idle closing). */
  readonly #activity = new Map<string, { open: number; last: number }>()
  /** Members the gater treats as unreachable (a simulated partition); not counted as refusals. */
  #unreachable = new Set<string>()

  constructor(options: NetworkOptions, components: NetworkComponents) {
    this.#options = options
    this.#c = components
  }

  get peerId(): string {
    return this.#libp2p.peerId.toString()
  }

  get addresses(): string[] {
    return this.#libp2p.getMultiaddrs().map((a) => a.toString())
  }

  get #libp2p() {
    if (this.#node === undefined) throw new LinkClosedError('network not started')
    return this.#node
  }

  /** Registers a request handler; call before start(). */
  handle(protocol: string, handler: RequestHandler): void {
    this.#handlers.set(protocol, handler)
  }

  /** Removes a request handler (a part stopping); a running node stops serving the protocol. */
  unhandle(protocol: string): void {
    this.#handlers.delete(protocol)
    this.#node?.unhandle(protocol).catch((err: unknown) => log.debug('unhandle failed (the node is stopping)', { protocol, err }))
  }

  /** Subscribes to a topic with a validator (REJECT lowers the sender's score); call before start(). */
  subscribe(topic: string, validate: GossipValidator, deliver: (peer: string, data: Uint8Array) => void): void {
    this.#gossip.set(topic, { validate, deliver })
  }

  /** Leaves a topic (a part stopping): nothing more of it is validated or delivered. */
  unsubscribe(topic: string): void {
    this.#gossip.delete(topic)
    const pubsub = this.#node?.services.pubsub
    pubsub?.topicValidators.delete(topic)
    pubsub?.unsubscribe(topic)
  }

  onPeerConnect(listener: (peer: string) => void): void {
    this.#onConnect.push(listener)
  }

  onPeerDisconnect(listener: (peer: string) => void): void {
    this.#onDisconnect.push(listener)
  }

  onPeerIdentify(listener: (peer: IdentifiedPeer) => void): void {
    this.#onIdentify.push(listener)
  }

  async start(): Promise<void> {
    try {
      await this.#start()
    } catch (err) {
      throw await listenFailure(err, this.#options.listen)
    }
  }

  async #start(): Promise<void> {
    const { isMember } = this.#c
    const deny = (peer: PeerId, stage: string) => {
      const id = peer.toString()
      const refused = !isMember(id)
      if (refused) this.gaterRefusals[stage] = (this.gaterRefusals[stage] ?? 0) + 1
      return refused || this.#unreachable.has(id)
    }
    const node = await createLibp2p(libp2pOptions(this.#options, this.#c, deny, this.#gossip.keys()))
    this.#node = node as never
    for (const [protocol, handler] of this.#handlers) {
      await node.handle(protocol, (stream: Stream, connection: Connection) => this.#serve(protocol, handler, stream, connection), {
        maxInboundStreams: this.#options.maxInboundStreams,
        maxOutboundStreams: this.#options.maxInboundStreams,
      })
    }
    const pubsub = this.#libp2p.services.pubsub
    for (const [topic, { validate }] of this.#gossip) {
      pubsub.topicValidators.set(topic, async (peer: PeerId, message: { data: Uint8Array }) => {
        const verdict = await validate(peer.toString(), message.data)
        return verdict === 'accept'
          ? TopicValidatorResult.Accept
          : verdict === 'reject'
            ? TopicValidatorResult.Reject
            : TopicValidatorResult.Ignore
      })
      pubsub.subscribe(topic)
    }
    pubsub.addEventListener('message', (event: CustomEvent<{ topic: string; data: Uint8Array; from?: PeerId }>) => {
      const entry = this.#gossip.get(event.detail.topic)
      entry?.deliver(event.detail.from?.toString() ?? '', event.detail.data)
    })
    node.addEventListener('peer:discovery', (event: CustomEvent<{ id: PeerId }>) => {
      // mDNS finds every Sightline node on the LAN: dial only members (the gater would refuse the rest).
      if (isMember(event.detail.id.toString()))
        node.dial(event.detail.id).catch((err: unknown) => log.debug('dial of a discovered member failed', { err }))
    })
    node.addEventListener('peer:connect', (event: CustomEvent<PeerId>) => {
      for (const listener of this.#onConnect) listener(event.detail.toString())
    })
    node.addEventListener('peer:disconnect', (event: CustomEvent<PeerId>) => {
      for (const listener of this.#onDisconnect) listener(event.detail.toString())
    })
    node.addEventListener('peer:identify', (event: CustomEvent<IdentifyResult>) => void this.#identified(event.detail))
    // Identify tells gossipsub (via the registrar) a peer speaks it: short-lived PSI links skip both.
    node.addEventListener('connection:open', (event: CustomEvent<Connection>) => {
      if (this.#c.gossipWith?.(event.detail.remotePeer.toString()) === false) return
      node.services.identify.identify(event.detail).catch((err: unknown) => log.debug('identify failed', { err }))
    })
  }

  async stop(): Promise<void> {
    await this.#node?.stop()
    this.#node = undefined
  }

  async dial(address: string, signal?: AbortSignal): Promise<void> {
    await this.#libp2p.dial(multiaddr(address), { signal: signal ?? AbortSignal.timeout(this.#options.requestTimeoutMs) })
  }

  /** Dials a multiaddr and returns the peer id reached (the gater has checked it is a member). */
  async dialAddress(address: string, signal?: AbortSignal): Promise<string> {
    const connection = await this.#libp2p.dial(multiaddr(address), {
      signal: signal ?? AbortSignal.timeout(this.#options.requestTimeoutMs),
    })
    return connection.remotePeer.toString()
  }

  /** Dials a member by peer id at `addresses` plus whatever libp2p already knows of it. */
  async dialPeer(peer: string, addresses: readonly string[], signal?: AbortSignal): Promise<void> {
    const peerId = peerIdFromString(peer)
    if (addresses.length > 0) await this.#libp2p.peerStore.merge(peerId, { multiaddrs: addresses.map((a) => multiaddr(a)) })
    await this.#libp2p.dial(peerId, { signal: signal ?? AbortSignal.timeout(this.#options.requestTimeoutMs) })
  }

  /** Identify sends this record (sealed once) instead of sealing one per connection; members holding it skip re-checking it. */
  async setOwnPeerRecord(envelope: Uint8Array): Promise<void> {
    await this.#libp2p.peerStore.patch(this.#libp2p.peerId, { peerRecordEnvelope: envelope })
  }

  /** The gossipsub score of a peer (negative after invalid messages). */
  scoreOf(peer: string): number {
    // Present on the implementation, missing from the exported GossipSub interface.
    return (this.#libp2p.services.pubsub as unknown as { getScore(peer: string): number }).getScore(peer)
  }

  connectedPeers(): string[] {
    // Not getPeers(): it rebuilds each PeerId from its string, whose toString() then re-encodes base58.
    return [...new Set(this.#libp2p.getConnections().map((c) => c.remotePeer.toString()))]
  }

  isConnected(peer: string): boolean {
    return this.#node?.getConnections().some((c) => c.remotePeer.toString() === peer) ?? false
  }

  /** Open libp2p connections (a peer may have more than one), for metrics. */
  connectionCount(): number {
    return this.#libp2p.getConnections().length
  }

  /** Publishes on a topic; refuses payloads gossipsub would drop silently. */
  async publish(topic: string, data: Uint8Array): Promise<void> {
    if (data.length > this.#options.maxGossipBytes)
      throw new RangeError(`gossip message of ${data.length} bytes is over ${this.#options.maxGossipBytes}`)
    for (const peer of this.#libp2p.services.pubsub.getSubscribers(topic)) this.#c.onSend?.(peer.toString(), topic, data)
    await this.#libp2p.services.pubsub.publish(topic, data)
  }

  /**
   * One request, one response, over a new stream to `peer`; the reply may be up to `maxReplyBytes`.
   * Throws LinkClosedError when the stream or connection closed under it.
   */
  async request(
    peer: string,
    protocol: string,
    data: Uint8Array,
    signal?: AbortSignal,
    maxReplyBytes = this.#options.maxMessageBytes,
  ): Promise<Uint8Array> {
    const timeout = signal === undefined ? deadline(this.#options.requestTimeoutMs) : undefined
    const options = { signal: signal ?? (timeout as Deadline).signal }
    let peerId = this.#libp2p.getConnections().find((c) => c.remotePeer.toString() === peer)?.remotePeer
    if (peerId === undefined) {
      if (this.#c.dialOnDemand === undefined || !this.#c.isMember(peer)) throw new Error(`not connected to ${peer}`)
      await this.#c.dialOnDemand(peer, options.signal)
      peerId = peerIdFromString(peer)
    }
    const done = this.#busy(peer)
    try {
      const stream = await this.#libp2p.dialProtocol(peerId, protocol, options)
      try {
        const lp = lpStream(stream, { maxDataLength: maxReplyBytes, maxBufferSize: 2 * maxReplyBytes })
        this.#c.onSend?.(peer, protocol, data)
        await lp.write(data, options)
        const reply = await lp.read(options)
        await stream.close(options)
        return reply.subarray()
      } catch (err) {
        stream.abort(err as Error)
        throw err
      }
    } catch (err) {
      throw linkErrorOf(err)
    } finally {
      done()
      timeout?.release()
    }
  }

  /**
   * How long no request/response exchange with `peer` has run, either way (0 while one runs); a
   * peer never used counts from when its oldest open connection opened.
   */
  idleMs(peer: string, now = Date.now()): number {
    const activity = this.#activity.get(peer)
    if (activity !== undefined && activity.open > 0) return 0
    const opened = this.#libp2p
      .getConnections()
      .filter((c) => c.remotePeer.toString() === peer)
      .reduce((oldest, c) => Math.min(oldest, c.timeline.open), now)
    return now - Math.max(activity?.last ?? 0, opened)
  }

  /**
   * Members to treat as unreachable (a simulated partition): connections to them close, and the
   * gater refuses new ones both ways until the set no longer names them.
   */
  async setUnreachable(peers: Iterable<string>): Promise<void> {
    this.#unreachable = new Set(peers)
    await Promise.all([...this.#unreachable].map((peer) => this.hangUp(peer)))
  }

  /** Marks an exchange with `peer` as running; the returned function marks it done. */
  #busy(peer: string): () => void {
    const activity = this.#activity.get(peer) ?? { open: 0, last: 0 }
    activity.open++
    this.#activity.set(peer, activity)
    return () => {
      activity.open--
      activity.last = Date.now()
    }
  }

  /** Closes every connection to `peer` (simulated partitions; the peer may dial again). */
  hangUp(peer: string): Promise<void> {
    return this.#closeWhere((remote) => remote === peer)
  }

  /** Closes connections to peers that are no longer members (after a roster change). */
  enforceRoster(): Promise<void> {
    return this.#closeWhere((remote) => !this.#c.isMember(remote))
  }

  async #closeWhere(close: (remote: string) => boolean): Promise<void> {
    for (const connection of this.#libp2p.getConnections()) {
      const peer = connection.remotePeer.toString()
      if (close(peer)) await connection.close().catch((err: unknown) => log.debug('closing a connection failed', { peer, err }))
    }
  }

  async #identified(result: IdentifyResult): Promise<void> {
    let peerRecord: Uint8Array | undefined
    try {
      peerRecord = (await this.#libp2p.peerStore.get(result.peerId)).peerRecordEnvelope
    } catch (err) {
      log.debug('identified peer not in the peer store', { peer: result.peerId.toString(), err })
      // Not in the peer store (the peer left at once): the listen addresses still help.
      peerRecord = undefined
    }
    const identified = { peer: result.peerId.toString(), peerRecord, listenAddresses: result.listenAddrs.map((a) => a.toString()) }
    for (const listener of this.#onIdentify) listener(identified)
  }

  async #serve(protocol: string, handler: RequestHandler, stream: Stream, connection: Connection): Promise<void> {
    const peer = connection.remotePeer.toString()
    // The gater checked at connection time; a roster change since must take effect on every stream.
    if (!this.#c.isMember(peer)) {
      stream.abort(new Error('not a member'))
      return
    }
    const { signal, release } = deadline(this.#options.requestTimeoutMs)
    const done = this.#busy(peer)
    try {
      const lp = lpStream(stream, { maxDataLength: this.#options.maxMessageBytes, maxBufferSize: 2 * this.#options.maxMessageBytes })
      const request = await lp.read({ signal })
      const response = await handler(peer, request.subarray(), signal)
      this.#c.onSend?.(peer, protocol, response)
      await lp.write(response, { signal })
      await stream.close({ signal })
    } catch (err) {
      // The asker sees the stream reset; a handler's own failures are reported by the handler.
      log.debug('request not served', { protocol, peer, err })
      stream.abort(err as Error)
    } finally {
      release()
      done()
    }
  }
}
