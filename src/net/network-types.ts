import type { ConnectionEncrypter, PrivateKey } from '@libp2p/interface'

export type RequestHandler = (peer: string, request: Uint8Array, signal: AbortSignal) => Promise<Uint8Array>
export type GossipValidator = (peer: string, data: Uint8Array) => Promise<'accept' | 'reject' | 'ignore'>

export interface NetworkComponents {
  privateKey: PrivateKey
  /** The roster: only these peers may connect, in either direction. */
  isMember: (peerId: string) => boolean
  /** Every application payload we send, before encryption (wire audit). */
  onSend?: (peer: string, protocol: string, bytes: Uint8Array) => void
  /**
   * Dials a member that request() finds unconnected (PSI with every member, not only the connected
   * ones); absent, such a request fails at once (simulations, whose links the simulator drives).
   */
  dialOnDemand?: (peerId: string, signal: AbortSignal) => Promise<void>
  /** Members whose connections run identify, and so gossipsub (the mesh); others carry PSI streams only. Default: all. */
  gossipWith?: (peerId: string) => boolean
  /** A MODEL in place of noise (src/sim/modeled-encrypter.ts; simulations on the memory transport only). */
  encrypter?: (privateKey: PrivateKey) => ConnectionEncrypter
}

/** What identify told us about a peer: its signed peer record (if sent) and its listen addresses. */
export interface IdentifiedPeer {
  peer: string
  /** The marshaled RecordEnvelope, already verified by libp2p's identify. */
  peerRecord: Uint8Array | undefined
  listenAddresses: string[]
}
