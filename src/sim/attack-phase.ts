import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../psi/options.ts'
import { Adversary, ATTACK_KINDS, type AttackCounts, dialAsNonMember, noAttacks } from './adversary.ts'
import { COMMUNITY, type Community } from './community.ts'
import { sleep } from './pacing.ts'
import type { Plan } from './plan.ts'
import type { Scenario } from './scenario.ts'

const SETTLE_MS = 1500

export interface AttackOutcome {
  attempts: AttackCounts
  /** Honest rejections by reason added while the adversaries acted. */
  rejected: Record<string, number>
}

/**
 * The adversaries act on a settled community (replays then meet committed sequence numbers):
 * forged signatures, replays, oversize announcements and query floods from malicious members,
 * then the non-member dialing in. What the honest members count meanwhile accounts for them.
 */
export async function runAttacks(
  scenario: Scenario,
  plan: Plan,
  community: Community,
  policy: Partial<PsiOptions>,
  signal?: AbortSignal,
): Promise<AttackOutcome> {
  const attempts = noAttacks()
  const a = scenario.adversaries
  if (plan.adversaries.malicious.length === 0 && a.nonMemberJoins === 0) return { attempts, rejected: {} }
  const before = community.honestRejected()
  const adversaries: Adversary[] = []
  const peerOf = (j: number) => community.member(j)?.peerId ?? ''
  for (const index of plan.adversaries.malicious) {
    const local = community.member(index)?.node?.local
    if (local === undefined) continue
    const adversary = new Adversary(local, { ...DEFAULT_PSI_OPTIONS, ...policy, community: COMMUNITY })
    adversaries.push(adversary)
    for (const j of plan.adversaries.forgedIssuers.get(index) ?? []) await adversary.forgeSignature(peerOf(j))
    for (const j of plan.adversaries.replayVictims.get(index) ?? []) await adversary.replay(peerOf(j))
    for (let k = 0; k < a.oversizeDigests; k++) await adversary.oversizeDigest()
    for (const j of plan.adversaries.floodTargets.get(index) ?? []) await adversary.floodQueries(peerOf(j))
    community.sample()
  }
  const outsider = await community.startOutsider()
  const local = outsider?.local
  if (local !== undefined) {
    for (const j of plan.adversaries.nonMemberTargets) {
      const address = community.member(j)?.node?.address
      if (address !== undefined) await dialAsNonMember(local, address, attempts)
    }
  }
  for (const adversary of adversaries) for (const kind of ATTACK_KINDS) attempts[kind] += adversary.attempts[kind]
  await sleep(SETTLE_MS, signal)
  community.sample()
  const after = community.honestRejected()
  const rejected = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]))
  return { attempts, rejected }
}
