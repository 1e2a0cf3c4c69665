import { strict as assert } from 'node:assert'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { readFile, rename, stat } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { join } from 'node:path'
import type { OutboxOptions } from '../../src/node/alert-options.ts'
import type { AlertDestination } from '../../src/node/alert-sinks/destination.ts'
import { AlertFileDestination } from '../../src/node/alert-sinks/file.ts'
import { SyslogDestination } from '../../src/node/alert-sinks/syslog.ts'
import { WebhookDestination } from '../../src/node/alert-sinks/webhook.ts'
import { Outbox } from '../../src/node/outbox.ts'
import type { Alert, MatchRecord } from '../../src/store/repositories.ts'
import { Store } from '../../src/store/store.ts'
import { tempDir } from '../helpers/tmp.ts'

const SECRET = 'a-test-secret-of-some-length'

/** Small delays so retries happen in milliseconds. */
const FAST: OutboxOptions = { maxAttempts: 12, baseDelayMs: 10, maxDelayMs: 80, concurrency: 4, requestTimeoutMs: 2000, pollIntervalMs: 20 }

function matches(n: number, from = 0): MatchRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    peer: '12D3KooWPeerB',
    organization: 'Borealis Energy',
    type: 'domain' as const,
    value: `evil-${from + i}.example`,
    tlp: 'amber' as const,
    holds: true,
    sighted: {},
    ours: { sources: [{ name: 'test', kind: 'community' as const }], tags: [], count: 1, sightings: {} },
    level: 'normal' as const,
    alerted: 'none' as const,
    epoch: 1,
    matchedAt: 1_700_000_000_000 + from + i,
  }))
}

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

interface Received {
  key: string
  timestamp: string
  signature: string
  body: string
}

/** A webhook receiver on 127.0.0.1 that verifies signatures the way the README tells receivers to. */
class Receiver {
  mode: 'ok' | 'unavailable' | 'bad-request' | 'hang' = 'ok'
  /** Every request, including refused ones. */
  readonly requests: Received[] = []
  readonly hanging: ServerResponse[] = []
  /** Indexes of the requests answered 200. */
  readonly accepted = new Set<number>()
  port = 0
  #server: Server | undefined

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const received = {
          key: String(req.headers['idempotency-key']),
          timestamp: String(req.headers['x-sightline-timestamp']),
          signature: String(req.headers['x-sightline-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        }
        const index = this.requests.push(received) - 1
        if (this.mode === 'hang') return void this.hanging.push(res)
        const status = this.mode === 'unavailable' ? 503 : this.mode === 'bad-request' ? 400 : 200
        if (status === 200) this.accepted.add(index)
        res.writeHead(status).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as { port: number }).port
    this.#server = server
  }

  /** Down: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.#server
    this.#server = undefined
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/alerts`
  }

  /** Keys of requests answered 2xx, as a receiver that dedupes by Idempotency-Key keeps them. */
  delivered(): Set<string> {
    return new Set(this.requests.filter((_, i) => this.accepted.has(i)).map((r) => r.key))
  }
}

function verify(r: Received): boolean {
  // What a receiver does (README "Alerts"): recompute over `<timestamp>.<body>`, compare in constant time.
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${r.timestamp}.${r.body}`).digest('hex')}`
  return expected.length === r.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(r.signature))
}

