import { strict as assert } from 'node:assert'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const SCRIPT = fileURLToPath(new URL('../../scripts/bench-running-import.ts', import.meta.url))

/**
 * A big import into a running member, end to end (two `sightline start` processes): the rows are
 * stored, announced and matched on both sides, with no local-change error. CI runs 200,000 rows;
 * `npm run bench:running-import` runs the 1M of the README's figures.
 */
describe('a big API import into a running member', function () {
  this.timeout(300_000)

  it('stores, announces and matches 200,000 new rows, and no local change fails', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import=tsx', SCRIPT, '--rows', '200000', '--peer-rows', '0', '--timeout', '240', '--json'],
      { maxBuffer: 1 << 20 },
    )
    const result = JSON.parse(stdout) as {
      imported: number
      rejected: number
      matched_by_importer_ms: number | null
      matched_by_peer_ms: number | null
      peak_rss_mb: number
      recent_errors: string[]
    }
    process.stderr.write(`      ${stdout}`)
    assert.deepEqual([result.imported, result.rejected], [200_000, 0])
    assert.ok(result.matched_by_importer_ms !== null, 'the importing member matched the shared value')
    assert.ok(result.matched_by_peer_ms !== null, 'the other member matched it')
    assert.deepEqual(result.recent_errors, [])
  })
})
