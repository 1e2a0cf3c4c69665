import { strict as assert } from 'node:assert'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { Store } from '../../src/store/store.ts'
import { runCli, spawnCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/tmp.ts'

const ROWS = 300_000

function valueAt(i: number): string {
  return `45.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
}

async function writeList(file: string): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < ROWS; i += 10_000) {
    let chunk = ''
    for (let j = i; j < i + 10_000; j++) chunk += `${valueAt(j)}\n`
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

describe('import killed with SIGKILL', function () {
  this.timeout(120_000)

  it('loses no row it reported as committed, and a rerun completes without duplicates', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const dataDir = join(dir, 'node')
      assert.equal((await runCli(['init', '--data-dir', dataDir])).code, 0)
      const file = join(dir, 'big.txt')
      await writeList(file)

      const child = spawnCli(['import', file, '--json', '--progress', 'lines', '--data-dir', dataDir])
      let reported = 0
      let buffer = ''
      const killed = new Promise<void>((resolve) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          buffer += chunk.toString()
          let nl = buffer.indexOf('\n')
          while (nl >= 0) {
            const line = buffer.slice(0, nl)
            buffer = buffer.slice(nl + 1)
            nl = buffer.indexOf('\n')
            if (!line.startsWith('{')) continue
            const event = JSON.parse(line) as { event: string; rows: number }
            if (event.event === 'committed') reported = Math.max(reported, event.rows)
            if (reported >= 20_000 && child.exitCode === null && !child.killed) child.kill('SIGKILL')
          }
        })
        child.on('close', () => resolve())
      })
      await killed
      assert.equal(child.signalCode, 'SIGKILL', 'the import was killed before it finished')
      assert.ok(reported >= 20_000 && reported < ROWS, `reported ${reported} rows before the kill`)

      const store = new Store({ location: join(dataDir, 'db') })
      await store.start()
      try {
        for (let i = 0; i < reported; i++) {
          const held = await store.getIndicator({ type: 'ipv4', value: valueAt(i) })
          assert.ok(held !== undefined, `row ${i + 1} (${valueAt(i)}) was reported committed but is missing`)
        }
      } finally {
        await store.stop()
      }

      const rerun = await runCli(['import', file, '--json', '--data-dir', dataDir])
      assert.equal(rerun.code, 0, rerun.stderr)
      const report = JSON.parse(rerun.stdout)
      assert.equal(report.imported + report.duplicates, ROWS)
      assert.ok(report.duplicates >= reported)
      const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout)
      assert.equal(status.indicators.total, ROWS, 'every row once, no duplicates')
    } finally {
      await cleanup()
    }
  })
})
