import { toHex as hex } from '../crypto/bytes.ts'
import { DH_SUITE } from '../crypto/dh-suite.ts'
import { forComponent } from '../logger.ts'
import { PROTOCOLS } from '../net/options.ts'
import { BadMessageError, errorOfStatus, PendingError, PsiError, UnknownListError, WrongSuiteError } from '../psi/errors.ts'
import { decode, encode, isCountMode, type ListAnnouncement, type Mode, type RaiseRequest, Status } from '../psi/messages.ts'
import type { PublishedList } from '../psi/own-lists.ts'
import type { ExchangeStats, PsiExchangeComponents, PsiExchangeOptions } from './psi-exchange-types.ts'
import { ReportedOnce } from './reported-once.ts'
import { withdrawUnconfirmed } from './sighted-withdrawal.ts'
import { Turns } from './turns.ts'
import { WorkQueue } from './work-queue.ts'

const log = forComponent('sightline:psi')

export type { ExchangeStats, PsiExchangeComponents, PsiExchangeOptions } from './psi-exchange-types.ts'

type OwnEntry = { list: PublishedList; envelope: Uint8Array }
/**
 * DH-PSI with every member (DESIGN section 5, and the anti-entropy of a community that stays
 * whole): for each member the node knows what it owes (the member's announced lists, fetched and
 * raised) and what it is owed (its tags of our lists), and runs one idempotent job per member
 * until both are complete. Jobs retry with capped backoff and never give up on a transient fault.
 */
export class PsiExchange {
  readonly #o: PsiExchangeOptions
  readonly #c: PsiExchangeComponents
  readonly #queue: WorkQueue
  /** Our current lists by hash (hex): served over the list stream, asked about over raise. */
  readonly #own = new Map<string, OwnEntry>()
  /** Each member's announced lists of the current epoch, latest generation per mode. */
  readonly #theirs = new Map<string, Map<string, ListAnnouncement>>()
  /** Raises of members' lists in flight, by `peer|hash`: the pair's job and the member's request share one. */
  readonly #raising = new Map<string, Promise<void>>()
  /** Raises outside the pair jobs (a member's request, a list just announced): at most `concurrency` at once. */
  readonly #turns: Turns
  /** Aborted at stop: raises waiting for a turn give up. */
  #life = new AbortController()
  /** Our lists while being published at start (budgets follow their size): pair runs wait, raise requests get "pending". */
  #ownLists: Promise<void> | undefined
  readonly stats: ExchangeStats = { raiseRequestsSent: 0, listsFetched: 0, refusedByMembers: {}, refusedToMembers: {}, retries: 0 }
  readonly #reported = new ReportedOnce()

