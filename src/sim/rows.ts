import type { ParsedRow } from '../indicators/formats/row.ts'
import type { PlannedItem } from './plan.ts'

/** A simulated member's organization name (and the source of what it imports). */
export function organization(i: number): string {
  return `Member ${String(i).padStart(3, '0')}`
}

/** Planned items as the rows a member imports, as an import of its own feed would read them. */
export function toRows(items: PlannedItem[], organization: string): ParsedRow[] {
  return items.map((item, k) => ({
    kind: 'indicator',
    line: k + 1,
    value: item.value,
    type: item.type,
    tlp: item.tlp,
    source: organization,
  }))
}

/** The sightings a member imports at its start (time `now`): the items it sighted, dated as planned. */
export function sightingRows(items: PlannedItem[], member: number, organization: string, now: number): ParsedRow[] {
  return items.flatMap((item, k): ParsedRow[] => {
    const ago = item.sightedAgoMs?.[item.holders.indexOf(member)]
    if (ago === undefined) return []
    const time = new Date(now - ago).toISOString()
    return [{ kind: 'sighting', line: k + 1, value: item.value, type: item.type, tlp: item.tlp, time, count: 1, source: organization }]
  })
}
