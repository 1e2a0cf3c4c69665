/**
 * When we last heard each member's current announcements (a sync with it, or an announcement it
 * issued), for the reconcile: a member heard from within the last reconcile period needs no sync
 * for it, so a community in step does not open a connection to every member every period. A
 * member marked due is synced by its pair's next run (within the PSI concurrency).
 */
export class SyncLedger {
  readonly #heard = new Map<string, number>()
  readonly #due = new Set<string>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  heard(peer: string): void {
    this.#heard.set(peer, this.#now())
    this.#due.delete(peer)
  }

  /** Marks the members not heard from for `periodMs` as due for a sync, and returns them. */
  markDue(peers: readonly string[], periodMs: number): string[] {
    const before = this.#now() - periodMs
    const due = peers.filter((peer) => (this.#heard.get(peer) ?? Number.NEGATIVE_INFINITY) <= before)
    for (const peer of due) this.#due.add(peer)
    return due
  }

  isDue(peer: string): boolean {
    return this.#due.has(peer)
  }
}
