import { ALL_MODES, isCountMode, type Mode, windowOf } from './enums.ts'

/** One mode's element budget per member and epoch: min(cap, max(floor, multiple x our own list size)). */
export interface BudgetRule {
  multiple: number
  floor: number
  cap: number
}

/** PSI settings with their defaults (DESIGN section 5). Each limit is defined here once. */
export interface PsiOptions {
  /** Community name: part of the scalar derivation and of the hash-to-curve domain. */
  community: string
  /**
   * Elements we raise for one member per epoch and mode, summed over every list and delta it
   * publishes (republishing never resets it). Per item (AMBER class) and count (RED).
   */
  budget: Record<Mode, BudgetRule>
  /**
   * Sighting windows (ms), a community setting: window w is published as its own lists (modes
   * 2 + 2w and 3 + 2w) holding what we sighted within it. Every member must configure the same.
   */
  sightingWindowsMs: number[]
  /** Largest list (base or delta) accepted from a member, in points. */
  maxListPoints: number
  /**
   * Deltas one member may publish per epoch, mode and generation. A sender folds its deltas into
   * a new base list before it reaches this, so a receiver never refuses an honest member's delta.
   */
  maxDeltas: number
  /** Smallest padded list: a list of fewer items is padded up to this many points. */
  minListPoints: number
}

const HOLDS_ITEMS: BudgetRule = { multiple: 4, floor: 1 << 18, cap: 1 << 23 }
const HOLDS_COUNT: BudgetRule = { multiple: 2, floor: 1 << 12, cap: 1 << 16 }
// Sighted lists are short (what one organization saw in days): smaller floors and caps, so a
// member probing what we sighted gets far fewer membership tests than against what we hold.
const SIGHTED_ITEMS: BudgetRule = { multiple: 4, floor: 1 << 16, cap: 1 << 21 }
const SIGHTED_COUNT: BudgetRule = { multiple: 2, floor: 1 << 10, cap: 1 << 14 }

/**
 * Default budgets per mode. A member may have 4x our own list raised (its list, a rebuild,
 * deltas), never fewer than 2^18 (a small member still matches a large one) and never more than
 * 2^23 per epoch, far below the 2^32 IPv4 space. Every RED element raised is a possible
 * membership test against a member using a scalar per element (SECURITY.md): far smaller.
 */
export function defaultBudgets(): Record<Mode, BudgetRule> {
  const rule = (mode: Mode): BudgetRule =>
    windowOf(mode) === undefined ? (isCountMode(mode) ? HOLDS_COUNT : HOLDS_ITEMS) : isCountMode(mode) ? SIGHTED_COUNT : SIGHTED_ITEMS
  return Object.fromEntries(ALL_MODES.map((mode) => [mode, { ...rule(mode) }])) as Record<Mode, BudgetRule>
}

export const DAY_MS = 24 * 3600 * 1000

export const DEFAULT_PSI_OPTIONS: PsiOptions = {
  community: 'default',
  budget: defaultBudgets(),
  sightingWindowsMs: [7 * DAY_MS],
  maxListPoints: 1 << 23,
  maxDeltas: 4096,
  minListPoints: 16,
}

/**
 * The padded size of a list of `n` items: rounded up to 4 significant bits (at most 1/8 of
 * overhead), never below `min`. Only this bucket leaves the node, never the exact count.
 */
export function paddedSize(n: number, min: number): number {
  if (n <= min) return min
  const shift = Math.max(0, Math.floor(Math.log2(n)) + 1 - 4)
  const unit = 2 ** shift
  return Math.ceil(n / unit) * unit
}

export function budgetLimit(rule: BudgetRule, ownListSize: number): number {
  return Math.min(rule.cap, Math.max(rule.floor, rule.multiple * ownListSize))
}
