import { stixMatchObjects } from '../indicators/export/stix.ts'
import { type Alert, type MatchRecord, matchView } from '../store/repositories.ts'

/**
 * The alert a new match raises, the same for every destination. Built from the match alone
 * (it runs inside the store's write of the match), so its STIX Indicator is made from the match.
 */
export function alertOf(match: MatchRecord, seq: number): Alert {
  const stix = stixMatchObjects(match)
  const sighting = stix[0] as { id: string }
  return { id: sighting.id, kind: 'match', seq, match: matchView(match), stix }
}