describe('alerts', function () {
  this.timeout(30_000)
  let dir: string
  let cleanup: () => Promise<void>
  let receiver: Receiver
  const running: { stop(): Promise<void> }[] = []

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
    receiver = new Receiver()
    await receiver.start()
  })
  afterEach(async () => {
    for (const part of running.splice(0).reverse()) await part.stop().catch(() => undefined)
    for (const res of receiver.hanging) res.destroy()
    await receiver.stop()
    await cleanup()
  })

  async function node(
    destinations: AlertDestination[],
    options: Partial<OutboxOptions> = {},
    start = true,
  ): Promise<{ store: Store; outbox: Outbox; record: (m: MatchRecord[]) => Promise<void> }> {
    const store = new Store({ location: join(dir, 'db') })
    await store.start()
    const outbox = new Outbox({ ...FAST, ...options }, { store, destinations })
    if (start) await outbox.start()
    // Started in order, stopped in reverse, as the node does.
    const parts = [store, outbox]
    running.push(...parts)
    return {
      store,
      outbox,
      record: async (m) => {
        await store.recordMatches(m, outbox.alertsFor)
        outbox.notify()
      },
    }
  }

  async function stopAll(): Promise<void> {
    for (const part of running.splice(0).reverse()) await part.stop()
  }

  function webhook(): WebhookDestination {
    return new WebhookDestination({ name: 'siem', url: receiver.url, secret: SECRET })
  }

  it('signs every request with HMAC-SHA256 over timestamp and body, with one Idempotency-Key across retries', async () => {
    receiver.mode = 'unavailable'
    const { record, outbox } = await node([webhook()])
    await record(matches(1))
    await waitFor('two refused attempts', () => receiver.requests.length >= 2)
    receiver.mode = 'ok'
    await waitFor('delivery', () => outbox.health().pending === 0)
    assert.ok(receiver.requests.length >= 3)
    assert.equal(new Set(receiver.requests.map((r) => r.key)).size, 1, 'the same key on every attempt')
    assert.equal(receiver.requests[0]?.key, '000000000000001/siem')
    for (const r of receiver.requests) {
      assert.ok(verify(r), 'signature verifies')
      assert.ok(Math.abs(Number(r.timestamp) - Date.now() / 1000) < 60, 'timestamp is unix seconds, now')
      assert.ok(!verify({ ...r, body: r.body.replace('evil-0', 'evil-1') }), 'a changed body fails')
    }
    const alert = JSON.parse(receiver.requests.at(-1)?.body ?? '') as Alert
    assert.equal(alert.seq, 1)
    assert.equal(alert.match.value, 'evil-0.example')
    assert.deepEqual(
      alert.stix.map((o) => (o as { type: string }).type),
      ['sighting', 'indicator', 'identity', 'marking-definition'],
    )
    assert.equal(alert.id, (alert.stix[0] as { id: string }).id)
    const health = outbox.health()
    assert.equal(health.delivered, 1)
    assert.ok(health.failedAttempts >= 2)
    assert.equal(health.byDestination.siem?.failing, false)
  })

  it('webhook delivery across a receiver outage and a node restart loses nothing', async () => {
    const first = await node([webhook()])
    await first.record(matches(5, 0))
    await waitFor('the first five', () => receiver.delivered().size === 5)

    // Outage, part one: the receiver answers 503 while matches keep coming.
    receiver.mode = 'unavailable'
    await first.record(matches(5, 5))
    await waitFor('refused attempts', () => first.outbox.health().failedAttempts >= 2)
    // While the destination fails only one probe is out at a time: queued alerts keep their attempts.
    assert.equal(first.outbox.health().byDestination.siem?.failing, true)
    // Part two: the receiver is down altogether, and the node restarts.
    await receiver.stop()
    await first.record(matches(5, 10))
    await stopAll()

    const second = await node([webhook()])
    assert.equal(second.outbox.health().pending, 10, 'pending entries survived the restart')
    await second.record(matches(5, 15))
    await new Promise((r) => setTimeout(r, 100))
    receiver.mode = 'ok'
    await receiver.start()
    await waitFor('every alert', () => second.outbox.health().pending === 0)

    const expected = new Set(Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(15, '0')}/siem`))
    assert.deepEqual(receiver.delivered(), expected, 'deduplicated by Idempotency-Key: exactly the 20 alerts')
    const bodies = new Map(receiver.requests.map((r) => [r.key, JSON.parse(r.body) as Alert]))
    for (const [key, alert] of bodies) assert.equal(`${String(alert.seq).padStart(15, '0')}/siem`, key)
    assert.equal(second.outbox.health().dead, 0)
    assert.deepEqual(await second.store.outbox.all(), [], 'delivered entries are deleted')
  })

  it('leaves a delivery in flight at stop pending, with its attempt not counted, and delivers it after restart', async () => {
    receiver.mode = 'hang'
    const first = await node([webhook()])
    await first.record(matches(3))
    await waitFor('requests in flight', () => receiver.requests.length === 3)
    assert.equal(first.outbox.health().inFlight, 3)
    await stopAll()
    const held = await (async () => {
      const store = new Store({ location: join(dir, 'db') })
      await store.start()
      const all = await store.outbox.all()
      await store.stop()
      return all
    })()
    assert.deepEqual(
      held.map((e) => [e.state, e.attempts]),
      [
        ['pending', 0],
        ['pending', 0],
        ['pending', 0],
      ],
    )
    receiver.mode = 'ok'
    const second = await node([webhook()])
    await waitFor('delivery after restart', () => second.outbox.health().pending === 0)
    assert.equal(receiver.delivered().size, 3)
  })

  it('resumes entries recorded while the outbox was not running', async () => {
    const first = await node([webhook()], {}, false)
    await first.record(matches(4))
    assert.equal(receiver.requests.length, 0)
    await stopAll()
    const second = await node([webhook()])
    await waitFor('delivery', () => second.outbox.health().pending === 0)
    assert.equal(receiver.delivered().size, 4)
  })

  it('dead-letters an alert after maxAttempts, keeps it with its error, shows it in health, and retries it on request', async () => {
    receiver.mode = 'bad-request'
    const { record, outbox, store } = await node([webhook()], { maxAttempts: 3 })
    await record(matches(2))
    await waitFor('dead letters', () => outbox.health().dead === 2)
    const health = outbox.health()
    assert.equal(health.pending, 0)
    assert.equal(health.failedAttempts, 6)
    assert.equal(health.byDestination.siem?.dead, 2)
    assert.match(health.byDestination.siem?.lastError ?? '', /HTTP 400/)
    assert.equal(receiver.requests.length, 6, 'three attempts each, then no more')
    const kept = await store.outbox.all()
    assert.deepEqual(
      kept.map((e) => [e.state, e.attempts]),
      [
        ['dead', 3],
        ['dead', 3],
      ],
    )
    assert.match(kept[0]?.lastError ?? '', /HTTP 400/)

    receiver.mode = 'ok'
    assert.equal(await outbox.retryDead(), 2)
    await waitFor('redelivery', () => outbox.health().pending === 0)
    assert.equal(outbox.health().dead, 0)
    assert.equal(receiver.delivered().size, 2)
  })

  it('holds a failing destination to one probe at a time, while a healthy one keeps delivering', async () => {
    let inFlight = 0
    let overlaps = 0
    let attempts = 0
    // Once the outbox has seen a failure (the first wave may already be out together).
    let failureSeen = () => false
    const down: AlertDestination = {
      name: 'down',
      async deliver() {
        if (failureSeen() && inFlight > 0) overlaps++
        inFlight++
        attempts++
        await new Promise((r) => setTimeout(r, 2))
        inFlight--
        throw new Error('connect ECONNREFUSED')
      },
      async close() {},
    }
    const path = join(dir, 'alerts.ndjson')
    const { record, outbox } = await node([down, new AlertFileDestination({ path })])
    failureSeen = () => outbox.health().failedAttempts > 0
    await record(matches(10))
    await waitFor('many failed attempts', () => attempts >= 20)
    assert.equal(overlaps, 0, 'no attempt starts while another to the failing destination is out')
    const health = outbox.health()
    assert.equal(health.byDestination.down?.failing, true)
    assert.match(health.byDestination.down?.lastError ?? '', /ECONNREFUSED/)
    assert.equal(health.byDestination.file?.delivered, 10)
    // The probes fall on the oldest alerts, which may reach maxAttempts; the rest wait untouched.
    assert.equal((health.byDestination.down?.pending ?? 0) + (health.byDestination.down?.dead ?? 0), 10)
    assert.ok((health.byDestination.down?.dead ?? 0) <= 1)
    assert.equal(typeof health.oldestPendingAt, 'number')
  })

  it('dead-letters the entries of a destination that is no longer configured', async () => {
    const first = await node([webhook()], {}, false)
    await first.record(matches(2))
    await stopAll()
    const second = await node([new AlertFileDestination({ path: join(dir, 'alerts.ndjson') })])
    const health = second.outbox.health()
    assert.equal(health.dead, 2)
    assert.equal(health.byDestination.siem?.dead, 2)
    assert.equal(await second.outbox.retryDead(), 0, 'not retried while the destination is missing')
  })

  it('appends NDJSON alert lines with mode 0600 and follows a rotation by rename without losing a line', async () => {
    const path = join(dir, 'alerts.ndjson')
    const { record, outbox } = await node([new AlertFileDestination({ path })])
    await record(matches(3, 0))
    await waitFor('three lines', () => outbox.health().delivered === 3)
    assert.equal((await stat(path)).mode & 0o777, 0o600)
    await rename(path, `${path}.1`)
    await record(matches(3, 3))
    await waitFor('three more', () => outbox.health().delivered === 6)
    const lines = async (file: string) =>
      (await readFile(file, 'utf8'))
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Alert)
    const rotated = await lines(`${path}.1`)
    const current = await lines(path)
    assert.equal(rotated.length, 3)
    assert.deepEqual(current.map((a) => a.seq).sort(), [4, 5, 6], 'alerts after the rotation are in the new file')
    assert.deepEqual(
      [...rotated, ...current].map((a) => a.match.value).sort(),
      matches(6)
        .map((m) => m.value)
        .sort(),
    )
    assert.equal((await stat(path)).mode & 0o777, 0o600)
  })

  it('sends CEF events over syslog to UDP and TCP receivers', async () => {
    const udp = createSocket('udp4')
    const datagrams: string[] = []
    udp.on('message', (m) => datagrams.push(m.toString('utf8')))
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
    const frames: string[] = []
    const tcp = createTcpServer((socket) => {
      let buffer = Buffer.alloc(0)
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk])
        // RFC 6587 octet counting: `<length> <message>`.
        for (;;) {
          const space = buffer.indexOf(0x20)
          if (space < 0) break
          const length = Number(buffer.subarray(0, space).toString())
          if (buffer.length < space + 1 + length) break
          frames.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'))
          buffer = buffer.subarray(space + 1 + length)
        }
      })
    })
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    try {
      const { record, outbox } = await node([
        new SyslogDestination({ name: 'syslog-udp', host: '127.0.0.1', port: (udp.address() as { port: number }).port, protocol: 'udp' }),
        new SyslogDestination({ name: 'syslog-tcp', host: '127.0.0.1', port: (tcp.address() as { port: number }).port, protocol: 'tcp' }),
      ])
      await record(matches(3))
      await waitFor('udp and tcp events', () => datagrams.length === 3 && frames.length === 3)
      assert.equal(outbox.health().pending, 0)
      for (const message of [...datagrams, ...frames]) {
        assert.match(
          message,
          /^<132>1 \S+ \S+ sightline \d+ match - CEF:0\|Sightline\|Sightline\|[^|]+\|match\|Sightline match\|6\|rt=\d+ /,
        )
        assert.ok(!message.includes('\n'))
      }
      assert.deepEqual(frames.map((f) => /cs2=(\S+)/.exec(f)?.[1]).sort(), ['evil-0.example', 'evil-1.example', 'evil-2.example'])
    } finally {
      await stopAll()
      udp.close()
      tcp.close()
    }
  })
})
