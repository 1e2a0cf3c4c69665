import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { openEnvelope } from '../../src/net/envelope.ts'
import type { FeedEntry } from '../../src/net/sync-message.ts'
import { Publisher } from '../../src/node/publisher.ts'
import { Mode } from '../../src/psi/messages.ts'
import type { PublishedList } from '../../src/psi/own-lists.ts'

const TOPIC = '/sightline/test/digest/1'

type OwnEntry = { list: PublishedList; envelope: Uint8Array }

function list(epoch: number, mode: Mode, generation: number): PublishedList {
  return {
    epoch,
    mode,
    generation,
    index: 0,
    points: new Uint8Array(32),
    hash: new Uint8Array(32).fill(generation * 16 + mode),
    items: Int32Array.of(0),
    windowSeconds: 0,
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

/** A promise the test opens when it chooses. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

/** Sequence and kind of a sealed announcement, as a member opening it reads them. */
async function opened(envelope: Uint8Array) {
  const e = await openEnvelope(envelope, TOPIC, { maxBytes: 1 << 20, maxSkewMs: 60_000, isMember: () => true, lastSequence: new Map() })
  return { kind: e.kind, sequence: e.sequence, epoch: e.epoch }
}

/** A Publisher over stubs that record what it hands on, in one event log. */
async function publisherOverStubs() {
  const privateKey = await generateKeyPair('Ed25519')
  const state = new Map<string, unknown>()
  const own: OwnEntry[] = []
  const events: string[] = []
  const gossiped: Uint8Array[] = []
  const published: OwnEntry[][] = []
  const errors: [string, unknown][] = []
  let feedGate: Promise<void> = Promise.resolve()
  const feedGot: (FeedEntry[] | undefined)[] = []
  /** The feed's publication waits until the returned function is called. */
  const holdFeed = () => {
    const g = gate()
    feedGate = g.opened
    return g.open
  }
  const engine = {
    epoch: 7,
    modes: [Mode.Items, Mode.Count],
    epochAt: () => 7,
    listLabel: (mode: Mode) => `mode ${mode}`,
    ownSize: () => 1,
    ownSizes: () => ({ items: 1, count: 1 }),
    /** The feed entries the last scan found: handed to the feed once. */
    takeFeedEntries: (): FeedEntry[] | undefined => [
      { type: 'domain', value: 'clear.example', tlp: 'clear', tags: [], firstSeen: 0, lastSeen: 0 },
    ],
    publishAll: async (epoch: number): Promise<PublishedList[]> => {
      events.push(`publishAll ${epoch}`)
      engine.epoch = epoch
      return [list(epoch, Mode.Items, 1), list(epoch, Mode.Count, 1)]
    },
    publishChanges: async (): Promise<PublishedList[]> => {
      events.push('publishChanges')
      return [list(engine.epoch, Mode.Items, 2)]
    },
  }
  const runAll = { count: 0 }
  const publisher = new Publisher(TOPIC, {
    privateKey,
    peerId: peerIdFromPrivateKey(privateKey).toString(),
    store: {
      state: {
        get: async (key) => state.get(key),
        put: async (key, value) => void state.set(key, value),
      },
    },
    exchange: {
      publish: (entries) => {
        published.push(entries)
        for (const entry of entries) {
          const at = own.findIndex((e) => e.list.mode === entry.list.mode)
          if (at >= 0) own.splice(at, 1)
          own.push(entry)
        }
      },
      envelopes: () => own.map((e) => e.envelope),
      ownLists: () => own.map((e) => e.list),
      retireBefore: (epoch) => events.push(`exchange retires before ${epoch}`),
    },
    engine,
    party: {
      own: () => ({ lists: [], deltas: 0 }),
      retireBefore: (epoch) => events.push(`party retires before ${epoch}`),
    },
    network: { publish: async (_topic, data) => void gossiped.push(data) },
    feed: {
      publish: async (epoch, entries) => {
        await feedGate
        events.push(`feed ${epoch}`)
        feedGot.push(entries)
      },
    },
    roster: { publish: async () => void events.push('roster') },
    runAll: () => {
      runAll.count++
      events.push('runAll')
    },
    onError: (message, err) => errors.push([message, err]),
  })
  return { publisher, engine, state, own, events, gossiped, published, errors, runAll, holdFeed, feedGot }
}

describe('Publisher', () => {
  it('coalesces local changes: three asked while one runs make one more publication, not three', async () => {
    const s = await publisherOverStubs()
    const first = gate()
    let changes = 0
    s.engine.publishChanges = async () => {
      changes++
      if (changes === 1) await first.opened
      return [list(s.engine.epoch, Mode.Items, 1 + changes)]
    }
    const running = s.publisher.localChange()
    while (changes === 0) await tick()
    const queued = [s.publisher.localChange(), s.publisher.localChange(), s.publisher.localChange()]
    assert.ok(queued[1] === queued[0] && queued[2] === queued[0], 'the later changes join the one waiting')
    first.open()
    await Promise.all([running, ...queued])
    assert.equal(changes, 2)
    assert.equal(s.published.length, 2)
    assert.equal(s.runAll.count, 2)
    assert.deepEqual(s.errors, [])
  })

  it('reports a failing change through onError, and the next change still runs', async () => {
    const s = await publisherOverStubs()
    const failure = new Error('the store cannot write')
    let changes = 0
    s.engine.publishChanges = async () => {
      changes++
      if (changes === 1) throw failure
      return [list(s.engine.epoch, Mode.Items, 2)]
    }
    await assert.rejects(s.publisher.localChange(), failure)
    await s.publisher.localChange()
    assert.deepEqual(s.errors, [['local change: the store cannot write', failure]])
    assert.equal(changes, 2)
    assert.equal(s.published.length, 1, 'the second change was published')
    assert.equal(s.runAll.count, 1)
  })

  it('starts a rotation queued behind a running local change only after that change ends', async () => {
    const s = await publisherOverStubs()
    const change = gate()
    s.engine.publishChanges = async () => {
      s.events.push('change starts')
      await change.opened
      s.events.push('change ends')
      return [list(s.engine.epoch, Mode.Items, 2)]
    }
    const changing = s.publisher.localChange()
    while (!s.events.includes('change starts')) await tick()
    const rotating = s.publisher.rotate()
    for (let i = 0; i < 10; i++) await tick()
    assert.ok(!s.events.includes('publishAll 8'), 'the rotation waited')
    change.open()
    await Promise.all([changing, rotating])
    assert.deepEqual(s.events, [
      'change starts',
      'change ends',
      'feed 7',
      'runAll',
      'publishAll 8',
      'party retires before 7',
      'exchange retires before 8',
      'feed 8',
      'roster',
      'runAll',
    ])
    assert.deepEqual(s.errors, [])
  })

  it('gossips nothing per list on a fresh publication (the announcement does, once each) but gossips a change', async () => {
    const s = await publisherOverStubs()
    await s.publisher.publishAtStart()
    assert.ok(s.publisher.listsOut)
    await s.publisher.settled()
    assert.deepEqual(s.events, ['publishAll 7', 'feed 7', 'roster'])
    assert.deepEqual(
      s.feedGot,
      [[{ type: 'domain', value: 'clear.example', tlp: 'clear', tags: [], firstSeen: 0, lastSeen: 0 }]],
      "the feed went out from the lists' scan, not a read of its own",
    )
    assert.deepEqual(
      s.gossiped,
      s.own.map((e) => e.envelope),
      'each list of the epoch gossiped once',
    )
    const builtAt = s.publisher.digestState?.builtAt
    s.gossiped.length = 0
    await s.publisher.localChange()
    const changed = s.published[1]?.map((e) => e.envelope)
    assert.equal(changed?.length, 1)
    assert.deepEqual(s.gossiped, changed, 'the change gossiped its new list')
    assert.equal(s.publisher.digestState?.builtAt, builtAt, 'a change keeps the build time of its generation')
  })

  it('resolves the publication at start once our lists are out, before the feed and roster (members wait for the lists alone)', async () => {
    const s = await publisherOverStubs()
    const release = s.holdFeed()
    await s.publisher.publishAtStart()
    assert.ok(s.publisher.listsOut)
    assert.equal(s.gossiped.length, s.own.length, 'the lists were announced')
    assert.deepEqual(s.events, ['publishAll 7'], 'the feed is still held')
    release()
    await s.publisher.settled()
    assert.deepEqual(s.events, ['publishAll 7', 'feed 7', 'roster'])
  })

  it('seals each list under the next sequence number of its kind', async () => {
    const s = await publisherOverStubs()
    await s.publisher.publishAtStart()
    const atStart = await Promise.all((s.published[0] ?? []).map((e) => opened(e.envelope)))
    assert.deepEqual(
      atStart.map((e) => [e.kind, e.epoch]),
      [
        ['list-items', 7],
        ['list-count', 7],
      ],
    )
    await s.publisher.rotate()
    const rotated = await Promise.all((s.published[1] ?? []).map((e) => opened(e.envelope)))
    for (const [i, e] of rotated.entries()) {
      const before = atStart[i]
      assert.equal(e.kind, before?.kind)
      assert.ok(e.sequence > (before?.sequence ?? Number.POSITIVE_INFINITY), `${e.kind}: ${e.sequence} after ${before?.sequence}`)
      assert.equal(s.state.get(`sequence/${e.kind}`), e.sequence, 'each kind keeps its own sequence')
    }
  })

  it('reannounces our current lists under new sequence numbers, and gossips them', async () => {
    const s = await publisherOverStubs()
    await s.publisher.publishAtStart()
    const lists = s.own.map((e) => e.list)
    const before = await Promise.all(s.own.map((e) => opened(e.envelope)))
    s.gossiped.length = 0
    await s.publisher.reannounce()
    const again = s.published[1] ?? []
    assert.deepEqual(
      again.map((e) => e.list),
      lists,
    )
    const after = await Promise.all(again.map((e) => opened(e.envelope)))
    for (const [i, e] of after.entries()) assert.ok(e.sequence > (before[i]?.sequence ?? Number.POSITIVE_INFINITY))
    assert.deepEqual(
      s.gossiped,
      again.map((e) => e.envelope),
    )
  })

  it('reports a failed publication at start without throwing, and leaves our lists not out', async () => {
    const s = await publisherOverStubs()
    const failure = new Error('no scalar')
    s.engine.publishAll = async () => {
      throw failure
    }
    await s.publisher.publishAtStart()
    assert.equal(s.publisher.listsOut, false)
    assert.deepEqual(s.errors, [['publishing our lists at start: no scalar', failure]])
  })
})
