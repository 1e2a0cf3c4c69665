import { ALL_MODES, type Mode } from './enums.ts'
import { BudgetExceededError } from './errors.ts'
import { type BudgetRule, budgetLimit } from './options.ts'

/** What one member has had raised in one epoch and mode: elements, and the lists they came in. */
export interface BudgetEntry {
  peer: string
  epoch: number
  mode: Mode
  used: number
  /** Hex hashes of the lists charged: raising the same list again is free (same tags). */
  lists: string[]
}

/**
 * Per-member element budgets per epoch and mode (DESIGN section 5): summed over every list and
 * delta the member publishes, so republishing or junk never resets it. Entries are handed to
 * `persist` on every change so that a restart does not reset them either.
 */
export class Budgets {
  readonly #rules: Record<Mode, BudgetRule>
  readonly #entries = new Map<string, BudgetEntry>()
  readonly #persist: (entry: BudgetEntry) => void
  /** Lists refused since start, by mode: each list once, however often it is asked about again. */
  readonly refusals = Object.fromEntries(ALL_MODES.map((m) => [m, 0])) as Record<Mode, number>
  /** `epoch:mode:peer:hash` of the lists refused. */
  readonly #refused = new Set<string>()

  constructor(rules: Record<Mode, BudgetRule>, persist: (entry: BudgetEntry) => void = () => {}) {
    this.#rules = rules
    this.#persist = persist
  }

  restore(entries: Iterable<BudgetEntry>): void {
    for (const entry of entries) this.#entries.set(key(entry.peer, entry.epoch, entry.mode), { ...entry, lists: [...entry.lists] })
  }

  limit(mode: Mode, ownListSize: number): number {
    return budgetLimit(this.#rules[mode], ownListSize)
  }

  used(peer: string, epoch: number, mode: Mode): number {
    return this.#entries.get(key(peer, epoch, mode))?.used ?? 0
  }

  /**
   * Charges `points` elements of list `hash` to the member, or throws BudgetExceededError and
   * charges nothing. A list already charged costs nothing. Returns what remains.
   */
  charge(peer: string, epoch: number, mode: Mode, hash: string, points: number, ownListSize: number): number {
    const id = key(peer, epoch, mode)
    const entry = this.#entries.get(id) ?? { peer, epoch, mode, used: 0, lists: [] }
    const limit = this.limit(mode, ownListSize)
    if (entry.lists.includes(hash)) return Math.max(0, limit - entry.used)
    if (entry.used + points > limit) {
      const refused = `${id}:${hash}`
      if (!this.#refused.has(refused)) {
        this.#refused.add(refused)
        this.refusals[mode]++
      }
      throw new BudgetExceededError(
        `member ${peer} would have ${entry.used + points} elements raised in epoch ${epoch} (mode ${mode}); its budget is ${limit}`,
      )
    }
    entry.used += points
    entry.lists.push(hash)
    this.#entries.set(id, entry)
    this.#persist(entry)
    return limit - entry.used
  }

  retireBefore(epoch: number): void {
    for (const [id, entry] of this.#entries) if (entry.epoch < epoch) this.#entries.delete(id)
    for (const refused of this.#refused) if (Number(refused.split(':')[0]) < epoch) this.#refused.delete(refused)
  }
}

function key(peer: string, epoch: number, mode: Mode): string {
  return `${epoch}:${mode}:${peer}`
}
