import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { DhEngine } from '../crypto/dh-engine.ts'
import { DH_SUITE, dhPsiDst, POINT_BYTES, TAG_BYTES } from '../crypto/dh-suite.ts'
import { tagContext } from '../crypto/dh-tags.ts'
import type { Elements } from '../crypto/packed.ts'
import { type BudgetEntry, Budgets } from './budgets.ts'
import { BadMessageError, OversizeError, UnknownEpochError, UnknownListError, WrongSuiteError } from './errors.ts'
import { EpochKeys } from './keys.ts'
import { isCountMode, isMode, type ListAnnouncement, type Mode, windowOf } from './messages.ts'
import type { PsiOptions } from './options.ts'
import { OwnLists, type PublishedList } from './own-lists.ts'
import { PairState } from './pair-state.ts'
import { adoptTags, tagsOf } from './tag-index.ts'

export interface PsiPartyComponents {
  engine: DhEngine
  /** 32-byte secret from which the epoch scalars are derived. */
  seed: Uint8Array
  /** Budget entries to keep across restarts (the node writes them to its store). */
  persistBudget?: (entry: BudgetEntry) => void
}

/**
 * One member's DH-PSI state, transport-free (DESIGN section 5): publishes its own lists, raises
 * members' lists within their budgets, and learns from the tags members return. Every peer fault
 * is a typed PsiError; nothing here does I/O.
 */
export class PsiParty {
  readonly self: string
  readonly #o: PsiOptions
  readonly #engine: DhEngine
  readonly #keys: EpochKeys
  readonly budgets: Budgets
  readonly #own = new Map<string, OwnLists>()
  readonly #pairs = new Map<string, PairState>()
  /** Elements of members' lists raised since start (status and metrics). */
  elementsRaised = 0

  constructor(self: string, options: PsiOptions, components: PsiPartyComponents) {
    this.self = self
    this.#o = options
    this.#engine = components.engine
    this.#keys = new EpochKeys(components.seed, options.community)
    this.budgets = new Budgets(options.budget, components.persistBudget)
  }

