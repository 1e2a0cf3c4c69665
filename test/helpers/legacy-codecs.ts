/**
 * The wire codecs of the previous release, kept only as the reference for the byte-identity test:
 * protobufjs reflection over proto/*.proto loaded at run time, with the same wrapper expressions
 * (field spreads, version numbers, toObject options) that src/ used before the codecs were
 * generated. Nothing in src/ may import this file.
 */
import { fileURLToPath } from 'node:url'
import protobuf from 'protobufjs'

function load(name: string): protobuf.Root {
  return protobuf.loadSync(fileURLToPath(new URL(`../../proto/${name}.proto`, import.meta.url)))
}

const psi = load('psi')
const net = load('net')
const store = load('sightline')

export const PSI_KINDS = ['ListAnnouncement', 'ListRequest', 'ListResponse', 'RaiseRequest', 'RaiseResponse'] as const
type PsiKind = (typeof PSI_KINDS)[number]

const psiType = (kind: PsiKind) => psi.lookupType(`sightline.psi.v2.${kind}`)
const netType = (name: string) => net.lookupType(`sightline.net.v1.${name}`)
const storeType = (name: string) => store.lookupType(`sightline.store.v1.${name}`)

type Fields = Record<string, unknown>

export const legacy = {
  psiEncode: (kind: PsiKind, message: Fields) =>
    psiType(kind)
      .encode({ version: 2, ...message })
      .finish(),
  psiDecode: (kind: PsiKind, bytes: Uint8Array) =>
    psiType(kind).toObject(psiType(kind).decode(bytes), { longs: Number, enums: Number, bytes: Uint8Array, defaults: true, arrays: true }),
  envelope: (envelope: Fields) => netType('Envelope').encode(envelope).finish(),
  envelopeDecode: (bytes: Uint8Array) =>
    netType('Envelope').toObject(netType('Envelope').decode(bytes), { longs: Number, bytes: Uint8Array, defaults: true }),
  signedPart: (topic: string, envelope: Fields) =>
    netType('SignedPart')
      .encode({ domain: 'sightline/v1/gossip', topic, envelope: { ...envelope, signature: new Uint8Array(0) } })
      .finish(),
  sync: (sync: Fields, status = 0) =>
    netType('SyncMessage')
      .encode({ version: 1, status, ...sync })
      .finish(),
  feedBatch: (entries: Fields[]) => netType('FeedBatch').encode({ version: 1, entries }).finish(),
  feedBatchDecode: (bytes: Uint8Array) =>
    netType('FeedBatch').toObject(netType('FeedBatch').decode(bytes), { defaults: true, arrays: true, longs: Number }).entries,
  peerRecords: (records: Uint8Array[]) => netType('PeerRecords').encode({ version: 1, records }).finish(),
  indicator: (record: Fields, tlp: number) =>
    storeType('Indicator')
      .encode({ ...record, tlp })
      .finish(),
  sighting: (record: Fields, tlp: number) =>
    storeType('Sighting')
      .encode({ ...record, tlp })
      .finish(),
}
