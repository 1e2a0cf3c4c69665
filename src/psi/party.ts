import type { OprfEngine } from '../crypto/engine.ts'
import type { Oprf } from '../crypto/oprf.ts'
import { PsiClient } from './client.ts'
import { EpochKeys } from './keys.ts'
import { type Digest, decode, encode, Mode } from './messages.ts'
import type { PsiOptions } from './options.ts'
import { PsiServer } from './server.ts'

/** One member's PSI state: its server (digest, evaluations) and its client (queries to peers). */
export class PsiParty {
  readonly name: string
  readonly server: PsiServer
  readonly client: PsiClient

  constructor(name: string, seed: Uint8Array, options: PsiOptions, components: { engine: OprfEngine; oprf: Oprf }) {
    this.name = name
    this.server = new PsiServer(options, { engine: components.engine, keys: new EpochKeys(components.oprf, seed, options.community) })
    this.client = new PsiClient(options, components)
  }
}

export interface MutualResult {
  /** Indices into a's items that b holds, and the reverse. */
  aMatched: number[]
  bMatched: number[]
  /** Digests, requests and responses, both directions, as encoded on the wire. */
  bytes: number
}

/**
 * Mutual PSI in one process, as two nodes would run it: both publish digests of one epoch, and
 * each acts as server once for the other's query, so both learn the intersection over their own
 * items. Messages go through their protobuf encoding so that sizes are real.
 */
export async function mutualPsi(
  a: { party: PsiParty; items: readonly Uint8Array[] },
  b: { party: PsiParty; items: readonly Uint8Array[] },
  epoch: number,
  signal?: AbortSignal,
): Promise<MutualResult> {
  let bytes = 0
  const wire = (digest: Digest): Digest => {
    const encoded = encode('Digest', digest)
    bytes += encoded.length
    return decode('Digest', encoded, 64 * 1024 * 1024)
  }
  const [aDigest, bDigest] = await Promise.all([
    a.party.server.buildDigest(epoch, Mode.Oprf, a.items).then(wire),
    b.party.server.buildDigest(epoch, Mode.Oprf, b.items).then(wire),
  ])
  a.party.client.acceptDigest(b.party.name, bDigest)
  b.party.client.acceptDigest(a.party.name, aDigest)
  a.party.server.notePeerDigest(b.party.name, bDigest)
  b.party.server.notePeerDigest(a.party.name, aDigest)
  const via = (server: PsiServer, peer: string) => async (request: Parameters<PsiServer['evaluate']>[1]) => {
    const req = decode('EvaluateRequest', encode('EvaluateRequest', request), 1 << 20)
    const response = await server.evaluate(peer, req, signal)
    const encoded = encode('EvaluateResponse', response)
    bytes += encoded.length + encode('EvaluateRequest', request).length
    return decode('EvaluateResponse', encoded, 1 << 20)
  }
  const [aResult, bResult] = await Promise.all([
    a.party.client.query(b.party.name, epoch, a.items, via(b.party.server, a.party.name), signal),
    b.party.client.query(a.party.name, epoch, b.items, via(a.party.server, b.party.name), signal),
  ])
  return { aMatched: aResult.matched, bMatched: bResult.matched, bytes }
}
