/**
 * Sublevel names, one per concern. A name is never reused for another meaning: retire it and
 * pick a new one. Later concerns (keys, peers, digests, matches, outbox, audit) add theirs here.
 */
export const SUBLEVELS = {
  meta: 'meta',
  indicators: 'ind',
  sightings: 'sig',
} as const

/** The layout version this code reads and writes; bumped with a migration for every layout change. */
export const SCHEMA_VERSION = 1
