import { strict as assert } from 'node:assert'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Store } from '../../src/store/store.ts'
import { SCHEMA_VERSION } from '../../src/store/sublevels.ts'
import { runCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('sightline CLI', function () {
  this.timeout(60_000)
  let dir: string
  let cleanup: () => Promise<void>
  let dataDir: string
  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
    dataDir = join(dir, 'node')
  })
  afterEach(() => cleanup())

  it('init creates a 0600 identity and token, and the peer id survives restarts', async () => {
    const init = await runCli(['init', '--data-dir', dataDir, '--json'])
    assert.equal(init.code, 0, init.stderr)
    const created = JSON.parse(init.stdout)
    assert.equal(created.created, true)
    assert.match(created.peerId, /^12D3KooW/)
    for (const file of ['identity.key', 'api-token']) {
      assert.equal((await stat(join(dataDir, file))).mode & 0o777, 0o600, `${file} is 0600`)
    }
    const status = await runCli(['status', '--json'], { env: { SIGHTLINE_DATA_DIR: dataDir } })
    assert.equal(status.code, 0, status.stderr)
    assert.equal(JSON.parse(status.stdout).peerId, created.peerId)
    assert.equal(JSON.parse(status.stdout).schemaVersion, SCHEMA_VERSION)
  })

  it('init on an initialized directory says so and changes nothing', async () => {
    await runCli(['init', '--data-dir', dataDir])
    const key = await readFile(join(dataDir, 'identity.key'))
    const token = await readFile(join(dataDir, 'api-token'))
    const again = await runCli(['init', '--data-dir', dataDir])
    assert.equal(again.code, 0)
    assert.match(again.stdout, /already initialized; nothing changed/)
    assert.deepEqual(await readFile(join(dataDir, 'identity.key')), key)
    assert.deepEqual(await readFile(join(dataDir, 'api-token')), token)
  })

  it('refuses to init a non-empty foreign directory', async () => {
    await writeFile(join(dir, 'something.txt'), 'x')
    const result = await runCli(['init', '--data-dir', dir])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /not empty and holds no Sightline identity/)
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace')
  })

  it('refuses a world-readable identity key with a chmod hint', async () => {
    await runCli(['init', '--data-dir', dataDir])
    const { chmod } = await import('node:fs/promises')
    await chmod(join(dataDir, 'identity.key'), 0o644)
    const result = await runCli(['status', '--data-dir', dataDir])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /chmod 600/)
  })

  it('normalize --json prints one object per input', async () => {
    const result = await runCli(['normalize', '--json', 'hxxps://Evil[.]Example/a', '2001:DB8:0:0::1', 'nonsense'])
    assert.deepEqual(JSON.parse(result.stdout), [
      { input: 'hxxps://Evil[.]Example/a', type: 'url', value: 'https://evil.example/a' },
      { input: '2001:DB8:0:0::1', type: 'ipv6', value: '2001:db8::1' },
      { input: 'nonsense', error: 'not a recognizable indicator (no dot, scheme, @ or hash length)' },
    ])
  })

  it('import --json reports counts and errors with exit 0, 3 and 1', async () => {
    await runCli(['init', '--data-dir', dataDir])
    const good = join(dir, 'good.txt')
    const mixed = join(dir, 'mixed.txt')
    const bad = join(dir, 'bad.txt')
    await writeFile(good, '198.51.100.7\nevil.example\n')
    await writeFile(mixed, '203.0.113.9\nnot an indicator\n')
    await writeFile(bad, 'nope\n')
    const ok = await runCli(['import', good, '--json', '--data-dir', dataDir])
    assert.equal(ok.code, 0, ok.stderr)
    const okReport = JSON.parse(ok.stdout)
    assert.equal(okReport.imported, 2)
    assert.deepEqual(okReport.errors, [])
    const partial = await runCli(['import', mixed, '--json', '--data-dir', dataDir])
    assert.equal(partial.code, 3)
    assert.deepEqual(JSON.parse(partial.stdout).errors, [
      { file: mixed, line: 2, reason: 'line has 3 fields separated by whitespace ("not an indicator"), not one indicator' },
    ])
    const none = await runCli(['import', bad, join(dir, 'missing.txt'), '--json', '--data-dir', dataDir])
    assert.equal(none.code, 1)
    // The missing file is a file not read, not a rejected row.
    assert.deepEqual([JSON.parse(none.stdout).rejected, JSON.parse(none.stdout).failedFiles], [1, 1])
    const rerun = await runCli(['import', good, '--json', '--data-dir', dataDir])
    assert.equal(rerun.code, 0)
    assert.equal(JSON.parse(rerun.stdout).duplicates, 2)
    const status = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir])).stdout)
    assert.equal(status.indicators.total, 3, 'a rerun adds no records')
    assert.deepEqual(status.indicators.byType.ipv4, { amber: 2 }, 'default TLP is amber')
  })

  it('applies --tlp, then SIGHTLINE_DEFAULT_TLP, then the config file, in that order', async () => {
    await runCli(['init', '--data-dir', dataDir])
    const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'))
    await writeFile(join(dataDir, 'config.json'), JSON.stringify({ ...config, defaultTlp: 'green' }))
    const file = async (name: string, value: string) => {
      const path = join(dir, name)
      await writeFile(path, `${value}\n`)
      return path
    }
    await runCli(['import', await file('a.txt', 'a.example'), '--data-dir', dataDir])
    await runCli(['import', await file('b.txt', 'b.example'), '--data-dir', dataDir], { env: { SIGHTLINE_DEFAULT_TLP: 'red' } })
    await runCli(['import', await file('c.txt', 'c.example'), '--data-dir', dataDir, '--tlp', 'clear'], {
      env: { SIGHTLINE_DEFAULT_TLP: 'red' },
    })
    const store = new Store({ location: join(dataDir, 'db') })
    await store.start()
    try {
      assert.equal((await store.getIndicator({ type: 'domain', value: 'a.example' }))?.tlp, 'green')
      assert.equal((await store.getIndicator({ type: 'domain', value: 'b.example' }))?.tlp, 'red')
      assert.equal((await store.getIndicator({ type: 'domain', value: 'c.example' }))?.tlp, 'clear')
    } finally {
      await store.stop()
    }
  })

  it('refuses a database of a newer schema through the CLI without a stack trace', async () => {
    await runCli(['init', '--data-dir', dataDir])
    const store = new Store({ location: join(dataDir, 'db') })
    await store.start()
    await store.putMeta('schema', SCHEMA_VERSION + 5)
    await store.stop()
    const result = await runCli(['status', '--data-dir', dataDir])
    assert.equal(result.code, 1)
    assert.match(result.stderr, new RegExp(`newer than the ${SCHEMA_VERSION} this Sightline reads`))
    assert.doesNotMatch(result.stderr, /\n\s+at /)
  })

  it('gives clear errors for user mistakes: uninitialized directory, bad flag value', async () => {
    const missing = await runCli(['status', '--data-dir', join(dir, 'nowhere')])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /not an initialized Sightline data directory; run: sightline init/)
    const badTlp = await runCli(['import', 'x.txt', '--tlp', 'purple', '--data-dir', dataDir])
    assert.equal(badTlp.code, 2)
    assert.match(badTlp.stderr, /Allowed choices are clear, green, amber, amber\+strict, red/)
  })

  it('has --help on every command', async () => {
    for (const command of ['init', 'normalize', 'import', 'export', 'status']) {
      const result = await runCli([command, '--help'])
      assert.equal(result.code, 0, command)
      assert.match(result.stdout, new RegExp(`Usage: sightline ${command}`))
    }
  })
})

