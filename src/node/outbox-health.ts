import type { OutboxEntry } from '../store/repositories.ts'

export interface DestinationHealth {
  pending: number
  dead: number
  /** Delivered since start. */
  delivered: number
  /** Failed attempts since start. */
  failedAttempts: number
  /** The last attempt failed for a reason of the receiver's: only one probe is out until it answers. */
  failing: boolean
  lastError?: string
}

/** What status and metrics show; counters count since start(), the rest is what the store holds. */
export interface OutboxHealth {
  pending: number
  dead: number
  inFlight: number
  /** createdAt (ms) of the oldest pending entry; null when none is pending. */
  oldestPendingAt: number | null
  delivered: number
  failedAttempts: number
  byDestination: Record<string, DestinationHealth>
}

/** What the loop keeps of an entry; the alert itself is read from the store when it is delivered. */
export interface Tracked {
  destination: string
  state: OutboxEntry['state']
  nextAttemptAt: number
  createdAt: number
}

export interface DestinationState {
  failing: boolean
  /** While failing: no attempt before this time. */
  holdUntil: number
  inFlight: number
  delivered: number
  failedAttempts: number
  lastError?: string
}

/** The health of the outbox from the entries it tracks and the state of each destination. */
export function outboxHealth(
  entries: Iterable<Tracked>,
  destinations: Iterable<string>,
  stateOf: (name: string) => DestinationState,
  counters: { inFlight: number; delivered: number; failedAttempts: number },
): OutboxHealth {
  const { inFlight, delivered, failedAttempts } = counters
  const byDestination: Record<string, DestinationHealth> = {}
  const of = (name: string): DestinationHealth => {
    let h = byDestination[name]
    if (h === undefined) {
      const s = stateOf(name)
      h = { pending: 0, dead: 0, delivered: s.delivered, failedAttempts: s.failedAttempts, failing: s.failing }
      if (s.lastError !== undefined) h.lastError = s.lastError
      byDestination[name] = h
    }
    return h
  }
  for (const name of destinations) of(name)
  let pending = 0
  let dead = 0
  let oldestPendingAt: number | null = null
  for (const t of entries) {
    if (t.state === 'dead') {
      dead++
      of(t.destination).dead++
    } else {
      pending++
      of(t.destination).pending++
      if (oldestPendingAt === null || t.createdAt < oldestPendingAt) oldestPendingAt = t.createdAt
    }
  }
  return {
    pending,
    dead,
    inFlight,
    oldestPendingAt,
    delivered,
    failedAttempts,
    byDestination,
  }
}
