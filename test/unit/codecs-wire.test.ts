import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { sightline as netWire } from '../../proto/gen/net.js'
import { sightline as psiWire } from '../../proto/gen/psi.js'
import { sightline as storeWire } from '../../proto/gen/sightline.js'
import { TLP_LEVELS } from '../../src/indicators/tlp.ts'
import type { IndicatorRecord, SightingRecord } from '../../src/indicators/types.ts'
import { openEnvelope, sealEnvelope } from '../../src/net/envelope.ts'
import {
  decodeFeedBatch,
  decodePeerRecords,
  decodeSync,
  encodeFeedBatch,
  encodePeerRecords,
  encodeSync,
  type FeedEntry,
  NetStatus,
  type Sync,
} from '../../src/net/sync-message.ts'
import { decode, encode, Mode, Status } from '../../src/psi/messages.ts'
import { decodeIndicator, decodeSighting, encodeIndicator, encodeSighting } from '../../src/store/codec.ts'
import { legacy } from '../helpers/legacy-codecs.ts'

/**
 * The generated codecs (proto/gen) must put on the wire exactly the bytes the protobufjs
 * reflection codecs of the previous release put there (test/helpers/legacy-codecs.ts), and read
 * those bytes back, so that nodes of both releases interoperate and stored records stay readable.
 * Every message type, with full values, empty and default fields, and 64-bit numbers.
 */
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff)
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
const EMPTY = new Uint8Array(0)
const BIG = 2 ** 53 - 1

