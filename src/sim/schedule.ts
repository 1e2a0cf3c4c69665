import { forComponent } from '../logger.ts'
import type { Community } from './community.ts'
import { sleep } from './pacing.ts'
import type { Plan } from './plan.ts'

const log = forComponent('sightline:sim')

const POLL_MS = 200

export interface ScheduledEvent {
  /** Ms from the run start. */
  at: number
  run: () => Promise<void>
}

/** The plan's events in time order: joins, leaves, items sighted while running, partitions and their healing. */
export function scheduleEvents(plan: Plan, community: Community): ScheduledEvent[] {
  const events: ScheduledEvent[] = []
  for (const m of community.members) {
    const joinAt = plan.joinAt[m.index] ?? 0
    if (joinAt > 0) events.push({ at: joinAt, run: () => community.join(m) })
    const leaveAt = plan.leaveAt[m.index]
    if (leaveAt !== undefined) events.push({ at: leaveAt, run: () => community.leave(m) })
  }
  for (const item of plan.items) {
    item.holders.forEach((h, k) => {
      const at = item.at[k] ?? 0
      if (at === 0 || at <= (plan.joinAt[h] ?? 0)) return
      events.push({ at, run: () => community.sight(h, item) })
    })
  }
  for (const p of plan.partitions) {
    events.push({ at: p.atMs, run: () => community.partition(p) })
    events.push({ at: p.healMs, run: () => community.heal(p) })
  }
  return events.sort((a, b) => a.at - b.at)
}

export interface PlayOptions {
  /** Expected matches in all: the run has converged once every event ran and these were found. */
  expected: number
  /** Date.now() after which the run stops waiting. */
  deadline: number
  signal?: AbortSignal
}

/**
 * Plays the events on time (each in the background, so a slow start-up delays nothing else)
 * until all ran and every expected match was found, or the deadline passed. Returns whether the
 * run converged; events still running are awaited either way.
 */
export async function playSchedule(events: ScheduledEvent[], community: Community, options: PlayOptions): Promise<boolean> {
  const pending = new Set<Promise<void>>()
  let next = 0
  let converged = false
  for (;;) {
    options.signal?.throwIfAborted()
    while (next < events.length && (events[next]?.at ?? 0) <= community.now()) {
      const event = events[next++] as ScheduledEvent
      const run = event.run().catch((err: unknown) => log.debug('scheduled event failed', { err }))
      pending.add(run)
      void run.then(() => pending.delete(run))
    }
    if (next >= events.length && pending.size === 0 && community.foundExpected() >= options.expected) {
      converged = true
      break
    }
    if (Date.now() > options.deadline) break
    await sleep(Math.min(POLL_MS, next < events.length ? (events[next]?.at ?? 0) - community.now() : POLL_MS), options.signal)
  }
  await Promise.allSettled([...pending])
  return converged
}

/** RED counts run after the per-item queries; a refused recount (the RED ration) must not hang the run. */
export async function awaitRedCounts(community: Community, signal?: AbortSignal): Promise<void> {
  for (let k = 0; k < 15 && !community.redDone(); k++) await sleep(POLL_MS, signal)
}
