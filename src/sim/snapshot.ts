import type { SightlineNode } from '../node/node.ts'
import type { OpCounts } from './cost-model.ts'

/** What a node had done and counted when it left or the run ended. */
export interface Snapshot {
  matches: { peer: string; value: string }[]
  bytes: number
  messages: number
  rejected: Record<string, number>
  quotaRefusals: number
  redCounts: Map<string, number>
  errors: number
  errorSamples: string[]
  /** OPRF operations by kind (elements) and the CPU ms measured inside them. */
  counts: OpCounts
  cpuMs: number
  /** CPU of the node's own process (transport `tcp` only). */
  processCpuMs?: number
}

/** Rejections by reason: gossip validators, the OPRF quota and the roster gater. */
export function rejectedOf(node: SightlineNode): Record<string, number> {
  const out: Record<string, number> = {}
  const m = node.member
  if (m === undefined) return out
  for (const [reason, n] of Object.entries(m.service.stats.gossipRejected)) out[`gossip:${reason}`] = n
  if (m.service.quotaRefusals > 0) out['psi:QuotaExceeded'] = m.service.quotaRefusals
  for (const [stage, n] of Object.entries(m.network.gaterRefusals)) out[`gater:${stage}`] = n
  return out
}

export async function snapshot(node: SightlineNode, counts: OpCounts, cpuMs: number): Promise<Snapshot> {
  const m = node.member
  let bytes = 0
  let messages = 0
  for (const counter of m?.sent.values() ?? []) {
    bytes += counter.bytes
    messages += counter.messages
  }
  return {
    matches: (await node.store.matches.all()).map((r) => ({ peer: r.peer, value: r.value })),
    bytes,
    messages,
    rejected: rejectedOf(node),
    quotaRefusals: m?.service.quotaRefusals ?? 0,
    redCounts: m?.engine.redCounts() ?? new Map(),
    errors: m?.service.stats.errors.length ?? 0,
    errorSamples: [...new Set(m?.service.stats.errors ?? [])].slice(-5),
    counts: { ...counts },
    cpuMs,
  }
}
