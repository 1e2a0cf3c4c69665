import type { SightlineNode } from '../node/node.ts'
import type { MemberReadModel, MemberSnapshot } from '../node/read-model.ts'
import type { OpCounts } from './cost-model.ts'

/** What a node had done and counted when it left or the run ended. */
export interface Snapshot {
  /** The node's match records: whether the member holds the value, the windows it sighted it in, our TLP of it. */
  matches: { peer: string; value: string; tlp: string; holds: boolean; sighted: string[] }[]
  bytes: number
  messages: number
  rejected: Record<string, number>
  /** Lists and questions of members this node refused to raise over their budget (both modes). */
  budgetRefusals: number
  redCounts: Map<string, number>
  /** RED counts of the sighted lists by member (every window summed; a simulated member has one). */
  redSighted: Map<string, number>
  errors: number
  errorSamples: string[]
  /** DH-PSI operations by kind (elements) and the CPU ms measured inside them. */
  counts: OpCounts
  cpuMs: number
  /** Connections the node closed after they sat idle. */
  idleClosed: number
  /** CPU of the node's own process (transport `tcp` only). */
  processCpuMs?: number
}

/** The read-model of a simulated node, which is always a member. */
function modelOf(node: SightlineNode): MemberReadModel {
  if (node.model === undefined) throw new Error('a simulated node must be a member')
  return node.model
}

/** Budget refusals in a member snapshot, both modes. */
function budgetRefusals(s: MemberSnapshot): number {
  return s.budgetRefusals.items + s.budgetRefusals.count
}

/**
 * Rejections by reason: `gossip:<Error>` from the topic validators (envelope checks),
 * `digest:<code>` for announcements that opened but were refused (PsiError codes, e.g.
 * `too_large`), `psi:BudgetExceeded` for lists and questions refused over a member's budget, and
 * `gater:<stage>` from the roster gater.
 */
export function rejectedOf(node: SightlineNode): Record<string, number> {
  return rejectedIn(modelOf(node).snapshot())
}

function rejectedIn(s: MemberSnapshot): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [reason, n] of Object.entries(s.gossipRejected)) out[`gossip:${reason}`] = n
  for (const [code, n] of Object.entries(s.digestsRefused)) out[`digest:${code}`] = n
  const budget = budgetRefusals(s)
  if (budget > 0) out['psi:BudgetExceeded'] = budget
  for (const [stage, n] of Object.entries(s.gaterRefusals)) out[`gater:${stage}`] = n
  return out
}

/** RED counts of a node's sighted lists by member, every window summed. */
export function redSightedOf(node: SightlineNode): Map<string, number> {
  return redSightedIn(modelOf(node).snapshot())
}

function redSightedIn(s: MemberSnapshot): Map<string, number> {
  const out = new Map<string, number>()
  for (const { peer, list, count } of s.redCountsByList) if (list !== 'holds') out.set(peer, (out.get(peer) ?? 0) + count)
  return out
}

/**
 * Waits until the node has no PSI work running or queued and no retry pending with an `online`
 * member (or `maxMs` passed). Not MemberReadModel.idle(): that also waits for the retries with
 * members that left, which the exchange's work queue never gives up, so it would never resolve.
 */
export async function quiesce(node: SightlineNode, online: readonly string[], maxMs = 60_000): Promise<void> {
  const model = modelOf(node)
  const deadline = Date.now() + maxMs
  for (;;) {
    // A run that timed out may leave a long queue: its books close at the deadline regardless.
    let timer: NodeJS.Timeout | undefined
    const left = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))
    })
    await Promise.race([model.settled(), left])
    clearTimeout(timer)
    const retrying = online.some((peer) => peer !== node.peerId && model.retryPending(peer))
    if (!retrying || Date.now() > deadline) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function snapshot(node: SightlineNode, counts: OpCounts, cpuMs: number): Promise<Snapshot> {
  const s = modelOf(node).snapshot()
  let bytes = 0
  let messages = 0
  for (const counter of Object.values(s.sent)) {
    bytes += counter.bytes
    messages += counter.messages
  }
  return {
    matches: (await node.store.matches.all()).map((r) => ({
      peer: r.peer,
      value: r.value,
      tlp: r.tlp,
      holds: r.holds,
      sighted: Object.keys(r.sighted),
    })),
    bytes,
    messages,
    rejected: rejectedIn(s),
    budgetRefusals: budgetRefusals(s),
    redCounts: s.redCounts,
    redSighted: redSightedIn(s),
    errors: s.errors.length,
    errorSamples: [...new Set(s.errors)].slice(-5),
    counts: { ...counts },
    cpuMs,
    idleClosed: s.idleClosed,
  }
}
