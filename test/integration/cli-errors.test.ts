import { strict as assert } from 'node:assert'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runCli, spawnCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('CLI errors a user meets', function () {
  this.timeout(60_000)

  it('--version prints the package version', async () => {
    const result = await runCli(['--version'])
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    assert.deepEqual([result.code, result.stdout], [0, `${version}\n`])
  })

  it('import: a binary file, a semicolon CSV and a missing file each get one clear error', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const data = join(dir, 'node')
      await runCli(['init', '--data-dir', data])
      const binary = join(dir, 'photo.jpg')
      await writeFile(binary, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 256)))
      const bin = await runCli(['import', binary, '--data-dir', data])
      assert.equal(bin.code, 1)
      assert.equal(bin.stderr.trim().split('\n').length, 1, bin.stderr)
      assert.match(bin.stderr, /not a text file/)
      const csv = join(dir, 'semicolon.csv')
      await writeFile(csv, 'value;type\nevil.example;domain\n')
      const semi = await runCli(['import', csv, '--format', 'csv', '--data-dir', data])
      assert.match(semi.stderr, /separated by ";"; Sightline reads comma-separated CSV/)
      const missing = await runCli(['import', join(dir, 'nope.txt'), '--json', '--data-dir', data])
      const report = JSON.parse(missing.stdout)
      assert.deepEqual([missing.code, report.rejected, report.failedFiles], [1, 0, 1])
      assert.match(report.errors[0].reason, /no such file/)
    } finally {
      await cleanup()
    }
  })

  it('roster add refuses our own peer id and a silent rename; query says whom it asked and exits 1 when nobody answered', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const a = join(dir, 'a')
      const b = join(dir, 'b')
      const idA = JSON.parse((await runCli(['init', '--data-dir', a, '--json'])).stdout).peerId as string
      const idB = JSON.parse((await runCli(['init', '--data-dir', b, '--json'])).stdout).peerId as string
      const own = await runCli(['roster', 'add', idA, '--name', 'Us', '--data-dir', a])
      assert.equal(own.code, 1)
      assert.match(own.stderr, /this node's own peer id/)
      assert.equal((await runCli(['roster', 'add', idB, '--name', 'Org B', '--data-dir', a])).code, 0)
      const again = await runCli(['roster', 'add', idB, '--name', 'Org B', '--data-dir', a])
      assert.deepEqual([again.code, again.stdout], [0, `Org B (${idB}) is already on the roster\n`])
      const rename = await runCli(['roster', 'add', idB, '--name', 'Other', '--data-dir', a])
      assert.equal(rename.code, 1)
      assert.match(rename.stderr, /already on the roster as Org B; pass --rename/)
      const renamed = await runCli(['roster', 'add', idB, '--name', 'Org B2', '--rename', '--data-dir', a])
      assert.match(renamed.stdout, /renamed Org B to Org B2/)

      const node = spawnCli(['start', '--data-dir', a, '--json'])
      try {
        await once(node.stdout as NodeJS.ReadableStream, 'data')
        const query = await runCli(['query', 'evil.example', '--data-dir', a])
        assert.equal(query.code, 1)
        assert.match(query.stderr, /asked Org B2; answered: none/)
        assert.match(query.stdout, /evil\.example\tunknown \(no member answered\)/)
      } finally {
        node.kill('SIGINT')
        await once(node, 'exit')
      }
    } finally {
      await cleanup()
    }
  })
})
