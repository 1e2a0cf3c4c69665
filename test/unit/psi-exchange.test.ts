import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { toHex } from '../../src/crypto/bytes.ts'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { x25519Backend } from '../../src/crypto/x25519-backend.ts'
import { PROTOCOLS } from '../../src/net/options.ts'
import type { MatchEngine } from '../../src/node/match-engine.ts'
import { PsiExchange } from '../../src/node/psi-exchange.ts'
import type { PsiExchangeComponents, PsiExchangeOptions } from '../../src/node/psi-exchange-types.ts'
import { encode, Mode, Status } from '../../src/psi/messages.ts'
import { announcementOf } from '../../src/psi/mutual.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../../src/psi/options.ts'
import type { PublishedList } from '../../src/psi/own-lists.ts'
import { PsiParty } from '../../src/psi/party.ts'

const engine = new InlineDhEngine(x25519Backend())
const EPOCH = 7
const options: PsiOptions = {
  ...DEFAULT_PSI_OPTIONS,
  community: 'test',
  budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Items]: { multiple: 1, floor: 16, cap: 1 << 20 } },
}
const party = (name: string) => new PsiParty(name, options, { engine, seed: createHash('sha256').update(name).digest() })
const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`sightline/v1domain\0${prefix}.${i}`))

/** A holding `ours` items and B holding `theirs`, each list published for EPOCH. */
async function published(ours: number, theirs: number) {
  const a = party('A')
  const b = party('B')
  return { a, ours: await a.publish(EPOCH, Mode.Items, items('a', ours)), theirs: await b.publish(EPOCH, Mode.Items, items('b', theirs)) }
}

/**
 * A's exchange with member B over a stub network: `request` answers A's requests to B; B's
 * announcements open as `theirs`. Options over quick retries and one turn.
 */
function exchangeWithB(
  a: PsiParty,
  theirs: PublishedList,
  network: Partial<PsiExchangeComponents['network']> & Pick<PsiExchangeComponents['network'], 'request'>,
  options: Partial<PsiExchangeOptions> = {},
  onError: (message: string) => void = () => {},
): PsiExchange {
  return new PsiExchange(
    { concurrency: 1, baseDelayMs: 10, maxDelayMs: 20, maxMessageBytes: 1 << 20, maxListBytes: 1 << 24, pendingWaitMs: 10, ...options },
    {
      party: a,
      engine: { epoch: EPOCH, setCount: () => {}, record: async () => [] } as unknown as MatchEngine,
      network: { handle: () => {}, unhandle: () => {}, isConnected: () => true, ...network },
      isMember: (peer) => peer === 'B',
      openAnnouncement: async () => announcementOf(theirs),
      sync: async () => {},
      onMatches: () => {},
      onError,
    },
  )
}

describe('PsiExchange: a refusal that retrying cannot mend', () => {
  it('is logged and counted once per member and epoch, however often the pair re-runs', async () => {
    // B's list is far over the budget A gives it (A's own list is small); B refuses A's list too.
    const { a, ours, theirs } = await published(4, 200)
    const errors: string[] = []
    const exchange = exchangeWithB(
      a,
      theirs,
      {
        request: async (_peer, protocol) =>
          protocol === PROTOCOLS.list
            ? encode('ListResponse', { status: Status.Ok, points: theirs.points, message: '' })
            : encode('RaiseResponse', {
                status: Status.BudgetExceeded,
                tags: new Uint8Array(0),
                message: 'over budget',
                budgetRemaining: 0,
              }),
      },
      {},
      (message) => errors.push(message),
    )
    exchange.publish([{ list: ours, envelope: new Uint8Array([1]) }])
    exchange.noteAnnouncement('B', announcementOf(theirs))
    for (let run = 0; run < 5; run++) {
      exchange.schedule('B')
      await exchange.settled()
    }
    assert.equal(errors.length, 1, errors.join('\n'))
    assert.match(errors[0] as string, /^PSI with B: .*budget/)
    assert.equal(exchange.stats.refusedByMembers.budget_exceeded, 1)
    assert.equal(a.budgets.refusals[Mode.Items], 1)
    // The member's state still shows the refusal each time it runs.
    assert.match(exchange.state('B')?.lastError ?? '', /budget/)
    await exchange.stop()
  })
})

