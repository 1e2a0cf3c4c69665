import { strict as assert } from 'node:assert'
import { MemberTimers } from '../../src/node/member-timers.ts'

describe('MemberTimers', () => {
  it('rotates just after each epoch boundary, reconciles and refreshes at their periods, and stops waiting for a rotation in flight', async () => {
    const epochMs = 200
    let epoch = Math.floor(Date.now() / epochMs)
    const rotations: number[] = []
    let reconciles = 0
    let refreshes = 0
    let rotating = false
    const timers = new MemberTimers(
      { epochMs, reconcileMs: 60, refreshMs: 90 },
      {
        epoch: () => epoch,
        rotate: async () => {
          rotating = true
          rotations.push(Date.now() - (epoch + 1) * epochMs)
          await new Promise((resolve) => setTimeout(resolve, 30))
          epoch++
          rotating = false
        },
        reconcile: () => reconciles++,
        refresh: () => refreshes++,
      },
    )
    await timers.start()
    await new Promise((resolve) => setTimeout(resolve, 520))
    while (!rotating) await new Promise((resolve) => setTimeout(resolve, 5))
    await timers.stop()
    assert.equal(rotating, false, 'stop waited for the rotation in flight')
    assert.ok(rotations.length >= 1, `${rotations.length} rotations`)
    for (const late of rotations) assert.ok(late >= 0, `rotated ${late} ms before the boundary`)
    assert.ok(reconciles >= 2 && refreshes >= 1, `${reconciles} reconciles, ${refreshes} refreshes`)
    const after = [rotations.length, reconciles, refreshes]
    await new Promise((resolve) => setTimeout(resolve, 250))
    assert.deepEqual([rotations.length, reconciles, refreshes], after, 'nothing runs after stop')
  })
})
