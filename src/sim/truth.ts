import { normalize } from '../indicators/normalize.ts'
import type { Tlp } from '../indicators/tlp.ts'
import { inWindow, type Plan, type PlannedItem } from './plan.ts'

/** What the members should learn of one kind of match (`holds` or `sighted`), by the seed alone. */
export interface KindTruth {
  /** `node|peer|value` -> ms from the start at which the match became possible. */
  pairs: Map<string, number>
  /** Those honest members online at the end should find (recall is measured on these). */
  expected: Set<string>
  /** Expected RED overlap per ordered pair `node|peer`. */
  red: Map<string, number>
}

export interface Truth extends KindTruth {
  /** Matches on values both members sighted within the window (their sighted lists). */
  sighted: KindTruth
  /** TLP of every planted value (canonical). */
  tlpOf: Map<string, Tlp>
}

/** A match's key in the ground truth and in the results: `node|peer|value`. */
export function pairKey(node: number, peer: number, value: string): string {
  return `${node}|${peer}|${value}`
}

function emptyKind(): KindTruth {
  return { pairs: new Map(), expected: new Set(), red: new Map() }
}

/** Adds every ordered pair of `holders` (indices into item.holders) to `kind`. */
function addPairs(kind: KindTruth, plan: Plan, item: PlannedItem, value: string, holders: number[]): void {
  for (const a of holders) {
    for (const b of holders) {
      const i = item.holders[a] as number
      const j = item.holders[b] as number
      if (i === j) continue
      if (item.tlp === 'red') {
        kind.red.set(`${i}|${j}`, (kind.red.get(`${i}|${j}`) ?? 0) + 1)
        continue
      }
      const key = pairKey(i, j, value)
      kind.pairs.set(key, Math.max(item.at[a] ?? 0, item.at[b] ?? 0, plan.joinAt[i] ?? 0, plan.joinAt[j] ?? 0))
      const stays = plan.leaveAt[i] === undefined && plan.leaveAt[j] === undefined
      if (stays && !plan.adversaries.malicious.includes(i)) kind.expected.add(key)
    }
  }
}

/**
 * Ground truth under the node's TLP policy (src/node/match-engine.ts): CLEAR, GREEN, AMBER and
 * AMBER+STRICT are matched per item, RED only counted, warninglisted values never; every pair of
 * members runs PSI, whether or not they share a mesh link. `holds`: both hold the value;
 * `sighted`: both sighted it within the window (sightings outside it count for nothing).
 */
export function groundTruth(plan: Plan): Truth {
  const holds = emptyKind()
  const sighted = emptyKind()
  const tlpOf = new Map<string, Tlp>()
  for (const item of plan.items) {
    if (item.warninglisted) continue
    const value = normalize(item.value, item.type).value
    tlpOf.set(value, item.tlp)
    addPairs(
      holds,
      plan,
      item,
      value,
      item.holders.map((_, k) => k),
    )
    const sighters = item.holders.flatMap((_, k) => (inWindow(item.sightedAgoMs?.[k]) ? [k] : []))
    addPairs(sighted, plan, item, value, sighters)
  }
  return { ...holds, sighted, tlpOf }
}
