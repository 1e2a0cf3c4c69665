import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { DH_SUITE } from '../../src/crypto/dh-suite.ts'
import { type EnvelopeChecks, sealEnvelope } from '../../src/net/envelope.ts'
import { AnnouncementInbox, type InboxStats } from '../../src/node/announcement-inbox.ts'
import { BadMessageError, OversizeError } from '../../src/psi/errors.ts'
import { encode, type ListAnnouncement, Mode } from '../../src/psi/messages.ts'

const topic = '/sightline/test/digest/1'

async function member() {
  const privateKey = await generateKeyPair('Ed25519')
  return { privateKey, id: peerIdFromPrivateKey(privateKey).toString() }
}

type Member = Awaited<ReturnType<typeof member>>

function announce(from: Member, epoch: number, sequence: number, points = 64): Promise<Uint8Array> {
  const payload = encode('ListAnnouncement', {
    suite: DH_SUITE,
    epoch,
    mode: Mode.Items,
    generation: 1,
    index: 0,
    listHash: new Uint8Array(32).fill(sequence),
    points,
    windowSeconds: 0,
  })
  return sealEnvelope(from.privateKey, from.id, topic, { epoch, sequence, kind: 'list-items', payload })
}

/** The inbox with stub collaborators that record what it hands on. */
function inbox(self: Member, members: string[], refuse?: (a: ListAnnouncement) => Error | undefined) {
  const noted: [string, number][] = []
  const scheduled: string[] = []
  const errors: string[] = []
  const stats: InboxStats = { gossipAccepted: 0, gossipRejected: {}, digestsRefused: {} }
  const checks: EnvelopeChecks = {
    maxBytes: 1 << 20,
    maxSkewMs: 60_000,
    isMember: (p) => members.includes(p),
    lastSequence: new Map(),
    kinds: new Set(['list-items']),
  }
  const box = new AnnouncementInbox(topic, checks, {
    peerId: self.id,
    party: {
      checkAnnouncement: (_peer, a) => {
        const err = refuse?.(a)
        if (err !== undefined) throw err
      },
    },
    exchange: { noteAnnouncement: (peer, a) => noted.push([peer, Number(a.epoch)]), schedule: (peer) => scheduled.push(peer) },
    epoch: () => 7,
    stats,
    onError: (m) => errors.push(m),
  })
  return { box, noted, scheduled, errors, stats }
}

describe('AnnouncementInbox (stubbed party and exchange)', () => {
  it('notes a member gossip announcement of our epoch and runs its pair once; another epoch is set aside', async () => {
    const [self, a] = [await member(), await member()]
    const t = inbox(self, [self.id, a.id])
    assert.equal(await t.box.validate(a.id, await announce(a, 7, 1)), 'accept')
    await t.box.accept(undefined, [await announce(a, 7, 2), await announce(a, 6, 3)])
    assert.deepEqual(t.noted, [[a.id, 7]])
    assert.deepEqual(t.scheduled, [a.id])
    assert.equal(t.stats.gossipAccepted, 1)
    assert.deepEqual(t.stats.digestsRefused, {})
  })

  it('rejects a forged or non-member envelope on gossip and counts it by reason', async () => {
    const [self, a, outsider] = [await member(), await member(), await member()]
    const t = inbox(self, [self.id, a.id])
    const bytes = await announce(a, 7, 1)
    const tampered = Uint8Array.from(bytes)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1
    assert.equal(await t.box.validate(a.id, tampered), 'reject')
    assert.notEqual(await t.box.validate(outsider.id, await announce(outsider, 7, 1)), 'accept')
    assert.equal(
      Object.values(t.stats.gossipRejected).reduce((x, y) => x + y, 0),
      2,
    )
    assert.deepEqual(t.noted, [])
  })

  it('on sync takes only the sender own announcements, without replay or age checks, and leaves the pair to the caller', async () => {
    const [self, a, b] = [await member(), await member(), await member()]
    const t = inbox(self, [self.id, a.id, b.id])
    const first = await announce(a, 7, 5)
    await t.box.accept(a.id, [first, await announce(b, 7, 1)])
    await t.box.accept(a.id, [first])
    assert.deepEqual(t.noted, [
      [a.id, 7],
      [a.id, 7],
    ])
    assert.deepEqual(t.scheduled, [])
    const direct = await t.box.openDirect(a.id, first)
    assert.equal(Number(direct.epoch), 7)
    await assert.rejects(t.box.openDirect(b.id, first), BadMessageError)
  })

  it('counts a list the party refuses by its code and reports it, and goes on with the next', async () => {
    const [self, a, b] = [await member(), await member(), await member()]
    const t = inbox(self, [self.id, a.id, b.id], (ann) =>
      Number(ann.points) > 64 ? new OversizeError('list of 320 points; at most 64') : undefined,
    )
    await t.box.accept(undefined, [await announce(a, 7, 1, 320), await announce(b, 7, 1)])
    assert.deepEqual(t.noted, [[b.id, 7]])
    assert.equal(
      Object.values(t.stats.digestsRefused).reduce((x, y) => x + y, 0),
      1,
    )
    assert.equal(t.errors.length, 1)
    assert.match(t.errors[0] as string, /320 points/)
  })
})
