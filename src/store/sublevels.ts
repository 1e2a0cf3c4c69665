/**
 * Sublevel names, one per concern. A name is never reused for another meaning: retire it and
 * pick a new one. Later concerns (outbox, audit, ...) add theirs here; adding
 * a sublevel needs no schema bump (an older database simply has it empty).
 */
export const SUBLEVELS = {
  meta: 'meta',
  indicators: 'ind',
  sightings: 'sig',
  roster: 'roster',
  matches: 'match',
  state: 'state',
  /** Append-only log of additions a cursor can page through: `<stream>/<seq>` -> key in its sublevel. */
  added: 'added',
  /** Alerts waiting for (or given up on) delivery, one entry per alert and destination. */
  outbox: 'outbox',
  /** Last known multiaddrs of members (signed peer records and unsigned hints), by peer id. */
  addresses: 'addr',
} as const

/** The layout version this code reads and writes; bumped with a migration for every layout change. */
export const SCHEMA_VERSION = 3
