import { strict as assert } from 'node:assert'
import { ConnectionReaper } from '../../src/node/connection-reaper.ts'

describe('ConnectionReaper', () => {
  it('closes connections idle past idleCloseMs, except to mesh members and peers with an exchange running', async () => {
    const idle: Record<string, number> = { mesh: 120_000, busy: 0, fresh: 5_000, stale: 31_000, older: 90_000 }
    const closed: string[] = []
    const connected = new Set(Object.keys(idle))
    const reaper = new ConnectionReaper(
      { idleCloseMs: 30_000, tickMs: 60_000 },
      {
        network: {
          connectedPeers: () => [...connected],
          idleMs: (peer) => idle[peer] ?? 0,
          hangUp: async (peer) => {
            closed.push(peer)
            connected.delete(peer)
          },
        },
        keep: (peer) => peer === 'mesh',
        onError: () => {},
      },
    )
    reaper.tick()
    await reaper.stop()
    assert.deepEqual(closed.sort(), ['older', 'stale'])
    assert.equal(reaper.closed, 2)
    reaper.tick()
    await reaper.stop()
    assert.equal(reaper.closed, 2, 'nothing left to close')
  })
})
