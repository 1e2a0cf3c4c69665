import { strict as assert } from 'node:assert'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { firstLine, runCli, spawnCli } from '../helpers/cli.ts'
import { stixBundleValidator } from '../helpers/stix-validator.ts'
import { tempDir } from '../helpers/tmp.ts'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

describe('feeds from the CLI', function () {
  this.timeout(180_000)

  it('export runs against a running node during an import: a consistent snapshot with every acknowledged item, a valid bundle', async () => {
    const { dir, cleanup } = await tempDir()
    let node: ChildProcess | undefined
    try {
      const data = join(dir, 'node')
      assert.equal((await runCli(['init', '--data-dir', data, '--json'])).code, 0)
      const first = Array.from({ length: 2000 }, (_, i) => `acked-${i}.invented.example`)
      await writeFile(join(dir, 'first.txt'), `${first.join('\n')}\n`)
      assert.equal((await runCli(['import', join(dir, 'first.txt'), '--data-dir', data])).code, 0)

      node = spawnCli(['start', '--data-dir', data, '--json'])
      await firstLine(node)
      const more = Array.from({ length: 40_000 }, (_, i) => `during-${i}.invented.example`)
      await writeFile(join(dir, 'more.txt'), `${more.join('\n')}\n`)
      const importing = runCli(['import', join(dir, 'more.txt'), '--data-dir', data, '--json'])
      await new Promise((resolve) => setTimeout(resolve, 300))
      const exported = await runCli(['export', '--format', 'stix', '--out', join(dir, 'out.json'), '--data-dir', data])
      assert.equal(exported.code, 0, exported.stderr)
      const report = JSON.parse((await importing).stdout) as { imported: number }
      assert.equal(report.imported, more.length)

      const bundle = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as { objects: { type: string; pattern?: string }[] }
      const validate = await stixBundleValidator()
      assert.ok(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3)))
      const patterns = new Set(bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern))
      for (const value of first) assert.ok(patterns.has(`[domain-name:value = '${value}']`), `${value} acknowledged before the export`)
      assert.ok(patterns.size <= first.length + more.length)

      // After the import, an export through the API holds everything, as NDJSON on stdout too.
      const ndjson = await runCli(['export', '--format', 'ndjson', '--data-dir', data])
      assert.equal(ndjson.code, 0, ndjson.stderr)
      assert.equal(ndjson.stdout.trim().split('\n').length, first.length + more.length)
    } finally {
      if (node !== undefined && node.exitCode === null) {
        node.kill('SIGINT')
        await once(node, 'exit')
      }
      await cleanup()
    }
  })

  it('warninglist list, show and check use MISP warninglists in the data directory, and import names the lists hit', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const data = join(dir, 'node')
      assert.equal((await runCli(['init', '--data-dir', data, '--json'])).code, 0)
      await cp(join(FIXTURES, 'warninglists', 'invented-resolvers'), join(data, 'warninglists', 'invented-resolvers'), { recursive: true })
      const listed = await runCli(['warninglist', 'list', '--data-dir', data])
      assert.equal(listed.code, 0, listed.stderr)
      assert.match(listed.stdout, /^invented-resolvers\tcidr\t3 entries, 1 skipped\t.*list\.json\tList of invented public DNS resolvers$/m)
      assert.match(listed.stderr, /list\[3\]: "not-an-address.example": not an address or range/)
      const shown = await runCli(['warninglist', 'show', 'invented-resolvers', '--data-dir', data])
      assert.match(shown.stdout, /^198\.51\.100\.0\/24$/m)
      const checked = await runCli(['warninglist', 'check', '192.0.2.53', 'evil.invented.example', '--data-dir', data])
      assert.equal(checked.code, 4)
      assert.match(
        checked.stdout,
        /^192\.0\.2\.53\tipv4\t192\.0\.2\.53\ton special-use-ranges \(values entry "192\.0\.2\.0\/24": in range 192\.0\.2\.0\/24\)$/m,
      )
      assert.match(checked.stdout, /on invented-resolvers \(cidr entry "192\.0\.2\.53": in range 192\.0\.2\.53\/32\)/)
      assert.match(checked.stdout, /^evil\.invented\.example\tdomain\tevil\.invented\.example\tnot on any warninglist$/m)

      await writeFile(join(dir, 'list.txt'), '192.0.2.53\n8.8.8.8\nevil.invented.example\n')
      const imported = await runCli(['import', join(dir, 'list.txt'), '--data-dir', data])
      assert.equal(imported.code, 0, imported.stderr)
      assert.match(
        imported.stdout,
        /on warninglists 2 \((special-use-ranges 1, public-resolvers 1|public-resolvers 1, special-use-ranges 1)\)/,
      )
    } finally {
      await cleanup()
    }
  })
})
