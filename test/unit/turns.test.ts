import assert from 'node:assert/strict'
import { Turns } from '../../src/node/turns.ts'

/** A promise and its resolver. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

describe('Turns', () => {
  it('runs at most `limit` pieces of work at once, the rest in arrival order', async () => {
    const turns = new Turns(2)
    const gates = [gate(), gate(), gate(), gate()]
    const started: number[] = []
    const runs = gates.map((g, i) =>
      turns.run(async () => {
        started.push(i)
        await g.opened
        return i
      }),
    )
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(started, [0, 1])
    assert.equal(turns.running, 2)
    gates[1]?.open()
    await runs[1]
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(started, [0, 1, 2])
    for (const g of gates) g.open()
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3])
    assert.equal(turns.running, 0)
  })

  it('a waiter whose signal aborts gives up with the reason and passes its turn on', async () => {
    const turns = new Turns(1)
    const first = gate()
    const running = turns.run(() => first.opened)
    const controller = new AbortController()
    const abandoned = turns.run(async () => 'never', controller.signal)
    const next = turns.run(async () => 'next')
    controller.abort(new Error('stopping'))
    first.open()
    await running
    await assert.rejects(abandoned, /stopping/)
    assert.equal(await next, 'next')
  })

  it('a failing piece of work frees its turn', async () => {
    const turns = new Turns(1)
    await assert.rejects(
      turns.run(async () => {
        throw new Error('boom')
      }),
      /boom/,
    )
    assert.equal(await turns.run(async () => 'after'), 'after')
  })
})
