import { strict as assert } from 'node:assert'
import { type QueueClock, WorkQueue } from '../../src/node/work-queue.ts'

/** A clock whose timers run only when the test advances it. */
function fakeClock(random = 1): QueueClock & { advance(ms: number): void; delays: number[] } {
  let now = 0
  const timers: { at: number; run: () => void }[] = []
  const delays: number[] = []
  return {
    delays,
    now: () => now,
    random: () => random,
    setTimeout(run, ms) {
      delays.push(ms)
      const timer = { at: now + ms, run }
      timers.push(timer)
      return timers.length
    },
    clearTimeout(handle) {
      const timer = timers[(handle as number) - 1]
      if (timer !== undefined) timer.at = Number.POSITIVE_INFINITY
    },
    advance(ms: number) {
      now += ms
      for (const timer of timers) {
        if (timer.at <= now) {
          timer.at = Number.POSITIVE_INFINITY
          timer.run()
        }
      }
    },
  }
}

class Final extends Error {}
class Soon extends Error {}
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('WorkQueue', () => {
  it('retries a transient failure with doubling delays capped at maxDelayMs, until it succeeds', async () => {
    const clock = fakeClock()
    let failures = 6
    let runs = 0
    const queue = new WorkQueue(
      { concurrency: 1, baseDelayMs: 100, maxDelayMs: 1000 },
      async () => {
        runs++
        if (failures-- > 0) throw new Error('offline')
      },
      { retryable: () => true, onError: () => {}, clock },
    )
    queue.schedule('peer')
    for (let i = 0; i < 8; i++) {
      await tick()
      clock.advance(1000)
    }
    await queue.settled()
    assert.equal(runs, 7)
    assert.deepEqual(clock.delays, [100, 200, 400, 800, 1000, 1000])
    assert.equal(queue.state('peer')?.attempts, 0)
    assert.equal(queue.idle, true)
  })

  it('gives up on a final failure until scheduled again, and retries "soon" failures at the base delay', async () => {
    const clock = fakeClock()
    const errors: boolean[] = []
    let next: Error | undefined = new Final('refused')
    const queue = new WorkQueue(
      { concurrency: 1, baseDelayMs: 100, maxDelayMs: 10_000 },
      async () => {
        if (next !== undefined) throw next
      },
      {
        retryable: (err) => !(err instanceof Final),
        soon: (err) => err instanceof Soon,
        onError: (_k, _e, final) => errors.push(final),
        clock,
      },
    )
    queue.schedule('peer')
    await queue.settled()
    assert.deepEqual(errors, [true])
    assert.equal(queue.retrying, 0, 'a final failure is not retried')
    next = new Soon('pending')
    queue.schedule('peer')
    await queue.settled()
    for (let i = 0; i < 4; i++) {
      await tick()
      clock.advance(200)
      await queue.settled()
    }
    assert.ok(
      clock.delays.every((d) => d <= 200),
      `delays ${clock.delays} stay at the base`,
    )
    next = undefined
    await tick()
    clock.advance(200)
    await queue.settled()
    assert.equal(queue.idle, true)
  })

  it('runs at most `concurrency` keys at once, each key one at a time, and a schedule during a run runs it once more', async () => {
    let running = 0
    let peak = 0
    const runs = new Map<string, number>()
    const queue = new WorkQueue(
      { concurrency: 2, baseDelayMs: 100, maxDelayMs: 1000 },
      async (key) => {
        running++
        peak = Math.max(peak, running)
        runs.set(key, (runs.get(key) ?? 0) + 1)
        await new Promise((resolve) => setTimeout(resolve, 5))
        running--
      },
      { retryable: () => true, onError: () => {} },
    )
    for (const key of ['a', 'b', 'c', 'd']) queue.schedule(key)
    queue.schedule('a')
    queue.schedule('a')
    await queue.settled()
    assert.equal(peak, 2)
    assert.deepEqual(Object.fromEntries(runs), { a: 2, b: 1, c: 1, d: 1 })
  })

  it('runs a key scheduled `first` ahead of the keys already waiting, once', async () => {
    const order: string[] = []
    const queue = new WorkQueue(
      { concurrency: 1, baseDelayMs: 100, maxDelayMs: 1000 },
      async (key) => {
        order.push(key)
        await tick()
      },
      { retryable: () => true, onError: () => {} },
    )
    for (const key of ['a', 'b', 'c', 'd']) queue.schedule(key)
    queue.schedule('d', true)
    queue.schedule('e', true)
    await queue.settled()
    assert.deepEqual(order, ['a', 'e', 'd', 'b', 'c'])
  })

  it('reports no failure that stop() caused, but still a final one that ended as stop() ran', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const reported: [string, boolean][] = []
    const queue = new WorkQueue(
      { concurrency: 2, baseDelayMs: 100, maxDelayMs: 1000 },
      async (key) => {
        await gate
        throw key === 'refused' ? new Final('over budget') : new Error('stream closed by stop')
      },
      { retryable: (err) => !(err instanceof Final), onError: (key, _err, final) => reported.push([key, final]) },
    )
    queue.schedule('cut-off')
    queue.schedule('refused')
    await tick()
    const stopped = queue.stop()
    release()
    await stopped
    assert.deepEqual(reported, [['refused', true]])
    assert.equal(queue.retrying, 0, 'nothing is retried after stop')
  })
})
