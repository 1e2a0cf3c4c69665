import { MAX_SIGHTING_WINDOWS } from '../psi/enums.ts'

const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** `24h`, `7d`, `90m` -> ms; refuses anything else. */
export function parseWindow(text: string): number {
  const m = /^(\d+)([mhd])$/.exec(text.trim())
  if (m === null || Number(m[1]) === 0) throw new TypeError(`sighting window "${text}" must look like 24h, 7d or 90m`)
  return Number(m[1]) * UNITS[m[2] as keyof typeof UNITS]
}

/** The label of a window: whole days from two days on as `7d`, else hours (`24h`), else minutes. */
export function windowLabel(ms: number): string {
  if (ms % UNITS.d === 0 && ms >= 2 * UNITS.d) return `${ms / UNITS.d}d`
  if (ms % UNITS.h === 0) return `${ms / UNITS.h}h`
  return `${Math.round(ms / UNITS.m)}m`
}

/** Config `sightingWindows` (a community setting): 1 to 4 distinct windows such as ["24h", "7d", "30d"], in this order. */
export function parseWindows(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SIGHTING_WINDOWS || !value.every((v) => typeof v === 'string'))
    throw new TypeError(`${where} must be a list of 1 to ${MAX_SIGHTING_WINDOWS} windows such as ["24h", "7d"]`)
  const windows = value.map(parseWindow)
  if (new Set(windows).size !== windows.length) throw new TypeError(`${where} lists a window twice`)
  return windows
}
