import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { PeerRecord, RecordEnvelope } from '@libp2p/peer-record'
import { multiaddr } from '@multiformats/multiaddr'
import { openPeerRecord, sealPeerRecord } from '../../src/net/peer-records.ts'
import { AddressBook } from '../../src/node/address-book.ts'
import { Store } from '../../src/store/store.ts'
import { tempDir } from '../helpers/tmp.ts'

interface Member {
  key: PrivateKey
  id: string
}

async function member(): Promise<Member> {
  const key = await generateKeyPair('Ed25519')
  return { key, id: peerIdFromPrivateKey(key).toString() }
}

describe('AddressBook', () => {
  let me: Member
  let b: Member
  let c: Member
  let outsider: Member
  before(async () => {
    ;[me, b, c, outsider] = await Promise.all([member(), member(), member(), member()])
  })

  function book(store: Store, errors: string[] = []): AddressBook {
    const members = new Set([me.id, b.id, c.id])
    return new AddressBook({
      addresses: store.addresses,
      privateKey: me.key,
      peerId: me.id,
      isMember: (p) => members.has(p),
      onError: (m) => errors.push(m),
    })
  }

  it('keeps verified records of members, newest seq winning, and refuses forgeries and outsiders', async () => {
    const store = new Store({ location: 'mem', memory: true })
    await store.start()
    const errors: string[] = []
    const addresses = book(store, errors)
    await addresses.start()
    const old = await sealPeerRecord(b.key, ['/ip4/127.0.0.1/tcp/4001'], 10n)
    const fresh = await sealPeerRecord(b.key, [`/ip4/127.0.0.1/tcp/4002/p2p/${b.id}`], 11n)
    assert.equal(await addresses.acceptRecords([fresh.envelope]), 1)
    assert.equal(await addresses.acceptRecords([old.envelope]), 0, 'an older record does not replace a newer one')
    assert.deepEqual(addresses.addressesOf(b.id), ['/ip4/127.0.0.1/tcp/4002'])

    // An outsider's own record, and a record about B signed by C: neither is taken.
    const foreign = await sealPeerRecord(outsider.key, ['/ip4/10.0.0.1/tcp/1'], 99n)
    const forged = await RecordEnvelope.seal(
      new PeerRecord({ peerId: peerIdFromPrivateKey(b.key), multiaddrs: [multiaddr('/ip4/6.6.6.6/tcp/666')], seqNumber: 100n }),
      c.key,
    )
    assert.equal(await addresses.acceptRecords([foreign.envelope, forged.marshal(), new Uint8Array([1, 2, 3])]), 0)
    assert.deepEqual(addresses.addressesOf(b.id), ['/ip4/127.0.0.1/tcp/4002'])
    assert.equal(addresses.addressesOf(outsider.id).length, 0)
    assert.equal(errors.length, 2, errors.join('\n'))
    assert.match(errors[0] as string, /not signed by its key/)
    await assert.rejects(openPeerRecord(forged.marshal()), { name: 'InvalidPeerRecordError' })

    // Unsigned hints come after the signed addresses; our own record leads what we pass on.
    await addresses.learn(b.id, [`/ip4/192.168.1.5/tcp/4002/p2p/${b.id}`])
    await addresses.learn(outsider.id, ['/ip4/10.0.0.1/tcp/1'])
    assert.deepEqual(addresses.addressesOf(b.id), ['/ip4/127.0.0.1/tcp/4002', '/ip4/192.168.1.5/tcp/4002'])
    assert.equal(addresses.addressesOf(outsider.id).length, 0)
    await addresses.sealOwn([`/dns4/bank-a.example/tcp/4001/p2p/${me.id}`])
    const passed = await Promise.all(addresses.records().map(openPeerRecord))
    assert.deepEqual(
      passed.map((r) => [r.peerId, r.addresses]),
      [
        [me.id, ['/dns4/bank-a.example/tcp/4001']],
        [b.id, ['/ip4/127.0.0.1/tcp/4002']],
      ],
    )
    await addresses.stop()
    await store.stop()
  })

  it('hands a member only the records it has not had from us, never its own', async () => {
    const store = new Store({ location: 'mem', memory: true })
    await store.start()
    const addresses = book(store)
    await addresses.start()
    await addresses.sealOwn(['/ip4/127.0.0.1/tcp/4001'])
    const ids = async (records: Uint8Array[]) => (await Promise.all(records.map(openPeerRecord))).map((r) => r.peerId)
    await addresses.acceptRecords([(await sealPeerRecord(b.key, ['/ip4/127.0.0.1/tcp/4002'], 5n)).envelope])
    assert.deepEqual(await ids(addresses.recordsFor(b.id)), [me.id], 'not B its own record')
    assert.deepEqual(addresses.recordsFor(b.id), [], 'nothing new since')
    assert.deepEqual(await ids(addresses.recordsFor(c.id)), [me.id, b.id], 'each member gets them once')
    await addresses.learn(c.id, ['/ip4/192.168.1.5/tcp/4003'])
    assert.deepEqual(addresses.recordsFor(b.id), [], 'an unsigned hint is not passed on')
    await addresses.acceptRecords([(await sealPeerRecord(c.key, ['/ip4/127.0.0.1/tcp/4003'], 5n)).envelope])
    assert.deepEqual(await ids(addresses.recordsFor(b.id)), [c.id], 'a new record, alone')
    await addresses.sealOwn(['/ip4/127.0.0.1/tcp/4009'])
    assert.deepEqual(await ids(addresses.recordsFor(b.id)), [me.id], 'our own record sealed again')
    await addresses.stop()
    await store.stop()
  })

  it('keeps what it learned across a close and reopen of the store', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const location = join(dir, 'db')
      let store = new Store({ location })
      await store.start()
      let addresses = book(store)
      await addresses.start()
      await addresses.acceptRecords([(await sealPeerRecord(c.key, ['/ip4/127.0.0.1/tcp/5001'], 5n)).envelope])
      await addresses.learn(b.id, [`/ip4/127.0.0.1/tcp/6001/p2p/${b.id}`])
      await addresses.stop()
      await store.stop()

      store = new Store({ location })
      await store.start()
      addresses = book(store)
      await addresses.start()
      assert.deepEqual(addresses.addressesOf(c.id), ['/ip4/127.0.0.1/tcp/5001'])
      assert.deepEqual(addresses.addressesOf(b.id), ['/ip4/127.0.0.1/tcp/6001'])
      assert.equal(await addresses.acceptRecords([(await sealPeerRecord(c.key, ['/ip4/127.0.0.1/tcp/9'], 4n)).envelope]), 0)
      await addresses.stop()
      await store.stop()
    } finally {
      await cleanup()
    }
  })
})
