import { strict as assert } from 'node:assert'
import { MalformedMessageError } from '../../src/net/envelope.ts'
import type { RequestHandler } from '../../src/net/network.ts'
import { PROTOCOLS } from '../../src/net/options.ts'
import { decodeSync, encodeSync, type Sync } from '../../src/net/sync-message.ts'
import { MemberSync } from '../../src/node/member-sync.ts'

const bytes = (...values: number[]) => Uint8Array.from(values)

/** Ours: what this node holds and hands over on sync. */
const OURS = { envelopes: [bytes(1)], feed: [bytes(2)], roster: bytes(3), records: (peer: string) => [new TextEncoder().encode(peer)] }
/** Theirs: what the member sends. */
const THEIRS: Sync = { envelopes: [bytes(11), bytes(12)], feed: [bytes(13)], roster: bytes(14), peerRecords: [bytes(15)] }

/** MemberSync over stubs that record, in one log, what it hands on and in what order. */
function syncOverStubs(reply: Uint8Array = encodeSync(THEIRS)) {
  const log: string[] = []
  const handlers = new Map<string, RequestHandler>()
  const requests: { peer: string; protocol: string; sent: Sync }[] = []
  const sync = new MemberSync({
    network: {
      handle: (protocol, handler) => void handlers.set(protocol, handler),
      unhandle: (protocol) => void handlers.delete(protocol),
      request: async (peer, protocol, data) => {
        requests.push({ peer, protocol, sent: decodeSync(data) })
        return reply
      },
    },
    exchange: { envelopes: () => OURS.envelopes, schedule: (peer) => log.push(`schedule ${peer}`) },
    inbox: { accept: async (peer, envelopes) => void log.push(`inbox ${peer} ${envelopes.map((e) => e[0]).join(',')}`) },
    feed: { batches: OURS.feed, accept: async (peer, batches) => void log.push(`feed ${peer} ${batches.map((b) => b[0]).join(',')}`) },
    roster: { current: () => OURS.roster, accept: async (roster) => void log.push(`roster ${roster?.[0]}`) },
    addressBook: {
      recordsFor: OURS.records,
      acceptRecords: async (records) => {
        log.push(`records ${records.map((r) => r[0]).join(',')}`)
        return records.length
      },
    },
    heard: (peer) => log.push(`heard ${peer}`),
  })
  return { sync, log, handlers, requests }
}

const ACCEPTED = ['inbox m 11,12', 'feed m 13', 'roster 14', 'records 15']

describe('MemberSync', () => {
  it('asks a member with ours (announcements, feed, roster, its peer records) and accepts its reply', async () => {
    const s = syncOverStubs()
    await s.sync.sync('m')
    assert.deepEqual(s.requests, [
      {
        peer: 'm',
        protocol: PROTOCOLS.sync,
        sent: { envelopes: OURS.envelopes, feed: OURS.feed, roster: OURS.roster, peerRecords: OURS.records('m') },
      },
    ])
    assert.deepEqual(s.log, ['heard m', ...ACCEPTED])
  })

  it('answers a member that asks: accepts what it sent, runs its pair, and replies with ours', async () => {
    const s = syncOverStubs()
    s.sync.start()
    const handler = s.handlers.get(PROTOCOLS.sync)
    assert.ok(handler !== undefined, 'start registers the sync protocol')
    const answer = decodeSync(await handler('m', encodeSync(THEIRS), AbortSignal.timeout(1000)))
    assert.deepEqual(s.log, [...ACCEPTED, 'schedule m'])
    assert.deepEqual(answer, { envelopes: OURS.envelopes, feed: OURS.feed, roster: OURS.roster, peerRecords: OURS.records('m') })
    s.sync.stop()
    assert.equal(s.handlers.size, 0, 'stop removes the handler')
  })

  it('refuses a malformed reply before accepting anything, and does not note the member as heard', async () => {
    const s = syncOverStubs(bytes(0xff, 0xff, 0xff))
    await assert.rejects(s.sync.sync('m'), MalformedMessageError)
    assert.deepEqual(s.log, [])
  })
})
