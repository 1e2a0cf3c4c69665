import { strict as assert } from 'node:assert'
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveConfig } from '../../src/node/config.ts'
import { initDataDir, loadDataDirIdentity, readApiToken } from '../../src/node/data-dir.ts'
import { runCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('data directory and secret file modes', () => {
  it('init makes a directory that existed before 0700', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const dataDir = join(dir, 'node')
      await mkdir(dataDir, { mode: 0o755 })
      await chmod(dataDir, 0o755)
      await initDataDir(resolveConfig({ dataDir }, {}))
      assert.equal((await stat(dataDir)).mode & 0o777, 0o700)
    } finally {
      await cleanup()
    }
  })

  it('refuses a group- or world-readable data directory and API token at start, naming the fix', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const dataDir = join(dir, 'node')
      await initDataDir(resolveConfig({ dataDir }, {}))
      for (const mode of [0o750, 0o705]) {
        await chmod(dataDir, mode)
        await assert.rejects(loadDataDirIdentity(dataDir), (err: Error) => {
          assert.equal(err.name, 'InsecureKeyFileError')
          assert.match(err.message, new RegExp(`data directory .* run: chmod 700 ${dataDir}`))
          return true
        })
      }
      await chmod(dataDir, 0o700)
      await loadDataDirIdentity(dataDir)
      const token = join(dataDir, 'api-token')
      for (const mode of [0o640, 0o604]) {
        await chmod(token, mode)
        await assert.rejects(readApiToken(dataDir), /API token .* run: chmod 600/)
      }
      await chmod(token, 0o600)
      assert.ok((await readApiToken(dataDir)).length > 20)
      // The CLI says so in one line and exits 1.
      await chmod(dataDir, 0o755)
      const refused = await runCli(['start', '--data-dir', dataDir])
      assert.equal(refused.code, 1)
      assert.match(refused.stderr, /^sightline: data directory .* is accessible by other users/)
    } finally {
      await cleanup()
    }
  })

  it('start on an uninitialized directory says to run init, not ENOENT', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      await writeFile(join(dir, 'unrelated'), '')
      const result = await runCli(['start', '--data-dir', dir])
      assert.equal(result.code, 1)
      assert.match(result.stderr, /not an initialized Sightline data directory; run: sightline init/)
      assert.doesNotMatch(result.stderr, /ENOENT/)
    } finally {
      await cleanup()
    }
  })
})
