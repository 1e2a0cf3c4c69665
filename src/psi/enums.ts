/** Wire enums of proto/psi.proto (kept apart so errors.ts and messages.ts can both use them). */
export enum Mode {
  /** What we hold, per item (CLEAR..AMBER+STRICT). */
  Items = 0,
  /** What we hold, count only (RED). */
  Count = 1,
  /** What we sighted within sighting window 0, per item; window w uses 2 + 2w. */
  SightedItems = 2,
  /** What we sighted within sighting window 0, count only (RED); window w uses 3 + 2w. */
  SightedCount = 3,
  SightedItemsW1 = 4,
  SightedCountW1 = 5,
  SightedItemsW2 = 6,
  SightedCountW2 = 7,
  SightedItemsW3 = 8,
  SightedCountW3 = 9,
}

/** Sighting windows a community may configure: each takes two mode ids (items and count). */
export const MAX_SIGHTING_WINDOWS = 4

export const ALL_MODES: readonly Mode[] = Object.values(Mode).filter((m): m is Mode => typeof m === 'number')

export function isMode(n: number): n is Mode {
  return Number.isInteger(n) && n >= 0 && n <= Mode.SightedCountW3
}

/** Count-only modes (RED): tags come back shuffled, only how many is learned. */
export function isCountMode(mode: Mode): boolean {
  return mode % 2 === 1
}

/** The sighting window of a sighted mode (0-based), or undefined for the holds modes. */
export function windowOf(mode: Mode): number | undefined {
  return mode < Mode.SightedItems ? undefined : (mode - Mode.SightedItems) >> 1
}

/** The mode of sighting window `window`, per item or count only. */
export function sightedMode(window: number, count: boolean): Mode {
  if (!Number.isInteger(window) || window < 0 || window >= MAX_SIGHTING_WINDOWS)
    throw new RangeError(`sighting window ${window} is outside 0..${MAX_SIGHTING_WINDOWS - 1}`)
  return (Mode.SightedItems + 2 * window + (count ? 1 : 0)) as Mode
}

/** The modes a node with `windows` sighting windows publishes: holds, then each window's pair. */
export function modesFor(windows: number): Mode[] {
  const out = [Mode.Items, Mode.Count]
  for (let w = 0; w < windows; w++) out.push(sightedMode(w, false), sightedMode(w, true))
  return out
}

export enum Status {
  Ok = 0,
  BudgetExceeded = 1,
  UnknownList = 2,
  UnknownEpoch = 3,
  BadRequest = 4,
  TooLarge = 5,
  Pending = 6,
  WrongSuite = 7,
}