  constructor(options: PsiExchangeOptions, components: PsiExchangeComponents) {
    this.#o = options
    this.#c = components
    this.#turns = new Turns(options.concurrency)
    this.#queue = new WorkQueue(options, (peer) => this.#converge(peer), {
      retryable: (err) => !(err instanceof PsiError) || err.retryable,
      // A member still raising our list answers "pending": ask again within a second or so.
      soon: (err) => err instanceof PendingError,
      onError: (peer, err, final) => {
        // A retry is the normal course (a member offline, a list not raised yet): counted, and its
        // last error shown per member. A failure that retrying cannot mend (a budget) is an error,
        // counted and logged once per member, epoch and code: the pair re-runs on every change.
        const first = !final || !(err instanceof PsiError) || this.#reported.first(this.#c.engine.epoch, peer, err.code)
        if (err instanceof PsiError && first) this.stats.refusedByMembers[err.code] = (this.stats.refusedByMembers[err.code] ?? 0) + 1
        if (!final) this.stats.retries++
        else if (first) components.onError(`PSI with ${peer}: ${(err as Error).message}`, err)
      },
      ...(components.clock === undefined ? {} : { clock: components.clock }),
    })
  }

  start(): void {
    this.#life = new AbortController()
    this.#c.network.handle(PROTOCOLS.list, async (peer, bytes) => this.#serveList(peer, bytes))
    this.#c.network.handle(PROTOCOLS.raise, async (peer, bytes, signal) => this.#serveRaise(peer, bytes, signal))
  }

  stop(): Promise<void> {
    this.#life.abort()
    this.#c.network.unhandle(PROTOCOLS.list)
    this.#c.network.unhandle(PROTOCOLS.raise)
    return this.#queue.stop()
  }

  /** Holds pair runs and raise answers until `published` (our lists of the epoch being built at start). */
  holdUntil(published: Promise<void>): void {
    this.#ownLists = published.then(() => {
      this.#ownLists = undefined
    })
  }

  /** Our lists as published: a new generation replaces the lists of its mode. */
  publish(entries: OwnEntry[]): void {
    for (const entry of entries) {
      for (const [hash, held] of this.#own) {
        const stale =
          held.list.mode === entry.list.mode && (held.list.generation < entry.list.generation || held.list.epoch < entry.list.epoch)
        if (stale) this.#own.delete(hash)
      }
      this.#own.set(hex(entry.list.hash), entry)
    }
  }

  /** Our current lists, oldest first. */
  ownLists(): PublishedList[] {
    return [...this.#own.values()].map((e) => e.list)
  }

  /** Our current signed announcements, oldest first (for sync). */
  envelopes(): Uint8Array[] {
    return [...this.#own.values()].map((e) => e.envelope)
  }

  /** A member's announcement (verified by the caller): remember it and run the pair. */
  noteAnnouncement(peer: string, announcement: ListAnnouncement): void {
    const lists = this.#theirs.get(peer) ?? new Map<string, ListAnnouncement>()
    for (const [hash, held] of lists) {
      const older =
        held.epoch < announcement.epoch ||
        (held.epoch === announcement.epoch && held.mode === announcement.mode && held.generation < announcement.generation)
      if (older) lists.delete(hash)
      else if (held.mode === announcement.mode && held.epoch === announcement.epoch && held.generation > announcement.generation) return
    }
    lists.set(hex(announcement.listHash), announcement)
    this.#theirs.set(peer, lists)
    this.#raiseSoon(peer, announcement)
  }

  /**
   * A member's list of this epoch is raised as soon as we hear of it, not when its pair job next
   * runs: that job may be waiting on the member, which is raising our list meanwhile, and the two
   * raises should run at once, not one after the other. Only over a connection that is open: a
   * member reached on demand (a sparse mesh) waits for its pair job, within the PSI concurrency.
   * Failures are left to the pair job (the caller schedules it), which retries and reports them.
   */
  #raiseSoon(peer: string, announcement: ListAnnouncement): void {
    const { epoch, mode, listHash } = announcement
    if (this.#ownLists !== undefined || this.#life.signal.aborted || epoch !== this.#c.engine.epoch || !this.#c.isMember(peer)) return
    if (this.#c.party.pair(peer, epoch, mode).hasTheirList(hex(listHash)) || !this.#c.network.isConnected(peer)) return
    this.#turns
      .run(() => this.#raiseOnce(peer, epoch, announcement), this.#life.signal)
      .catch((err: unknown) => log.debug('raising a list on announcement failed (the pair job retries)', { peer, err }))
  }

  hasAnnouncements(peer: string, epoch: number): boolean {
    return [...(this.#theirs.get(peer)?.values() ?? [])].some((a) => a.epoch === epoch)
  }

  /** Runs (or re-runs) the pair with `peer` until complete; `first`: ahead of the pairs waiting. */
  schedule(peer: string, first = false): void {
    if (this.#c.isMember(peer)) this.#queue.schedule(peer, first)
  }

  state(peer: string) {
    return this.#queue.state(peer)
  }

  get busy(): boolean {
    return !this.#queue.idle
  }

  /** Resolves when our lists are out and no pair runs or waits (the demo's and tests' "settled"); pending retries count as busy. */
  async settled(): Promise<void> {
    await this.#ownLists
    await this.#queue.settled()
  }

  /** Forgets announcements of epochs before `epoch`. */
  retireBefore(epoch: number): void {
    for (const lists of this.#theirs.values()) for (const [hash, a] of lists) if (a.epoch < epoch) lists.delete(hash)
    this.#reported.retireBefore(epoch)
  }

  /** An analyst's question to one member: which of `elements` it holds, or how many (count mode). */
  async ask(peer: string, mode: Mode, elements: readonly Uint8Array[]): Promise<{ found: number[]; count: number }> {
    await this.#ownLists
    const epoch = this.#c.engine.epoch
    const query = await this.#c.party.prepareQuery(epoch, mode, elements)
    const empty = new Uint8Array(0)
    const request = { suite: DH_SUITE, epoch, mode, listHash: empty, announcement: empty, points: query.points }
    return this.#c.party.resolveQuery(peer, query, await this.#raiseRequest(peer, request))
  }

  /** One pass over everything owed both ways with `peer`; throws the first failure after trying every step. */
  async #converge(peer: string): Promise<void> {
    await this.#ownLists
    const epoch = this.#c.engine.epoch
    if (!this.hasAnnouncements(peer, epoch) || this.#c.syncDue?.(peer) === true) await this.#c.sync(peer)
    const failures: unknown[] = []
    const step = (work: () => Promise<void>) => work().catch((err: unknown) => void failures.push(err))
    for (const announcement of this.#theirs.get(peer)?.values() ?? []) {
      if (announcement.epoch !== epoch) continue
      if (this.#c.party.pair(peer, epoch, announcement.mode).hasTheirList(hex(announcement.listHash))) continue
      await step(() => this.#raiseOnce(peer, epoch, announcement))
    }
    for (const { list, envelope } of [...this.#own.values()]) {
      if (list.epoch !== epoch || this.#c.party.pair(peer, epoch, list.mode).hasOurTags(hex(list.hash))) continue
      await step(async () => {
        const request = { suite: DH_SUITE, epoch, mode: list.mode, listHash: list.hash, announcement: envelope, points: new Uint8Array(0) }
        this.#found(peer, epoch, list.mode, this.#c.party.acceptOwnTags(peer, list, await this.#raiseRequest(peer, request)))
      })
    }
    if (!this.hasAnnouncements(peer, epoch)) failures.push(new UnknownListError(`no announcement from ${peer} for epoch ${epoch} yet`))
    if (failures.length > 0) throw failures.find((f) => !(f instanceof PsiError) || f.retryable) ?? failures[0]
    const theirs = [...(this.#theirs.get(peer)?.values() ?? [])]
    await withdrawUnconfirmed(this.#c.engine, this.#c.party, peer, epoch, { theirs, ours: this.ownLists() })
  }

  /** Fetches, raises and learns from a member's list, once however many callers need it. */
  #raiseOnce(peer: string, epoch: number, announcement: ListAnnouncement): Promise<void> {
    const hash = hex(announcement.listHash)
    const key = `${peer}|${hash}`
    let run = this.#raising.get(key)
    // Raised already by a caller that had its turn first (callers check before waiting for one).
    if (run === undefined && this.#c.party.pair(peer, epoch, announcement.mode).hasTheirList(hash)) return Promise.resolve()
    if (run === undefined) {
      run = this.#raiseTheirs(peer, announcement)
        .then((items) => this.#found(peer, epoch, announcement.mode, items))
        .finally(() => this.#raising.delete(key))
      this.#raising.set(key, run)
    }
    return run
  }

  async #raiseTheirs(peer: string, announcement: ListAnnouncement): Promise<number[]> {
    this.#c.party.checkAnnouncement(peer, announcement)
    const reply = decode(
      'ListResponse',
      await this.#c.network.request(
        peer,
        PROTOCOLS.list,
        encode('ListRequest', { listHash: announcement.listHash }),
        undefined,
        this.#o.maxListBytes + 1024,
      ),
      this.#o.maxListBytes + 1024,
    )
    if (reply.status !== Status.Ok) throw errorOfStatus(reply.status, reply.message)
    this.stats.listsFetched++
    return this.#c.party.raisePeerList(peer, announcement, reply.points)
  }

  async #raiseRequest(peer: string, request: Omit<RaiseRequest, 'version'>): Promise<Uint8Array> {
    this.stats.raiseRequestsSent++
    // Tags are a quarter of the list's bytes: the reply limit follows the largest list we accept.
    const limit = Math.max(this.#o.maxMessageBytes, this.#o.maxListBytes / 4 + 1024)
    const reply = decode(
      'RaiseResponse',
      await this.#c.network.request(peer, PROTOCOLS.raise, encode('RaiseRequest', request), undefined, limit),
      limit,
    )
    if (reply.status !== Status.Ok) throw errorOfStatus(reply.status, reply.message)
    return reply.tags
  }

  #found(peer: string, epoch: number, mode: Mode, items: number[]): void {
    if (isCountMode(mode)) {
      this.#c.engine.setCount(peer, mode, this.#c.party.pair(peer, epoch, mode).count())
      return
    }
    if (items.length === 0) return
    this.#c.engine
      .record(peer, epoch, mode, items)
      .then(this.#c.onMatches, (err: Error) => this.#c.onError(`recording matches with ${peer}: ${err.message}`, err))
  }

  async #serveList(_peer: string, bytes: Uint8Array): Promise<Uint8Array> {
    const request = decode('ListRequest', bytes, 1024)
    const entry = this.#own.get(hex(request.listHash))
    const message = 'no such list (an older generation?)'
    if (entry === undefined) return encode('ListResponse', { status: Status.UnknownList, points: new Uint8Array(0), message })
    return encode('ListResponse', { status: Status.Ok, points: entry.list.points, message: '' })
  }

  async #serveRaise(peer: string, bytes: Uint8Array, signal: AbortSignal): Promise<Uint8Array> {
    try {
      const request = decode('RaiseRequest', bytes, this.#o.maxMessageBytes)
      if (this.#ownLists !== undefined) throw new PendingError('our lists of the epoch are still being published')
      if (request.suite !== DH_SUITE) throw new WrongSuiteError(request.suite, DH_SUITE)
      const { epoch, mode } = request
      // A mode we do not publish (a sighting window this node lacks): refused at once, not left pending.
      if (this.#c.party.windowSeconds(mode) === undefined) throw new BadMessageError(`this node publishes no list of mode ${mode}`)
      if (request.points.length > 0) return this.#answer(await this.#c.party.answerQuery(peer, epoch, mode, request.points))
      return this.#answer(await this.#tagsOf(peer, request, signal))
    } catch (err) {
      if (!(err instanceof PsiError)) throw err
      // The same request refused again (a member's retries) is counted once.
      if (this.#reported.first(this.#c.engine.epoch, 'to', peer, bytes))
        this.stats.refusedToMembers[err.code] = (this.stats.refusedToMembers[err.code] ?? 0) + 1
      return encode('RaiseResponse', { status: err.status, tags: new Uint8Array(0), message: err.message, budgetRemaining: 0 })
    }
  }

  /**
   * Our tags of the asker's list. Not raised yet: a list it hands us the announcement of is raised
   * now (its job here may wait behind the runs with other members, and each of those may be waiting
   * on us), at most `concurrency` at once; otherwise its pair runs and we wait a little for it.
   */
  async #tagsOf(peer: string, request: RaiseRequest, signal: AbortSignal): Promise<Uint8Array> {
    const { epoch, mode, listHash } = request
    try {
      return this.#c.party.tagsFor(peer, epoch, mode, listHash)
    } catch (err) {
      if (!(err instanceof UnknownListError)) throw err
    }
    if (request.announcement.length > 0) {
      const announcement = await this.#c.openAnnouncement(peer, request.announcement)
      this.noteAnnouncement(peer, announcement)
      if (announcement.epoch === epoch && announcement.mode === mode && hex(announcement.listHash) === hex(listHash)) {
        await this.#turns.run(() => this.#raiseOnce(peer, epoch, announcement), signal)
        // It asks once it has raised our lists: our half is quick now, while the connection is open.
        this.schedule(peer, true)
        return this.#c.party.tagsFor(peer, epoch, mode, listHash)
      }
    }
    this.schedule(peer)
    const deadline = Date.now() + this.#o.pendingWaitMs
    while (Date.now() < deadline && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 25))
      try {
        return this.#c.party.tagsFor(peer, epoch, mode, listHash)
      } catch (err) {
        if (!(err instanceof UnknownListError)) throw err
      }
    }
    throw new PendingError(`your list ${hex(listHash).slice(0, 12)} is not raised yet`)
  }

  #answer(tags: Uint8Array): Uint8Array {
    return encode('RaiseResponse', { status: Status.Ok, tags, message: '', budgetRemaining: 0 })
  }
}
