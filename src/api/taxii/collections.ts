import { stixIndicator, stixMatchObjects, tlpMarkingDefinition } from '../../indicators/export/stix.ts'
import { uuidv5 } from '../../indicators/export/uuid.ts'
import { indicatorKey } from '../../store/keys.ts'
import type { MatchRecord } from '../../store/repositories.ts'
import type { Added, AddedStream, Store } from '../../store/store.ts'
import { STIX_MEDIA_TYPE } from './media.ts'

/** A STIX object as served: what the filters and the manifest read of it. */
export type StixObject = Record<string, unknown> & { type: string; id: string }

/**
 * Where a readable collection's objects come from: one log of the store, each entry of which
 * expands to a fixed, ordered list of STIX objects (referenced objects before the objects that
 * reference them). Pagination walks these (entry, index) positions; see pagination.ts.
 */
export interface CollectionSource {
  stream: AddedStream
  expand(entries: readonly Added[]): Promise<StixObject[][]>
}

export type CollectionAlias = 'matches' | 'shared' | 'local'

export interface TaxiiCollection {
  alias: CollectionAlias
  /** Fixed per alias, so SIEM configurations survive restarts and reinstalls. */
  id: string
  title: string
  description: string
  canRead: boolean
  canWrite: boolean
  /** Readable collections only. */
  source: CollectionSource | undefined
}

/** Namespace of the collections' name-based ids (RFC 4122 section 4.3). */
const COLLECTION_NAMESPACE = '4f0b8e2a-6c1d-4e7f-a3b5-9d2c8e1f0a64'

export function collectionId(alias: CollectionAlias): string {
  return uuidv5(`sightline/taxii/${alias}`, COLLECTION_NAMESPACE)
}

/** STIX 2.1 versioning: the version of an object is its `modified`, else its `created`. */
export function objectVersion(object: StixObject): string {
  const version = object.modified ?? object.created
  return typeof version === 'string' ? version : ''
}

/** Each match: its TLP marking, the member's Identity, our Indicator and the Sighting. */
function matchesSource(store: Store): CollectionSource {
  return {
    stream: 'matches',
    async expand(entries) {
      const matches = await store.matches.getMany(entries.map((e) => e.key))
      const held = matches.filter((m): m is MatchRecord => m !== undefined)
      const records = await store.indicatorsByKey(held.map((m) => indicatorKey(m)))
      const recordOf = new Map(held.map((m, i) => [m, records[i]]))
      return matches.map((match) => {
        if (match === undefined) return []
        // stixMatchObjects lists the Sighting first; served, it comes after what it references.
        return (stixMatchObjects(match, recordOf.get(match)) as StixObject[]).reverse()
      })
    },
  }
}

/**
 * Each indicator received from peers: its TLP marking and the Indicator. Only CLEAR and GREEN
 * ever reach the shared log; anything else (a record since merged with a stricter local copy)
 * is skipped rather than served.
 */
function sharedSource(store: Store): CollectionSource {
  return {
    stream: 'shared',
    async expand(entries) {
      const records = await store.indicatorsByKey(entries.map((e) => e.key))
      return records.map((record) => {
        if (record === undefined || (record.tlp !== 'clear' && record.tlp !== 'green')) return []
        return [tlpMarkingDefinition(record.tlp), stixIndicator(record)] as StixObject[]
      })
    },
  }
}

export function taxiiCollections(store: Store, community: string): TaxiiCollection[] {
  return [
    {
      alias: 'matches',
      id: collectionId('matches'),
      title: `Sightline matches (${community})`,
      description:
        'Community members who hold one of our indicators: a STIX Sighting per match, with the Indicator, the member Identity and the TLP 2.0 marking.',
      canRead: true,
      canWrite: false,
      source: matchesSource(store),
    },
    {
      alias: 'shared',
      id: collectionId('shared'),
      title: `Sightline shared feed (${community})`,
      description: 'TLP:CLEAR and TLP:GREEN indicators received from community members, as STIX Indicators.',
      canRead: true,
      canWrite: false,
      source: sharedSource(store),
    },
    {
      alias: 'local',
      id: collectionId('local'),
      title: 'Sightline local intake',
      description: 'Write-only: STIX indicators and sightings posted here are imported into this node.',
      canRead: false,
      canWrite: true,
      source: undefined,
    },
  ]
}

/** The collection resource of TAXII 2.1 (Get a Collection). */
export function collectionResource(c: TaxiiCollection): object {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    alias: c.alias,
    can_read: c.canRead,
    can_write: c.canWrite,
    media_types: [STIX_MEDIA_TYPE],
  }
}
