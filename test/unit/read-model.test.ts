import { strict as assert } from 'node:assert'
import { MemberReadModel, type ReadModelComponents } from '../../src/node/read-model.ts'
import { ALL_MODES } from '../../src/psi/enums.ts'
import { Mode } from '../../src/psi/messages.ts'
import type { MatchRecord } from '../../src/store/repositories.ts'

/** Stub member parts with live counters the test changes, and a log of the actions taken on them. */
function stubParts() {
  const actions: string[] = []
  const listeners: ((m: MatchRecord) => void)[] = []
  const stats = {
    gossipAccepted: 2,
    gossipRejected: { InvalidSignatureError: 1 },
    digestsRefused: { too_large: 3 },
    matches: 0,
    errors: ['boom'],
  }
  const exchangeStats = {
    raiseRequestsSent: 4,
    listsFetched: 5,
    refusedByMembers: { pending: 1 },
    refusedToMembers: { unknown_list: 2 },
    retries: 0,
  }
  const retryAt = new Map<string, number>([['peer-b', 123]])
  // Sighted lists' refusals are not part of the budget refusals readers show.
  const sightedRefusals = Object.fromEntries(ALL_MODES.map((m) => [m, 9])) as Record<Mode, number>
  const parts: ReadModelComponents = {
    network: {
      addresses: ['/memory/a/p2p/peer-a'],
      connectedPeers: () => ['peer-b'],
      connectionCount: () => 1,
      gaterRefusals: { peer: 6 },
      dial: async (address) => void actions.push(`dial ${address}`),
      hangUp: async (peer) => void actions.push(`hangUp ${peer}`),
      setUnreachable: async (peers) => void actions.push(`unreachable ${[...peers].join(',')}`),
    },
    service: {
      stats,
      feedReceived: 7,
      idle: async () => void actions.push('idle'),
      runAll: () => void actions.push('runAll'),
      reannounce: async () => void actions.push('reannounce'),
      localChange: async () => void actions.push('localChange'),
      onMatch: (listener) => void listeners.push(listener),
      exchange: {
        stats: exchangeStats,
        settled: async () => void actions.push('settled'),
        state: (peer) => (retryAt.has(peer) ? { running: false, attempts: 1, nextAttemptAt: retryAt.get(peer) as number } : undefined),
      },
    },
    party: { budgets: { refusals: { ...sightedRefusals, [Mode.Items]: 1, [Mode.Count]: 2 } }, elementsRaised: 8 },
    engine: {
      redCounts: () => new Map([['peer-b', 4]]),
      redCountsByList: () => [{ peer: 'peer-b', list: 'holds', count: 4 }],
    },
    addressBook: { learn: async (peer, addresses) => void actions.push(`learn ${peer} ${addresses.join(',')}`) },
    reaper: { closed: 3 },
    sent: new Map([['/sightline/psi', { messages: 2, bytes: 100 }]]),
  }
  return { parts, actions, listeners, stats, exchangeStats }
}

describe('MemberReadModel', () => {
  it('reads every counter readers need into one snapshot, holds and count budget refusals by mode', () => {
    const { parts } = stubParts()
    const s = new MemberReadModel(parts, ['address book: x']).snapshot()
    assert.deepEqual(s.addresses, ['/memory/a/p2p/peer-a'])
    assert.deepEqual(s.connectedPeers, ['peer-b'])
    assert.equal(s.connections, 1)
    assert.equal(s.gossipAccepted, 2)
    assert.deepEqual(s.gossipRejected, { InvalidSignatureError: 1 })
    assert.deepEqual(s.digestsRefused, { too_large: 3 })
    assert.deepEqual(s.gaterRefusals, { peer: 6 })
    assert.deepEqual(s.budgetRefusals, { items: 1, count: 2 })
    assert.deepEqual(s.errors, ['boom'])
    assert.deepEqual(s.networkErrors, ['address book: x'])
    assert.equal(s.feedReceived, 7)
    assert.deepEqual(s.psi, {
      raiseRequestsSent: 4,
      listsFetched: 5,
      elementsRaised: 8,
      refusedByMembers: { pending: 1 },
      refusedToMembers: { unknown_list: 2 },
    })
    assert.deepEqual(s.sent, { '/sightline/psi': { messages: 2, bytes: 100 } })
    assert.deepEqual([...s.redCounts], [['peer-b', 4]])
    assert.deepEqual(s.redCountsByList, [{ peer: 'peer-b', list: 'holds', count: 4 }])
    assert.equal(s.idleClosed, 3)
  })

  it('copies the counters: a snapshot does not change when the node counts on', () => {
    const { parts, stats, exchangeStats } = stubParts()
    const model = new MemberReadModel(parts, [])
    const s = model.snapshot()
    stats.gossipRejected.InvalidSignatureError = 10
    stats.digestsRefused.too_large = 10
    stats.errors.push('later')
    exchangeStats.refusedToMembers.unknown_list = 10
    const sent = parts.sent.get('/sightline/psi')
    assert.ok(sent)
    sent.bytes = 999
    assert.deepEqual(s.gossipRejected, { InvalidSignatureError: 1 })
    assert.deepEqual(s.digestsRefused, { too_large: 3 })
    assert.deepEqual(s.errors, ['boom'])
    assert.deepEqual(s.psi.refusedToMembers, { unknown_list: 2 })
    assert.equal(s.sent['/sightline/psi']?.bytes, 100)
    assert.deepEqual(model.snapshot().gossipRejected, { InvalidSignatureError: 10 })
  })

  it('says which pairs wait for a retry, and passes the simulator its actions', async () => {
    const { parts, actions, listeners } = stubParts()
    const model = new MemberReadModel(parts, [])
    assert.equal(model.retryPending('peer-b'), true)
    assert.equal(model.retryPending('peer-c'), false)
    await model.settled()
    await model.idle()
    model.runAll()
    await model.reannounce()
    await model.localChange()
    await model.dial('/memory/b')
    await model.hangUp('peer-b')
    await model.setUnreachable(['peer-c'])
    await model.learnAddresses('peer-c', ['/memory/c'])
    const onMatch = () => {}
    model.onMatch(onMatch)
    assert.deepEqual(actions, [
      'settled',
      'idle',
      'runAll',
      'reannounce',
      'localChange',
      'dial /memory/b',
      'hangUp peer-b',
      'unreachable peer-c',
      'learn peer-c /memory/c',
    ])
    assert.deepEqual(listeners, [onMatch])
  })
})
