import { normalize } from '../indicators/normalize.ts'
import type { Plan } from './plan.ts'

/** What the members should learn, by the seed alone. */
export interface Truth {
  /** `node|peer|value` -> ms from the start at which the match became possible. */
  pairs: Map<string, number>
  /** Those honest members online at the end should find (recall is measured on these). */
  expected: Set<string>
  /** Expected RED overlap per ordered pair `node|peer`. */
  red: Map<string, number>
}

/** A match's key in the ground truth and in the results: `node|peer|value`. */
export function pairKey(node: number, peer: number, value: string): string {
  return `${node}|${peer}|${value}`
}

/**
 * Ground truth under the node's TLP policy (src/node/match-engine.ts): CLEAR, GREEN, AMBER and
 * AMBER+STRICT are matched per item, RED only counted, warninglisted values never; every pair of
 * members runs PSI, whether or not they share a mesh link.
 */
export function groundTruth(plan: Plan): Truth {
  const pairs = new Map<string, number>()
  const expected = new Set<string>()
  const red = new Map<string, number>()
  for (const item of plan.items) {
    if (item.warninglisted) continue
    const value = normalize(item.value, item.type).value
    item.holders.forEach((i, a) => {
      item.holders.forEach((j, b) => {
        if (i === j) return
        if (item.tlp === 'red') {
          red.set(`${i}|${j}`, (red.get(`${i}|${j}`) ?? 0) + 1)
          return
        }
        const key = pairKey(i, j, value)
        const possible = Math.max(item.at[a] ?? 0, item.at[b] ?? 0, plan.joinAt[i] ?? 0, plan.joinAt[j] ?? 0)
        pairs.set(key, possible)
        const stays = plan.leaveAt[i] === undefined && plan.leaveAt[j] === undefined
        if (stays && !plan.adversaries.malicious.includes(i)) expected.add(key)
      })
    })
  }
  return { pairs, expected, red }
}
