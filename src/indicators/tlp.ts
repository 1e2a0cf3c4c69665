import { UserError } from '../errors.ts'

/** Traffic Light Protocol 2.0 levels, least to most restrictive. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const
export type Tlp = (typeof TLP_LEVELS)[number]

export class InvalidTlpError extends UserError {
  override name = 'InvalidTlpError'
}

/** Parses `amber`, `TLP:AMBER`, `tlp:amber+strict`; TLP 1.0 `white` is TLP 2.0 `clear`. */
export function parseTlp(input: string): Tlp {
  const s = input
    .trim()
    .toLowerCase()
    .replace(/^tlp:\s*/, '')
  if (s === 'white') return 'clear'
  if ((TLP_LEVELS as readonly string[]).includes(s)) return s as Tlp
  throw new InvalidTlpError(`unknown TLP "${input}" (expected one of ${TLP_LEVELS.join(', ')})`)
}

export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp)
}

/** The more restrictive of two levels: merging reports never weakens protection. */
export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b
}

/** Values at AMBER and above never leave the node; only OPRF outputs of them do. */
export function isProtected(tlp: Tlp): boolean {
  return tlpRank(tlp) >= tlpRank('amber')
}

/** STIX 2.1 marking-definition ids of TLP 2.0 (FIRST / OASIS) and TLP 1.0 (STIX 2.1 section 7.2.1.4). */
export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
}

const TLP1_MARKING_IDS: Record<string, Tlp> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
}

const MARKING_TO_TLP: Record<string, Tlp> = {
  ...TLP1_MARKING_IDS,
  ...Object.fromEntries(Object.entries(TLP2_MARKING_IDS).map(([tlp, id]) => [id, tlp as Tlp])),
}

/** The strictest TLP among STIX marking refs, or undefined when none is a TLP marking. */
export function tlpFromMarkingRefs(refs: readonly unknown[] | undefined): Tlp | undefined {
  let found: Tlp | undefined
  for (const ref of refs ?? []) {
    const tlp = typeof ref === 'string' ? MARKING_TO_TLP[ref] : undefined
    if (tlp !== undefined) found = found === undefined ? tlp : stricterTlp(found, tlp)
  }
  return found
}
