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
} as const

/** The layout version this code reads and writes; bumped with a migration for every layout change. */
export const SCHEMA_VERSION = 1