describe('sightline roster keygen, sign and import', function () {
  this.timeout(60_000)

  it('applies a roster signed by a trusted admin, and refuses an older or untrusted one', async () => {
    const { dir, cleanup } = await tempDir()
    try {
      const dataDir = join(dir, 'node')
      await runCli(['init', '--data-dir', dataDir, '--community', 'isac'])
      const keygen = await runCli(['roster', 'keygen', '--out', join(dir, 'admin.key')])
      assert.equal(keygen.code, 0, keygen.stderr)
      const adminId = /(12D3KooW\w+)/.exec(keygen.stdout)?.[1] as string
      const otherKey = await runCli(['roster', 'keygen', '--out', join(dir, 'other.key')])
      assert.equal(otherKey.code, 0)
      const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'))
      await writeFile(join(dataDir, 'config.json'), JSON.stringify({ ...config, rosterAdmins: [adminId] }))
      const members = [
        { peerId: '12D3KooWAGGNQ6VRwuXTPcYMwr78daQpMKhfSdoVcUYedm16DyQ3', organization: 'Org B' },
        { peerId: '12D3KooWB2Wek3aDMwqTQ5J4xu42T7bCEe6WTSWKpAxj1dS79Vye', organization: 'Org A' },
      ]
      await writeFile(join(dir, 'members.json'), JSON.stringify(members))
      const sign = (key: string, version: string, out: string) =>
        runCli([
          'roster',
          'sign',
          '--key',
          join(dir, key),
          '--members',
          join(dir, 'members.json'),
          '--version',
          version,
          '--out',
          join(dir, out),
          '--data-dir',
          dataDir,
        ])
      assert.equal((await sign('admin.key', '2', 'v2.json')).code, 0)
      assert.equal((await sign('admin.key', '1', 'v1.json')).code, 0)
      assert.equal((await sign('other.key', '3', 'rogue.json')).code, 0)
      const applied = await runCli(['roster', 'import', join(dir, 'v2.json'), '--data-dir', dataDir])
      assert.equal(applied.code, 0, applied.stderr)
      assert.match(applied.stdout, /applied roster version 2: 2 members/)
      const older = await runCli(['roster', 'import', join(dir, 'v1.json'), '--data-dir', dataDir])
      assert.equal(older.code, 1)
      assert.match(older.stderr, /not newer than the 2 held/)
      const rogue = await runCli(['roster', 'import', join(dir, 'rogue.json'), '--data-dir', dataDir])
      assert.equal(rogue.code, 1)
      assert.match(rogue.stderr, /not a trusted admin/)
      const list = JSON.parse((await runCli(['roster', 'list', '--json', '--data-dir', dataDir])).stdout) as {
        organization: string
        source: string
      }[]
      assert.deepEqual(list.map((e) => `${e.organization}/${e.source}`).sort(), ['Org A/signed', 'Org B/signed'])
    } finally {
      await cleanup()
    }
  })
})
