import { strict as assert } from 'node:assert'
import { execFileSync } from 'node:child_process'
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { normalize } from '../../src/indicators/normalize.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import { indicatorKey } from '../../src/store/keys.ts'
import { Store } from '../../src/store/store.ts'
import { makeNode, start } from '../helpers/community.ts'
import { tempDir } from '../helpers/tmp.ts'

const TOKEN = 'test-token-disk-full-0123456789'

/** A small filesystem of this test's own: a tmpfs of `mb` MiB (needs the right to mount). */
function mountSmall(dir: string, mb: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Fills the filesystem of `dir` up to `leaveBytes` free. */
async function fill(dir: string, leaveBytes: number): Promise<string> {
  const info = await statfs(dir)
  const free = info.bavail * info.bsize
  const file = join(dir, `filler-${Date.now()}`)
  await writeFile(file, Buffer.alloc(Math.max(0, free - leaveBytes)))
  return file
}

describe('a full disk under a running node', function () {
  this.timeout(120_000)
  let cleanup: () => Promise<void>
  let mnt: string
  let mounted = false
  let node: SightlineNode | undefined

  before(async function () {
    let dir: string
    ;({ dir, cleanup } = await tempDir())
    mnt = join(dir, 'small')
    await mkdir(mnt)
    mounted = mountSmall(mnt, 64)
    // Without the right to mount there is no real full disk to make: say so rather than fake one.
    if (!mounted) this.skip()
  })

  after(async () => {
    await node?.stop()
    if (mounted) execFileSync('umount', ['-l', mnt])
    await cleanup()
  })

  it('answers 503 with what was stored, goes unready, recovers by itself when space returns, loses no acknowledged row, stops in seconds', async () => {
    const seed = await makeNode(mnt, 'a', [])
    node = await start(seed, { apiToken: TOKEN, redial: false })
    const url = node.api?.url as string
    const headers = { authorization: `Bearer ${TOKEN}` }
    const acknowledged: string[] = []
    let next = 0
    /** Posts batches until one is cut short by the full disk; returns that answer. */
    const importUntilFull = async () => {
      for (let round = 0; round < 400; round++) {
        const values = Array.from({ length: 5000 }, () => `row-${next++}.disk-full.example`)
        const response = await fetch(`${url}/v1/indicators`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-ndjson' },
          body: values.map((value) => JSON.stringify({ value, tags: ['padding-to-fill-the-disk-faster'.repeat(4)] })).join('\n'),
        })
        const body = (await response.json()) as { imported?: number; error?: { code: string; report?: { imported: number } } }
        if (response.ok) {
          assert.equal(body.imported, values.length)
          acknowledged.push(...values)
          continue
        }
        assert.equal(response.status, 503, JSON.stringify(body))
        // Rows are committed in order: the report's count is the stored prefix of this request.
        acknowledged.push(...values.slice(0, body.error?.report?.imported ?? 0))
        return body
      }
      throw new Error('the disk never filled')
    }

    const filler = await fill(mnt, 2 << 20)
    const failed = await importUntilFull()
    assert.equal(failed.error?.code, 'store_unavailable')
    assert.ok(failed.error?.report !== undefined, 'the 503 carries the import report')
    const ready = await fetch(`${url}/readyz`)
    assert.equal(ready.status, 503)
    assert.match(((await ready.json()) as { reason: string }).reason, /store cannot write/)
    const metrics = await (await fetch(`${url}/metrics`, { headers })).text()
    assert.match(metrics, /^sightline_store_writable 0$/m)
    // A later write is refused at once with the cause, not retried into the same error.
    const refused = await fetch(`${url}/v1/indicators`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '[{"value":"refused.disk-full.example"}]',
    })
    assert.equal(refused.status, 503)

    await rm(filler)
    const freed = performance.now()
    while ((await fetch(`${url}/readyz`)).status !== 200) {
      assert.ok(performance.now() - freed < 30_000, 'the store did not recover within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const recoveryMs = performance.now() - freed
    process.stderr.write(`      recovered ${Math.round(recoveryMs)} ms after space returned\n`)
    const status = (await (await fetch(`${url}/v1/status`, { headers })).json()) as { store: { writable: boolean; recoveries: number } }
    assert.deepEqual([status.store.writable, status.store.recoveries], [true, 1])
    const after = await fetch(`${url}/v1/indicators`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '[{"value":"after-recovery.disk-full.example"}]',
    })
    assert.equal(after.status, 200)
    acknowledged.push('after-recovery.disk-full.example')

    // Full again, then stop: it must not hang on the failing store.
    const filler2 = await fill(mnt, 2 << 20)
    await importUntilFull()
    const stopping = performance.now()
    await node.stop()
    node = undefined
    const stopMs = performance.now() - stopping
    process.stderr.write(`      stopped in ${Math.round(stopMs)} ms while the disk was full\n`)
    assert.ok(stopMs < 10_000, `stop took ${stopMs} ms`)

    await rm(filler2)
    const store = new Store({ location: join(seed.dataDir, 'db') })
    await store.start()
    try {
      const held = await store.indicatorsByKey(acknowledged.map((v) => indicatorKey(normalize(v))))
      const lost = acknowledged.filter((_, i) => held[i] === undefined)
      assert.deepEqual(lost.slice(0, 5), [], `${lost.length} of ${acknowledged.length} acknowledged rows lost`)
    } finally {
      await store.stop()
    }
  })
})
