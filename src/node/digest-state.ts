import { isCountMode, Mode } from '../psi/messages.ts'
import type { OwnLists } from '../psi/own-lists.ts'
import type { MatchEngine } from './match-engine.ts'

/** Our lists of the current epoch, as status and metrics show them. */
export interface DigestState {
  epoch: number
  builtAt: number
  /** Bytes of our current lists (padded points) by mode. */
  bytes: { oprf: number; cardinality: number }
  /** Items in our current lists. */
  items: { oprf: number; cardinality: number }
  /** Deltas published in the current generations (holds lists). */
  deltas: number
  /** Every list we publish (holds and each sighting window), per item or count only. */
  lists: { list: string; mode: Mode; count: boolean; items: number; bytes: number; deltas: number }[]
}

/** What the digest state reads of the PSI party: our lists of each epoch and mode. */
export interface OwnListsOf {
  own(epoch: number, mode: Mode): Pick<OwnLists, 'lists' | 'deltas'>
}

/** Our lists of `epoch` as they stand; `previous` (of the same generation) keeps its build time. */
export function digestStateOf(
  party: OwnListsOf,
  engine: Pick<MatchEngine, 'ownSizes' | 'ownSize' | 'modes' | 'listLabel'>,
  epoch: number,
  previous: DigestState | undefined,
): DigestState {
  const own = (mode: Mode) => party.own(epoch, mode)
  const bytes = (mode: Mode) => own(mode).lists.reduce((n, l) => n + l.points.length, 0)
  const sizes = engine.ownSizes()
  return {
    epoch,
    builtAt: previous === undefined ? Date.now() : previous.builtAt,
    bytes: { oprf: bytes(Mode.Items), cardinality: bytes(Mode.Count) },
    items: { oprf: sizes.items, cardinality: sizes.count },
    deltas: own(Mode.Items).deltas + own(Mode.Count).deltas,
    lists: engine.modes.map((mode) => ({
      list: engine.listLabel(mode),
      mode,
      count: isCountMode(mode),
      items: engine.ownSize(mode),
      bytes: bytes(mode),
      deltas: own(mode).deltas,
    })),
  }
}
