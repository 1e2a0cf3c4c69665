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
