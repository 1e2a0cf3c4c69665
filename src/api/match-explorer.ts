import { TLP_LEVELS, type Tlp } from '../indicators/tlp.ts'
import { indicatorKey } from '../store/keys.ts'
import { type MatchRecord, matchKind, type SourceKind } from '../store/repositories.ts'
import type { Store } from '../store/store.ts'

/** What the analyst's matches explorer filters on; every field is optional. */
export interface MatchFilter {
  /** Substring of the value (case-insensitive). */
  q?: string
  type?: string
  tlp?: Tlp
  /** Member peer id or organization name (exact). */
  member?: string
  /** `holds`: the member holds it; `sighted`: sighted it in some window; `both`. */
  how?: 'holds' | 'sighted' | 'both'
  /** One of our sources of the value has this kind. */
  kind?: SourceKind
  /** Matched or changed at or after this time (ms). */
  since?: number
}

export interface MatchPage {
  rows: MatchRecord[]
  total: number
  page: number
  pages: number
}

const HOW = ['holds', 'sighted', 'both'] as const
const KINDS: readonly SourceKind[] = ['public', 'community', 'internal']

/** Reads a filter from query-string values, ignoring what is empty or unknown. */
export function parseFilter(q: Record<string, string | undefined>, now: number): MatchFilter {
  const out: MatchFilter = {}
  if (q.q?.trim()) out.q = q.q.trim().toLowerCase()
  if (q.type?.trim()) out.type = q.type.trim()
  const tlp = TLP_LEVELS.find((t) => t === q.tlp)
  if (tlp !== undefined) out.tlp = tlp
  if (q.member?.trim()) out.member = q.member.trim()
  if ((HOW as readonly string[]).includes(q.how ?? '')) out.how = q.how as MatchFilter['how']
  if ((KINDS as readonly string[]).includes(q.kind ?? '')) out.kind = q.kind as SourceKind
  const since = parseSince(q.since ?? '', now)
  if (since !== undefined) out.since = since
  return out
}

/** `24h`, `7d`, `90m` ago, or a date (`2026-11-01`, ISO 8601). */
export function parseSince(text: string, now: number): number | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const rel = /^(\d+)([mhd])$/.exec(t)
  if (rel !== null) return now - Number(rel[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 'm' | 'h' | 'd']
  const at = Date.parse(t)
  return Number.isNaN(at) ? undefined : at
}

export function matches(m: MatchRecord, f: MatchFilter): boolean {
  if (f.q !== undefined && !m.value.includes(f.q)) return false
  if (f.type !== undefined && m.type !== f.type) return false
  if (f.tlp !== undefined && m.tlp !== f.tlp) return false
  if (f.member !== undefined && m.peer !== f.member && m.organization !== f.member) return false
  if (f.how !== undefined) {
    const kind = matchKind(m)
    if (f.how === 'holds' ? !m.holds : f.how === 'sighted' ? kind === 'holds' : kind !== 'both') return false
  }
  if (f.kind !== undefined && !m.ours.sources.some((s) => s.kind === f.kind)) return false
  if (f.since !== undefined && (m.updatedAt ?? m.matchedAt) < f.since) return false
  return true
}

/**
 * Every match the store holds, newest change first, kept in memory between writes: the explorer
 * filters and pages over the whole history without a scan per request. Rebuilt when the store
 * says matches were written since (Store.matchWrites).
 */
export class MatchExplorer {
  readonly #store: Store
  #cached: { writes: number; all: MatchRecord[]; byIndicator: Map<string, MatchRecord[]> } | undefined

  constructor(store: Store) {
    this.#store = store
  }

  async all(): Promise<MatchRecord[]> {
    return (await this.#load()).all
  }

  async search(filter: MatchFilter, page: number, perPage: number): Promise<MatchPage> {
    const hits = (await this.#load()).all.filter((m) => matches(m, filter))
    const pages = Math.max(1, Math.ceil(hits.length / perPage))
    const at = Math.min(Math.max(1, page), pages)
    return { rows: hits.slice((at - 1) * perPage, at * perPage), total: hits.length, page: at, pages }
  }

  /** Every member's match of one indicator. */
  async ofIndicator(item: { type: string; value: string }): Promise<MatchRecord[]> {
    return (await this.#load()).byIndicator.get(`${item.type}:${item.value}`) ?? []
  }

  /** Members and organizations that matched anything (the member filter's choices). */
  async members(): Promise<{ peer: string; organization: string }[]> {
    const seen = new Map<string, string>()
    for (const m of (await this.#load()).all) seen.set(m.peer, m.organization)
    return [...seen].map(([peer, organization]) => ({ peer, organization })).sort((a, b) => a.organization.localeCompare(b.organization))
  }

  async #load() {
    const writes = this.#store.matchWrites
    if (this.#cached?.writes === writes) return this.#cached
    const all = await this.#store.matches.all()
    all.sort((a, b) => (b.updatedAt ?? b.matchedAt) - (a.updatedAt ?? a.matchedAt))
    const byIndicator = new Map<string, MatchRecord[]>()
    for (const m of all) {
      const key = indicatorKey(m)
      const list = byIndicator.get(key)
      if (list === undefined) byIndicator.set(key, [m])
      else list.push(m)
    }
    this.#cached = { writes, all, byIndicator }
    return this.#cached
  }
}