describe('PsiExchange: a list announced while the pair job waits on the member', () => {
  /** The job waits on B (its raise request hangs); B's announcement arrives. Resolves with lists fetched by then. */
  async function announcedWhileWaiting(connected: boolean) {
    const { a, ours, theirs } = await published(8, 8)
    // B is busy raising our list: its answer to our raise request comes only when we let it.
    let answer: (bytes: Uint8Array) => void = () => {}
    const busy = new Promise<Uint8Array>((resolve) => {
      answer = resolve
    })
    let raiseAsked = false
    const exchange = exchangeWithB(
      a,
      theirs,
      {
        isConnected: () => connected,
        request: async (_peer, protocol) => {
          if (protocol === PROTOCOLS.list) return encode('ListResponse', { status: Status.Ok, points: theirs.points, message: '' })
          raiseAsked = true
          return busy
        },
      },
      { concurrency: 2, baseDelayMs: 10_000, maxDelayMs: 20_000 },
    )
    exchange.start()
    exchange.publish([{ list: ours, envelope: new Uint8Array([1]) }])
    // The job runs: B has announced nothing yet, so it only asks B for its tags of our list, and waits.
    exchange.schedule('B')
    for (let i = 0; i < 100 && !raiseAsked; i++) await new Promise((resolve) => setTimeout(resolve, 5))
    assert.ok(raiseAsked, 'the job asked B for its tags of our list')
    // B's list arrives (its sync, or gossip) while the job still waits on B.
    exchange.noteAnnouncement('B', announcementOf(theirs))
    // As the inbox does: the pair runs again after the run in progress.
    exchange.schedule('B')
    const hash = toHex(theirs.hash)
    for (let i = 0; i < 40 && !a.pair('B', EPOCH, Mode.Items).hasTheirList(hash); i++)
      await new Promise((resolve) => setTimeout(resolve, 5))
    const whileWaiting = { fetched: exchange.stats.listsFetched, raised: a.pair('B', EPOCH, Mode.Items).hasTheirList(hash) }
    answer(encode('RaiseResponse', { status: Status.BudgetExceeded, tags: new Uint8Array(0), message: 'done', budgetRemaining: 0 }))
    await exchange.settled()
    const afterJob = { fetched: exchange.stats.listsFetched, raised: a.pair('B', EPOCH, Mode.Items).hasTheirList(hash) }
    await exchange.stop()
    return { whileWaiting, afterJob }
  }

  it('is fetched and raised at once over an open connection, not after the job ends (both sides raise at the same time)', async () => {
    const { whileWaiting, afterJob } = await announcedWhileWaiting(true)
    assert.deepEqual(whileWaiting, { fetched: 1, raised: true }, "B's list was raised while the job still waited on B")
    assert.deepEqual(afterJob, { fetched: 1, raised: true }, 'the job, run again, found the list raised and did not fetch it twice')
  })

  it('from a member not connected (a sparse mesh) waits for its pair job, within the PSI concurrency', async () => {
    const { whileWaiting, afterJob } = await announcedWhileWaiting(false)
    assert.deepEqual(whileWaiting, { fetched: 0, raised: false })
    assert.deepEqual(afterJob, { fetched: 1, raised: true }, 'the job raised it')
  })
})

describe('PsiExchange: one fetch per list', () => {
  it('a list announced again while its raise waits for a turn is not fetched a second time', async () => {
    const { a, ours, theirs } = await published(8, 8)
    // B's list comes slowly: the first raise holds the one turn while the same announcement arrives again.
    let serve: () => void = () => {}
    const served = new Promise<void>((resolve) => {
      serve = resolve
    })
    let fetches = 0
    const handled = new Set<string>()
    const exchange = exchangeWithB(
      a,
      theirs,
      {
        handle: (protocol) => void handled.add(protocol),
        unhandle: (protocol) => void handled.delete(protocol),
        request: async (_peer, protocol) => {
          if (protocol !== PROTOCOLS.list) return new Promise<Uint8Array>(() => {})
          fetches++
          await served
          return encode('ListResponse', { status: Status.Ok, points: theirs.points, message: '' })
        },
      },
      { baseDelayMs: 10_000, maxDelayMs: 20_000 },
    )
    exchange.start()
    exchange.publish([{ list: ours, envelope: new Uint8Array([1]) }])
    exchange.noteAnnouncement('B', announcementOf(theirs))
    // By gossip and by sync: the same announcement twice more while the first raise runs.
    exchange.noteAnnouncement('B', announcementOf(theirs))
    exchange.noteAnnouncement('B', announcementOf(theirs))
    serve()
    const hash = toHex(theirs.hash)
    for (let i = 0; i < 200 && !a.pair('B', EPOCH, Mode.Items).hasTheirList(hash); i++)
      await new Promise((resolve) => setTimeout(resolve, 5))
    // Let the waiting raises have their turns.
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.ok(a.pair('B', EPOCH, Mode.Items).hasTheirList(hash))
    assert.equal(fetches, 1)
    assert.equal(exchange.stats.listsFetched, 1)
    assert.deepEqual([...handled].sort(), [PROTOCOLS.list, PROTOCOLS.raise].sort(), 'start registered the list and raise protocols')
    await exchange.stop()
    assert.equal(handled.size, 0, 'stop removed them')
  })
})
