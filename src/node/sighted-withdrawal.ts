import { toHex as hex } from '../crypto/bytes.ts'
import { isCountMode, type ListAnnouncement, type Mode, windowOf } from '../psi/messages.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { PsiParty } from '../psi/party.ts'
import type { MatchEngine } from './match-engine.ts'

export interface PairLists {
  /** The member's announcements we hold (its current generation of each mode). */
  theirs: readonly ListAnnouncement[]
  /** Our current lists. */
  ours: readonly PublishedList[]
}

/**
 * Whether our view of one mode's lists with a member is complete in `epoch`: its base list and
 * every delta since (indices 0..n, one generation) raised, and its tags of every list of ours.
 */
function complete(party: Pick<PsiParty, 'pair'>, peer: string, epoch: number, mode: Mode, lists: PairLists): boolean {
  const theirs = lists.theirs.filter((a) => a.epoch === epoch && a.mode === mode)
  const ours = lists.ours.filter((l) => l.epoch === epoch && l.mode === mode)
  if (theirs.length === 0 || ours.length === 0) return false
  const indices = new Set(theirs.map((a) => a.index))
  if (!theirs.every((a, _, all) => a.generation === all[0]?.generation) || !theirs.every((_, i) => indices.has(i))) return false
  const pair = party.pair(peer, epoch, mode)
  return theirs.every((a) => pair.hasTheirList(hex(a.listHash))) && ours.every((l) => pair.hasOurTags(hex(l.hash)))
}

/**
 * After a complete pass with a member: for each per-item sighted list, the whole intersection of
 * its current lists with ours confirms our records' sighting windows; a window it no longer
 * confirms (the member's sighting, or ours, left it) is withdrawn from the record.
 */
export async function withdrawUnconfirmed(
  engine: Pick<MatchEngine, 'modes' | 'withdrawSighted'>,
  party: Pick<PsiParty, 'pair'>,
  peer: string,
  epoch: number,
  lists: PairLists,
): Promise<void> {
  for (const mode of engine.modes) {
    if (windowOf(mode) === undefined || isCountMode(mode) || !complete(party, peer, epoch, mode, lists)) continue
    const pair = party.pair(peer, epoch, mode)
    const generations = { ours: pair.ourGeneration, theirs: pair.theirGeneration }
    await engine.withdrawSighted(peer, epoch, mode, generations, () => pair.intersection())
  }
}
