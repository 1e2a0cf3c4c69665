import type { Member } from './community.ts'
import type { Plan } from './plan.ts'
import type { KindTruth, Truth } from './truth.ts'

export function addInto(total: Record<string, number>, part: Record<string, number>): void {
  for (const [k, v] of Object.entries(part)) total[k] = (total[k] ?? 0) + v
}

/** Honest members' rejections by reason (for those that left: as they left). */
export function honestRejected(members: readonly Member[]): Record<string, number> {
  const total: Record<string, number> = {}
  for (const m of members) {
    if (m.role !== 'honest') continue
    if (m.final !== undefined) addInto(total, m.final.rejected)
    else if (m.node !== undefined) addInto(total, m.node.rejected())
  }
  return total
}

function countFound(members: readonly Member[], expected: Set<string>, foundOf: (m: Member) => Map<string, number>): number {
  let n = 0
  for (const key of expected) {
    const [i, j, value] = key.split('|') as [string, string, string]
    const m = members[Number(i)]
    if (m !== undefined && foundOf(m).has(`${j}|${value}`)) n++
  }
  return n
}

/** Expected matches recorded so far: held by both, and sighted by both within the window. */
export function foundExpected(members: readonly Member[], truth: Truth): number {
  return countFound(members, truth.expected, (m) => m.found) + countFound(members, truth.sighted.expected, (m) => m.sightedFound)
}

/** Expected matches in all (what convergence waits for). */
export function expectedCount(truth: Truth): number {
  return truth.expected.size + truth.sighted.expected.size
}

function countsMatch(m: Member, members: readonly Member[], plan: Plan, red: KindTruth['red'], counts: Map<string, number>): boolean {
  for (const peer of members) {
    const j = peer.index
    if (j === m.index || peer.leftAt !== undefined || plan.leaveAt[j] !== undefined) continue
    if ((counts.get(peer.peerId) ?? 0) !== (red.get(`${m.index}|${j}`) ?? 0)) return false
  }
  return true
}

/** Every honest member online counts every other staying member's RED overlap (holds and sighted) as the truth says. */
export function redDone(members: readonly Member[], plan: Plan, truth: Truth): boolean {
  for (const m of members) {
    if (m.role !== 'honest' || m.node === undefined || m.leftAt !== undefined) continue
    if (!countsMatch(m, members, plan, truth.red, m.node.redCounts())) return false
    if (!countsMatch(m, members, plan, truth.sighted.red, m.node.redSighted())) return false
  }
  return true
}