/** Decoded values compared by content: Buffers and Uint8Arrays alike as hex. */
function comparable(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${hex(value)}`
  if (Array.isArray(value)) return value.map(comparable)
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]))
  return value
}

function sameBytes(actual: Uint8Array, expected: Uint8Array): void {
  assert.equal(hex(actual), hex(expected))
}

type PsiKind = Parameters<typeof decode>[0]
type PsiInput<K extends PsiKind> = Omit<ReturnType<typeof decode<K>>, 'version'>

const psiCases: { [K in PsiKind]: PsiInput<K>[] } = {
  ListAnnouncement: [
    {
      suite: 'sightline-dhpsi-x25519-v1',
      epoch: 2935,
      mode: Mode.SightedCountW2,
      generation: 3,
      index: 1,
      listHash: bytes(32),
      points: 1024,
      windowSeconds: 86_400,
    },
    { suite: '', epoch: 0, mode: Mode.Items, generation: 0, index: 0, listHash: EMPTY, points: 0, windowSeconds: 0 },
    { suite: 's', epoch: BIG, mode: Mode.Count, generation: 2 ** 32 - 1, index: 7, listHash: bytes(1), points: BIG, windowSeconds: 1 },
  ],
  ListRequest: [{ listHash: bytes(32, 9) }, { listHash: EMPTY }],
  ListResponse: [
    { status: Status.Ok, points: bytes(96), message: '' },
    { status: Status.TooLarge, points: EMPTY, message: 'list of 5000 points is over 4096' },
    { status: Status.Ok, points: EMPTY, message: '' },
  ],
  RaiseRequest: [
    {
      suite: 'sightline-dhpsi-x25519-v1',
      epoch: 12,
      mode: Mode.SightedItemsW3,
      listHash: bytes(32),
      announcement: bytes(180),
      points: EMPTY,
    },
    { suite: 'sightline-dhpsi-x25519-v1', epoch: 12, mode: Mode.Items, listHash: EMPTY, announcement: EMPTY, points: bytes(64) },
    { suite: '', epoch: 0, mode: Mode.Items, listHash: EMPTY, announcement: EMPTY, points: EMPTY },
  ],
  RaiseResponse: [
    { status: Status.Ok, tags: bytes(24), message: '', budgetRemaining: 1_000_000 },
    { status: Status.BudgetExceeded, tags: EMPTY, message: 'budget: 0 of 4096 left ✓', budgetRemaining: 0 },
    { status: Status.Ok, tags: EMPTY, message: '', budgetRemaining: BIG },
  ],
}

function checkPsi<K extends PsiKind>(kind: K, cases: PsiInput<K>[]): void {
  for (const message of cases) {
    const ours = encode(kind, message)
    sameBytes(ours, legacy.psiEncode(kind, { ...message }))
    const decoded = decode(kind, ours, 1 << 20)
    assert.deepEqual(comparable(decoded), comparable(legacy.psiDecode(kind, ours)))
    assert.deepEqual(comparable(decoded), comparable({ version: 2, ...message }))
  }
}

describe('generated wire codecs', () => {
  describe('PSI messages (proto/psi.proto)', () => {
    it("ListAnnouncement: the previous release's bytes, read back the same", () => checkPsi('ListAnnouncement', psiCases.ListAnnouncement))
    it("ListRequest: the previous release's bytes, read back the same", () => checkPsi('ListRequest', psiCases.ListRequest))
    it("ListResponse: the previous release's bytes, read back the same", () => checkPsi('ListResponse', psiCases.ListResponse))
    it("RaiseRequest: the previous release's bytes, read back the same", () => checkPsi('RaiseRequest', psiCases.RaiseRequest))
    it("RaiseResponse: the previous release's bytes, read back the same", () => checkPsi('RaiseResponse', psiCases.RaiseResponse))

    it('reads a message with an unknown field as the previous release did', () => {
      const withUnknown = Buffer.concat([legacy.psiEncode('RaiseResponse', { ...psiCases.RaiseResponse[0] }), Uint8Array.of(0x78, 0x01)])
      assert.deepEqual(
        comparable(decode('RaiseResponse', withUnknown, 1 << 20)),
        comparable(legacy.psiDecode('RaiseResponse', withUnknown)),
      )
    })

    it('keeps the PSI enums numbered as the schema', () => {
      assertSameEnum(psiWire.psi.v2.Mode, Mode, 'MODE_')
      assertSameEnum(psiWire.psi.v2.Status, Status, 'STATUS_')
      assertSameEnum(netWire.net.v1.Status, NetStatus, 'STATUS_')
      assert.deepEqual(
        Object.keys(storeWire.store.v1.Tlp).filter((k) => Number.isNaN(Number(k))),
        TLP_LEVELS.map((t) => `TLP_${t.toUpperCase().replace('+', '_')}`),
      )
    })
  })

  describe('network messages (proto/net.proto)', () => {
    const topic = '/sightline/c/digest/1'

    it('Envelope and SignedPart: sealed envelopes carry the same bytes and signatures as before, both ways', async () => {
      const key = await generateKeyPair('Ed25519')
      const issuer = peerIdFromPrivateKey(key).toString()
      const fieldSets = [
        { epoch: 3, sequence: 1, kind: 'digest', payload: bytes(40), timestampMs: 1_764_000_000_000 },
        { epoch: 0, sequence: 0, kind: '', payload: EMPTY, timestampMs: 0 },
        { epoch: BIG, sequence: BIG, kind: 'feed', payload: bytes(3), timestampMs: BIG },
      ]
      for (const fields of fieldSets) {
        const sealed = await sealEnvelope(key, issuer, topic, fields)
        const plain = { version: 1, issuer, ...fields, signature: EMPTY }
        const old = legacy.envelopeDecode(sealed)
        assert.deepEqual(comparable({ ...old, signature: EMPTY }), comparable(plain))
        // The previous release re-encodes it to the same bytes and checks the signature over its SignedPart.
        sameBytes(legacy.envelope(old), sealed)
        assert.equal(await key.publicKey.verify(legacy.signedPart(topic, plain), old.signature as Uint8Array), true)
      }
      // An envelope the previous release sealed opens here.
      const plain = { version: 1, issuer, epoch: 5, sequence: 9, timestampMs: Date.now(), kind: 'digest', payload: bytes(12) }
      const signature = await key.sign(legacy.signedPart(topic, plain))
      const opened = await openEnvelope(legacy.envelope({ ...plain, signature }), topic, {
        maxBytes: 1 << 16,
        maxSkewMs: 60_000,
        isMember: (p) => p === issuer,
        lastSequence: new Map(),
      })
      assert.deepEqual(comparable(opened), comparable({ ...plain, signature }))
    })

    it('SyncMessage', () => {
      const syncs: Sync[] = [
        { envelopes: [bytes(100), bytes(7, 3)], feed: [bytes(50)], roster: bytes(300), peerRecords: [bytes(80), bytes(81)] },
        { envelopes: [], feed: [] },
        { envelopes: [EMPTY], feed: [EMPTY], roster: EMPTY, peerRecords: [] },
      ]
      for (const sync of syncs) {
        for (const status of [NetStatus.Ok, NetStatus.NotFound, NetStatus.BadRequest]) {
          const ours = status === NetStatus.Ok ? encodeSync(sync) : encodeSync(sync, status)
          sameBytes(ours, legacy.sync({ ...sync }, status))
          const expected = { envelopes: sync.envelopes, feed: sync.feed, roster: sync.roster ?? EMPTY, peerRecords: sync.peerRecords ?? [] }
          assert.deepEqual(comparable(decodeSync(ours)), comparable(expected))
        }
      }
    })

    it('FeedBatch and FeedEntry, confidence sent only when set (0 included)', () => {
      const entries: FeedEntry[] = [
        {
          type: 'ipv4',
          value: '198.51.100.7',
          tlp: 'clear',
          confidence: 80,
          tags: ['c2', 'apt'],
          firstSeen: 1.5,
          lastSeen: 1_764_000_000_000,
        },
        { type: 'domain', value: 'example.org', tlp: 'green', confidence: 0, tags: [], firstSeen: 0, lastSeen: 0 },
        { type: 'url', value: 'http://example.org/a?b=c', tlp: 'clear', tags: [], firstSeen: 2, lastSeen: 3 },
        { type: '', value: '', tlp: '', tags: [''], firstSeen: -1, lastSeen: Number.MAX_VALUE },
      ]
      for (const batch of [entries, [], [entries[2] as FeedEntry]]) {
        const ours = encodeFeedBatch(batch)
        sameBytes(ours, legacy.feedBatch(batch.map((e) => ({ ...e }))))
        const decoded = decodeFeedBatch(ours)
        assert.deepEqual(decoded, legacy.feedBatchDecode(ours))
        assert.deepEqual(decoded, batch)
      }
      const decoded = decodeFeedBatch(encodeFeedBatch([entries[2] as FeedEntry]))
      assert.equal('confidence' in (decoded[0] as FeedEntry), false)
      decoded[0]?.tags.push('changed later')
    })

    it('PeerRecords', () => {
      for (const records of [[], [bytes(120), bytes(121, 2)], [EMPTY]]) {
        const ours = encodePeerRecords(records)
        sameBytes(ours, legacy.peerRecords(records))
        assert.deepEqual(comparable(decodePeerRecords(ours)), comparable(records))
      }
    })
  })

  describe('stored records (proto/sightline.proto)', () => {
    const minimal: IndicatorRecord = {
      type: 'ipv4',
      value: '198.51.100.7',
      tlp: 'amber',
      tags: [],
      source: 'feed',
      firstSeen: 1_764_000_000_000,
      lastSeen: 1_764_000_000_500,
      count: 1,
    }
    const indicators: IndicatorRecord[] = [
      minimal,
      { ...minimal, confidence: undefined, validUntil: undefined, warninglist: undefined, ids: undefined, revoked: undefined },
      {
        type: 'sha256',
        value: 'ab'.repeat(32),
        tlp: 'amber+strict',
        confidence: 0,
        tags: ['a', 'b'],
        source: 'misp',
        firstSeen: 0,
        lastSeen: 0,
        count: BIG,
        validUntil: 0,
        warninglist: '',
        ids: false,
        revoked: true,
        context: ['port:443', 'filename:x.exe'],
        sources: ['misp', 'taxii'],
      },
      { ...minimal, tlp: 'red', ids: true, revoked: false, context: [], sources: ['feed'], count: 0 },
      { ...minimal, tlp: 'clear', confidence: 100, validUntil: 1.5, warninglist: 'public-dns' },
    ]

    it('Indicator', () => {
      for (const record of indicators) {
        const ours = encodeIndicator(record)
        sameBytes(ours, legacy.indicator({ ...record }, TLP_LEVELS.indexOf(record.tlp)))
        const back = decodeIndicator(ours)
        assert.deepEqual(back, {
          ...record,
          confidence: record.confidence,
          validUntil: record.validUntil,
          warninglist: record.warninglist,
          ids: record.ids === false ? false : undefined,
          revoked: record.revoked === true ? true : undefined,
          context: record.context?.length ? record.context : undefined,
          sources: (record.sources?.length ?? 0) > 1 ? record.sources : undefined,
        })
        back.tags.push('callers may change what they decoded')
      }
    })

    it('Sighting', () => {
      const sightings: SightingRecord[] = [
        { type: 'domain', value: 'example.org', tlp: 'red', time: 1_764_000_000_000, count: 3, source: 'siem', where: 'dc1' },
        { type: 'ipv4', value: '', tlp: 'clear', time: 0, count: 0, source: '', where: '' },
        { type: 'email', value: 'a@example.org', tlp: 'amber+strict', time: 0.25, count: BIG, source: 's', where: 'w' },
      ]
      for (const record of sightings) {
        const ours = encodeSighting(record)
        sameBytes(ours, legacy.sighting({ ...record }, TLP_LEVELS.indexOf(record.tlp)))
        assert.deepEqual(decodeSighting(ours), record)
      }
    })
  })
})

/** Every value of a generated enum (`PREFIX_SOME_NAME`) has the same number in ours (`SomeName`). */
function assertSameEnum(generated: object, ours: object, prefix: string): void {
  const pascal = (name: string) =>
    name
      .slice(prefix.length)
      .split('_')
      .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
      .join('')
  const wireNames = Object.entries(generated).filter(([, v]) => typeof v === 'number')
  const ourNames = Object.entries(ours).filter(([, v]) => typeof v === 'number')
  assert.deepEqual(Object.fromEntries(wireNames.map(([k, v]) => [pascal(k), v])), Object.fromEntries(ourNames))
}
