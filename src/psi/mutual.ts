import { DH_SUITE } from '../crypto/dh-suite.ts'
import { encode, type ListAnnouncement, Mode } from './messages.ts'
import type { PublishedList } from './own-lists.ts'
import type { PsiParty } from './party.ts'

export interface MutualResult {
  /** Our item numbers that the other side holds (items mode), or how many (count mode). */
  aFound: number[]
  bFound: number[]
  aCount: number
  bCount: number
  /** Lists and tags both ways, as encoded on the wire. */
  bytes: number
}

export function announcementOf(list: PublishedList): ListAnnouncement {
  return {
    version: 2,
    suite: DH_SUITE,
    epoch: list.epoch,
    mode: list.mode,
    generation: list.generation,
    index: list.index,
    listHash: list.hash,
    points: list.items.length,
    windowSeconds: list.windowSeconds,
  }
}

/**
 * One exchange of published lists between two parties in one process, as two nodes run it: each
 * raises the other's lists, and returns its tags. Both parties must have published. Sizes count
 * the encoded messages, so bytes are real.
 */
export async function exchange(a: PsiParty, b: PsiParty, lists: { a: PublishedList[]; b: PublishedList[] }): Promise<MutualResult> {
  let bytes = 0
  const aFound: number[] = []
  const bFound: number[] = []
  const raiseAll = async (raiser: PsiParty, owner: PsiParty, theirs: PublishedList[], found: number[]) => {
    for (const list of theirs) {
      bytes += encode('ListResponse', { status: 0, points: list.points, message: '' }).length
      for (const item of await raiser.raisePeerList(owner.self, announcementOf(list), list.points)) found.push(item)
    }
  }
  await Promise.all([raiseAll(a, b, lists.b, aFound), raiseAll(b, a, lists.a, bFound)])
  const returnAll = (owner: PsiParty, raiser: PsiParty, own: PublishedList[], found: number[]) => {
    for (const list of own) {
      const tags = raiser.tagsFor(owner.self, list.epoch, list.mode, list.hash)
      bytes += encode('RaiseResponse', { status: 0, tags, message: '', budgetRemaining: 0 }).length
      for (const item of owner.acceptOwnTags(raiser.self, list, tags)) found.push(item)
    }
  }
  returnAll(a, b, lists.a, aFound)
  returnAll(b, a, lists.b, bFound)
  const epoch = lists.a[0]?.epoch ?? 0
  const mode = lists.a[0]?.mode ?? Mode.Items
  return {
    aFound,
    bFound,
    aCount: a.pair(b.self, epoch, mode).count(),
    bCount: b.pair(a.self, epoch, mode).count(),
    bytes,
  }
}
