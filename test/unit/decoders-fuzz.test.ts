import { strict as assert } from 'node:assert'
import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseJsonBody } from '../../src/api/json-body.ts'
import { scanJson } from '../../src/indicators/formats/json-scan.ts'
import { LineSplitter } from '../../src/indicators/formats/line-splitter.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { openEnvelope, sealEnvelope } from '../../src/net/envelope.ts'
import { openPeerRecord, sealPeerRecord } from '../../src/net/peer-records.ts'
import {
  decodeFeedBatch,
  decodePeerRecords,
  decodeSync,
  encodeFeedBatch,
  encodePeerRecords,
  encodeSync,
  NetStatus,
} from '../../src/net/sync-message.ts'
import { importFiles } from '../../src/node/importer.ts'
import { decode, encode, Mode, Status } from '../../src/psi/messages.ts'
import { loadScenario } from '../../src/sim/scenario.ts'
import { Store } from '../../src/store/store.ts'
import { tempDir } from '../helpers/tmp.ts'

/**
 * Fuzzing of every decoder that takes outside bytes: protobuf messages of every stream,
 * envelopes and peer records, STIX, MISP, CSV, NDJSON and plain files (through the importer),
 * TAXII and REST JSON bodies, and the scenario file. Seeded (FUZZ_SEED) and bounded in time
 * (FUZZ_MS per target: short in CI, longer with `npm run fuzz`). An input may be refused with
 * an error; none may crash the process, escape the importer, or take longer than a bound.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130)
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 600)
/** No single input may take longer than this (the whole 4 MB-line limit is far below it). */
const PER_INPUT_MS = 2_000

class Random {
  #state: number
  constructor(seed: number) {
    this.#state = seed >>> 0 || 1
  }
  next(): number {
    let s = this.#state
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    this.#state = s >>> 0
    return this.#state
  }
  int(n: number): number {
    return this.next() % n
  }
  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256))
  }
}

const INTERESTING = [0x00, 0x0a, 0x0d, 0x22, 0x2c, 0x3b, 0x5b, 0x5d, 0x7b, 0x7d, 0x5c, 0x80, 0xff, 0xef, 0xbb, 0xbf]

/** A mutation of `seed`: bit flips, interesting bytes, cuts, repeats, splices, or random bytes. */
function mutate(r: Random, seed: Uint8Array): Uint8Array {
  let out = Buffer.from(seed)
  const rounds = 1 + r.int(8)
  for (let i = 0; i < rounds; i++) {
    const at = out.length === 0 ? 0 : r.int(out.length)
    switch (r.int(7)) {
      case 0:
        if (out.length > 0) out[at] = (out[at] as number) ^ (1 << r.int(8))
        break
      case 1:
        if (out.length > 0) out[at] = INTERESTING[r.int(INTERESTING.length)] as number
        break
      case 2:
        out = out.subarray(0, at)
        break
      case 3: {
        const len = Math.min(out.length - at, 1 + r.int(64))
        const piece = out.subarray(at, at + len)
        out = Buffer.concat([out.subarray(0, at), ...Array.from({ length: 1 + r.int(50) }, () => piece), out.subarray(at)])
        break
      }
      case 4:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(r.bytes(1 + r.int(16))), out.subarray(at)])
        break
      case 5:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + r.int(32)))])
        break
      default:
        out = Buffer.from(r.bytes(r.int(256)))
    }
  }
  return out
}