  /** Our lists of an epoch and mode (empty until publish). */
  own(epoch: number, mode: Mode): OwnLists {
    const id = `${epoch}:${mode}`
    let lists = this.#own.get(id)
    if (lists === undefined) {
      const { scalar, padding } = this.#keys.secrets(epoch, mode)
      lists = new OwnLists(this.#listOptions(epoch, mode, scalar, padding), this.#engine)
      this.#own.set(id, lists)
    }
    return lists
  }

  /** The sighting window of a mode in seconds (0 for the holds modes), or undefined when this node does not publish the mode. */
  windowSeconds(mode: Mode): number | undefined {
    const window = windowOf(mode)
    if (window === undefined) return 0
    const ms = this.#o.sightingWindowsMs[window]
    return ms === undefined ? undefined : Math.round(ms / 1000)
  }

  #listOptions(epoch: number, mode: Mode, scalar: Uint8Array, paddingSeed: Uint8Array) {
    const dst = dhPsiDst(this.#o.community, mode)
    return { epoch, mode, scalar, paddingSeed, dst, minListPoints: this.#o.minListPoints, windowSeconds: this.windowSeconds(mode) ?? 0 }
  }

  hasEpoch(epoch: number): boolean {
    return [...this.#own.keys()].some((id) => id.startsWith(`${epoch}:`))
  }

  /** A new generation of our list: the base holds every element. */
  publish(epoch: number, mode: Mode, elements: Elements): Promise<PublishedList> {
    return this.own(epoch, mode).rebuild(elements)
  }

  /** A delta; or, once the generation holds `maxDeltas` deltas, a new generation of `all` (the sender folds before any receiver limit). */
  async add(epoch: number, mode: Mode, added: Elements, all: () => Elements): Promise<PublishedList> {
    const own = this.own(epoch, mode)
    if (own.generation < 0 || own.deltas >= this.#o.maxDeltas) return own.rebuild(all())
    return own.add(added)
  }

  pair(peer: string, epoch: number, mode: Mode): PairState {
    const id = `${epoch}:${mode}:${peer}`
    let pair = this.#pairs.get(id)
    if (pair === undefined) {
      pair = new PairState(mode)
      this.#pairs.set(id, pair)
    }
    return pair
  }

  /** Checks a member's announcement before anything is fetched: suite, epoch, size, delta count. */
  checkAnnouncement(peer: string, announcement: ListAnnouncement): void {
    if (announcement.suite !== DH_SUITE) throw new WrongSuiteError(announcement.suite, DH_SUITE)
    this.checkMode(announcement.mode, announcement.windowSeconds)
    if (!this.hasEpoch(announcement.epoch)) throw new UnknownEpochError(`no list of ours for epoch ${announcement.epoch}`)
    if (announcement.points > this.#o.maxListPoints)
      throw new OversizeError(`${peer} announced a list of ${announcement.points} points; at most ${this.#o.maxListPoints}`)
    if (announcement.index > this.#o.maxDeltas)
      throw new OversizeError(`${peer} announced delta ${announcement.index}; at most ${this.#o.maxDeltas} per generation`)
    if (announcement.listHash.length !== 32) throw new BadMessageError('list hash must be 32 bytes')
  }

  /**
   * A mode we publish, with the same sighting window: members whose community settings differ
   * refuse each other's sighted lists rather than compare different windows.
   */
  checkMode(mode: number, windowSeconds: number): void {
    if (!isMode(mode)) throw new BadMessageError(`unknown mode ${mode}`)
    const ours = this.windowSeconds(mode)
    if (ours === undefined) throw new BadMessageError(`mode ${mode}: this node has no sighting window ${windowOf(mode)}`)
    if (ours !== windowSeconds)
      throw new BadMessageError(`mode ${mode}: sighting window of ${windowSeconds} s, this node's is ${ours} s (community settings differ)`)
  }

  /**
   * Raises a member's published list with our scalar, within its budget, and keeps two tags of
   * each point: the one we return to the member (bound to the member as learner) and the one we
   * learn from (bound to us as learner). A member that echoes our tags of its list back as its
   * tags of ours therefore matches nothing. Returns our item numbers newly found.
   */
  async raisePeerList(peer: string, announcement: ListAnnouncement, points: Uint8Array): Promise<number[]> {
    this.checkAnnouncement(peer, announcement)
    const { epoch, mode } = announcement
    const hash = Buffer.from(announcement.listHash).toString('hex')
    const pair = this.pair(peer, epoch, mode)
    if (pair.hasTheirList(hash)) return []
    if (points.length !== announcement.points * POINT_BYTES)
      throw new BadMessageError(`list of ${points.length} bytes for ${announcement.points} announced points`)
    if (!createHash('sha256').update(points).digest().equals(announcement.listHash))
      throw new BadMessageError('list does not match its announced hash')
    this.budgets.charge(peer, epoch, mode, hash, announcement.points, this.own(epoch, mode).items)
    const [returned, kept] = await this.#raise(peer, epoch, mode, points)
    return pair.addTheirList(hash, announcement.generation, kept, returned)
  }

  /** Our tags of a member's list, to answer its raise request. */
  tagsFor(peer: string, epoch: number, mode: Mode, listHash: Uint8Array): Uint8Array {
    const tags = this.#pairs.get(`${epoch}:${mode}:${peer}`)?.returnedTags(Buffer.from(listHash).toString('hex'))
    if (tags === undefined)
      throw new UnknownListError(`no list ${Buffer.from(listHash).toString('hex').slice(0, 12)} of ${peer} raised yet`)
    return bytesOf(tags)
  }

  /** A member returned its tags of one of our lists: learn. Returns our item numbers newly found. */
  acceptOwnTags(peer: string, list: PublishedList, tags: Uint8Array): number[] {
    if (tags.length !== list.items.length * TAG_BYTES)
      throw new BadMessageError(`member returned ${tags.length} tag bytes for a list of ${list.items.length} points`)
    return this.pair(peer, list.epoch, list.mode).addOurTags(list, tagsOf(tags))
  }

  /**
   * An ad-hoc question (an analyst's query): `elements` raised to our scalar and padded, never
   * announced. The member raises it within our budget; resolveQuery reads its answer.
   */
  async prepareQuery(epoch: number, mode: Mode, elements: Elements): Promise<PublishedList> {
    const { scalar } = this.#keys.secrets(epoch, mode)
    const query = new OwnLists(this.#listOptions(epoch, mode, scalar, randomBytes(32)), this.#engine)
    return query.rebuild(elements)
  }

  /** Answers a member's ad-hoc question within its budget: tags in order, or shuffled for count mode. */
  async answerQuery(peer: string, epoch: number, mode: Mode, points: Uint8Array): Promise<Uint8Array> {
    if (!this.hasEpoch(epoch)) throw new UnknownEpochError(`no list of ours for epoch ${epoch}`)
    if (!isMode(mode) || this.windowSeconds(mode) === undefined) throw new BadMessageError(`this node publishes no list of mode ${mode}`)
    if (points.length === 0 || points.length % POINT_BYTES !== 0)
      throw new BadMessageError('query points must be a non-empty multiple of 32 bytes')
    if (points.length / POINT_BYTES > this.#o.maxListPoints) throw new OversizeError(`query of ${points.length / POINT_BYTES} points`)
    const hash = createHash('sha256').update(points).digest('hex')
    this.budgets.charge(peer, epoch, mode, hash, points.length / POINT_BYTES, this.own(epoch, mode).items)
    const [returned] = await this.#raise(peer, epoch, mode, points)
    return bytesOf(returned)
  }

  /** Which items of our question the member holds (item numbers), or how many (count mode). */
  resolveQuery(peer: string, query: PublishedList, tags: Uint8Array): { found: number[]; count: number } {
    if (tags.length !== query.items.length * TAG_BYTES)
      throw new BadMessageError(`member answered ${tags.length} tag bytes for ${query.items.length} points`)
    return this.pair(peer, query.epoch, query.mode).lookup(query, tagsOf(tags))
  }

  async #raise(peer: string, epoch: number, mode: Mode, points: Uint8Array): Promise<[BigUint64Array, BigUint64Array]> {
    const { scalar } = this.#keys.secrets(epoch, mode)
    const [forPeer, forUs] = await this.#engine.raiseToTags(scalar, points, [
      tagContext(peer, this.self, epoch, mode),
      tagContext(this.self, peer, epoch, mode),
    ])
    this.elementsRaised += points.length / POINT_BYTES
    const returned = adoptTags(forPeer as Uint8Array)
    const kept = adoptTags(forUs as Uint8Array)
    // Count mode: the member gets its tags back shuffled, so it learns how many, not which.
    return isCountMode(mode) ? [shuffled(returned), kept] : [returned, kept]
  }

  /** Forgets scalars, lists, pair state and budgets of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    this.#keys.retireBefore(epoch)
    this.budgets.retireBefore(epoch)
    for (const id of this.#own.keys()) if (Number(id.split(':')[0]) < epoch) this.#own.delete(id)
    for (const id of this.#pairs.keys()) if (Number(id.split(':')[0]) < epoch) this.#pairs.delete(id)
  }
}

function bytesOf(tags: BigUint64Array): Uint8Array {
  return new Uint8Array(tags.buffer, tags.byteOffset, tags.length * TAG_BYTES)
}

/** Fisher-Yates with a CSPRNG. */
function shuffled(tags: BigUint64Array): BigUint64Array {
  const out = tags.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    const t = out[i] as bigint
    out[i] = out[j] as bigint
    out[j] = t
  }
  return out
}
