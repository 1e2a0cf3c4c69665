import type { Tlp } from '../indicators/tlp.ts'
import type { Member } from './community.ts'
import type { CountQuality, ItemQuality, KindQuality } from './result-types.ts'
import { type KindTruth, pairKey } from './truth.ts'

/** `holds`: the member holds the value; `sighted`: it sighted it within the window. */
export type MatchKind = 'holds' | 'sighted'

interface Tally {
  expected: number
  found: number
  truePositives: number
  expectedFound: number
}

/** One member's records of one kind against the ground truth. */
export interface KindScore extends Tally {
  /** Its distinct records of this kind: `node|peer|value` -> peer and value. */
  records: Map<string, { peer: number; value: string }>
  /** Run time of its first true match and of its last expected one (ms). */
  first: number | null
  last: number
  /** From possible to recorded, per expected match found (ms). */
  latencies: number[]
  byTlp: Map<string, Tally>
}

function tally(): Tally {
  return { expected: 0, found: 0, truePositives: 0, expectedFound: 0 }
}

/**
 * Scores what member `m` recorded (its final snapshot) of one kind: a record counts as `holds`
 * when it says the member holds the value, as `sighted` when it names a sighting window. TLP of a
 * record is our own record's; TLP of an expected match the planted item's.
 */
export function scoreKind(
  m: Member,
  kind: MatchKind,
  truth: KindTruth,
  tlpOf: ReadonlyMap<string, Tlp>,
  indexOf: ReadonlyMap<string, number>,
): KindScore {
  const foundAt = kind === 'holds' ? m.found : m.sightedFound
  const score: KindScore = { ...tally(), records: new Map(), first: null, last: 0, latencies: [], byTlp: new Map() }
  const at = (tlp: string) => score.byTlp.get(tlp) ?? (score.byTlp.set(tlp, tally()).get(tlp) as Tally)
  for (const r of m.final?.matches ?? []) {
    if (kind === 'holds' ? !r.holds : r.sighted.length === 0) continue
    const peer = indexOf.get(r.peer) ?? -1
    const key = pairKey(m.index, peer, r.value)
    if (score.records.has(key)) continue
    score.records.set(key, { peer, value: r.value })
    score.found++
    at(r.tlp).found++
    if (!truth.pairs.has(key)) continue
    score.truePositives++
    at(r.tlp).truePositives++
    const when = foundAt.get(`${peer}|${r.value}`)
    if (when !== undefined) score.first = score.first === null ? when : Math.min(score.first, when)
  }
  for (const key of truth.expected) {
    if (!key.startsWith(`${m.index}|`)) continue
    const [, j, value] = key.split('|') as [string, string, string]
    const tlp = tlpOf.get(value) ?? 'amber'
    score.expected++
    at(tlp).expected++
    const when = foundAt.get(`${j}|${value}`)
    if (when === undefined || !score.records.has(key)) continue
    score.expectedFound++
    at(tlp).expectedFound++
    score.last = Math.max(score.last, when)
    score.latencies.push(Math.max(0, when - (truth.pairs.get(key) ?? 0)))
  }
  return score
}

function quality(t: Tally): ItemQuality {
  return {
    ...t,
    precision: t.found === 0 ? 1 : t.truePositives / t.found,
    recall: t.expected === 0 ? 1 : t.expectedFound / t.expected,
  }
}

/** The honest members' scores of one kind summed, per TLP, with RED's counts. */
export function kindQuality(scores: readonly KindScore[], red: CountQuality): KindQuality {
  const total = tally()
  const byTlp = new Map<string, Tally>()
  for (const s of scores) {
    for (const k of ['expected', 'found', 'truePositives', 'expectedFound'] as const) total[k] += s[k]
    for (const [tlp, t] of s.byTlp) {
      const sum = byTlp.get(tlp) ?? tally()
      for (const k of ['expected', 'found', 'truePositives', 'expectedFound'] as const) sum[k] += t[k]
      byTlp.set(tlp, sum)
    }
  }
  const out: KindQuality['byTlp'] = {}
  for (const [tlp, t] of [...byTlp].sort(([a], [b]) => (a < b ? -1 : 1))) if (tlp !== 'red') out[tlp as Exclude<Tlp, 'red'>] = quality(t)
  if (red.expected > 0 || red.counted > 0) out.red = red
  return { ...quality(total), byTlp: out }
}