/** Deep nesting and long runs: what a hostile sender tries first. */
function bombs(): Uint8Array[] {
  const t = (s: string) => Buffer.from(s)
  return [
    t('['.repeat(100_000)),
    t(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`),
    t(`{"objects":${'['.repeat(20_000)}`),
    t(`"${'\\'.repeat(100_001)}`),
    t('a'.repeat(1 << 20)),
    t(`${'"'.repeat(10_000)}\n`.repeat(10)),
    new Uint8Array(1 << 16),
    Uint8Array.from({ length: 4096 }, () => 0xff),
  ]
}

/** Runs `target` on mutations of `seeds` for BUDGET_MS; returns how many inputs it tried. */
async function fuzz(name: string, seeds: Uint8Array[], target: (input: Uint8Array) => unknown, salt: number): Promise<number> {
  const r = new Random(SEED ^ salt)
  const deadline = performance.now() + BUDGET_MS
  let tried = 0
  const run = async (input: Uint8Array) => {
    const started = performance.now()
    try {
      await target(input)
    } catch (err) {
      assert.ok(err instanceof Error, `${name}: threw a non-error ${String(err)}`)
      assert.ok(!(err instanceof RangeError && /call stack/.test(err.message)), `${name}: stack overflow on input ${tried}`)
    }
    const ms = performance.now() - started
    assert.ok(ms < PER_INPUT_MS, `${name}: input ${tried} (seed ${SEED}) took ${Math.round(ms)} ms`)
    tried++
  }
  for (const input of [...seeds, ...bombs()]) await run(input)
  while (performance.now() < deadline) await run(mutate(r, seeds[r.int(seeds.length)] as Uint8Array))
  counts.set(name, tried)
  return tried
}

const counts = new Map<string, number>()
const fixtures = new URL('../fixtures/', import.meta.url)
const fixture = (path: string) => readFileSync(new URL(path, fixtures))

describe('fuzzing every decoder of outside bytes', function () {
  this.timeout(BUDGET_MS * 4 + 60_000)
  let store: Store
  let dir: string
  let cleanup: () => Promise<void>

  before(async () => {
    ;({ dir, cleanup } = await tempDir())
    store = new Store({ location: 'fuzz', memory: true })
    await store.start()
  })

  after(async () => {
    await store.stop()
    await cleanup()
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    process.stderr.write(
      `      fuzz inputs (seed ${SEED}, ${BUDGET_MS} ms per target): ${[...counts].map(([n, c]) => `${n} ${c}`).join(', ')}; total ${total}\n`,
    )
  })

  it('PSI stream messages (list announcement, list and raise requests and responses)', async () => {
    const point = new Uint8Array(32).fill(9)
    const seeds: [Parameters<typeof decode>[0], Uint8Array][] = [
      [
        'ListAnnouncement',
        encode('ListAnnouncement', {
          suite: 'x',
          epoch: 3,
          mode: Mode.Items,
          generation: 1,
          index: 2,
          points: 16,
          listHash: point,
        } as never),
      ],
      ['ListRequest', encode('ListRequest', { listHash: point } as never)],
      ['ListResponse', encode('ListResponse', { status: Status.Ok, points: point, message: '' } as never)],
      ['RaiseRequest', encode('RaiseRequest', { epoch: 3, mode: Mode.Count, points: point } as never)],
      ['RaiseResponse', encode('RaiseResponse', { status: Status.Ok, tags: point, message: 'm', budgetRemaining: 1 })],
    ]
    for (const [kind, bytes] of seeds) assert.ok((await fuzz(`psi:${kind}`, [bytes], (b) => decode(kind, b, 1 << 20), bytes.length)) > 0)
  })

  it('net messages (sync, feed batch, peer records)', async () => {
    const digest = new Uint8Array(48).fill(3)
    const seeds = {
      sync: [encodeSync({ envelopes: [digest], feed: [] } as never, NetStatus.Ok)],
      feedBatch: [encodeFeedBatch([])],
      peerRecords: [encodePeerRecords([digest, digest])],
    }
    const decoders: Record<keyof typeof seeds, (b: Uint8Array) => unknown> = {
      sync: decodeSync,
      feedBatch: decodeFeedBatch,
      peerRecords: decodePeerRecords,
    }
    let salt = 100
    for (const [name, list] of Object.entries(seeds))
      await fuzz(`net:${name}`, list, decoders[name as keyof typeof seeds] as (b: Uint8Array) => unknown, salt++)
  })

  it('signed envelopes and peer records', async () => {
    const key = await generateKeyPair('Ed25519')
    const issuer = peerIdFromPrivateKey(key).toString()
    const envelope = await sealEnvelope(key, issuer, 't', { epoch: 1, sequence: 1, kind: 'k', payload: new Uint8Array(40) })
    const checks = { maxBytes: 1 << 16, maxSkewMs: Number.POSITIVE_INFINITY, isMember: () => true, lastSequence: new Map() }
    await fuzz('envelope', [envelope], (b) => openEnvelope(b, 't', { ...checks, lastSequence: new Map() }), 200)
    const record = await sealPeerRecord(key, ['/ip4/127.0.0.1/tcp/4001'], 1n)
    await fuzz('peer-record', [record.envelope], (b) => openPeerRecord(b), 201)
  })

  it('import files of every format never escape the importer', async () => {
    const byFormat: Record<string, Uint8Array[]> = { txt: [], csv: [], ndjson: [], stix: [], misp: [] }
    for (const name of readdirSync(new URL('import/', fixtures))) {
      const format = name.endsWith('.csv') ? 'csv' : name.endsWith('.ndjson') ? 'ndjson' : name.endsWith('.txt') ? 'txt' : undefined
      if (format !== undefined) byFormat[format]?.push(fixture(`import/${name}`))
    }
    byFormat.stix?.push(fixture('import/bundle.json'), fixture('feeds/stix-bundle.json'))
    byFormat.misp?.push(fixture('import/event.json'), fixture('import/misp-search.json'), fixture('feeds/misp-event.json'))
    let salt = 300
    for (const [format, seeds] of Object.entries(byFormat)) {
      const file = join(dir, `input.${format}`)
      await fuzz(
        `import:${format}`,
        seeds,
        async (b) => {
          await writeFile(file, b)
          const report = await importFiles(store, [file], { format: format as never, tlp: 'amber', sightings: false, maxErrors: 5 })
          assert.ok(report.imported + report.duplicates + report.rejected + report.skipped + report.failedFiles >= 0)
        },
        salt++,
      )
    }
  })

  it('TAXII and REST JSON bodies, NDJSON lines and indicator values', async () => {
    const envelope = Buffer.from(
      JSON.stringify({ objects: [{ type: 'indicator', id: 'indicator--1', pattern: "[ipv4-addr:value = '1.2.3.4']" }] }),
    )
    await fuzz('json-body', [envelope, fixture('import/bundle.json')], (b) => parseJsonBody(Buffer.from(b).toString('utf8')), 400)
    await fuzz('json-scan', [envelope], (b) => scanJson(Buffer.from(b).toString('utf8')), 401)
    await fuzz(
      'ndjson-lines',
      [fixture('import/indicators.ndjson')],
      (b) => {
        const splitter = new LineSplitter(1024)
        for (let at = 0; at < b.length; at += 7) for (const _ of splitter.push(b.subarray(at, at + 7)));
        for (const _ of splitter.end());
      },
      402,
    )
    await fuzz(
      'normalize',
      [Buffer.from('hxxps://evil[.]example/a?b=c'), Buffer.from('10.0.0.1/8')],
      (b) => normalize(Buffer.from(b).toString()),
      403,
    )
  })

  it('the scenario file', async () => {
    const scenario = Buffer.from(JSON.stringify({ name: 's', seed: 1, members: 3, indicators: 100, epochs: 1 }))
    const file = join(dir, 'scenario.json')
    await fuzz(
      'scenario',
      [scenario],
      async (b) => {
        await writeFile(file, b)
        await loadScenario(file)
      },
      500,
    )
  })
})
