import { strict as assert } from 'node:assert'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { runCli, spawnCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/tmp.ts'

/** The first stdout line of `start --json`, and all stderr so far (for warnings). */
function started(child: ChildProcess): Promise<{ peerId: string; addresses: string[] }> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))))
    })
    child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${err}`)))
  })
}

/** Collects a child's stderr as it comes. */
function stderrOf(child: ChildProcess): () => string {
  let err = ''
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString()
  })
  return () => err
}

/** Calls the running node's API as the CLI does (api.json and the token), without a process per call. */
async function api<T>(dataDir: string, path: string): Promise<T> {
  const { url } = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8')) as { url: string }
  const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim()
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return (await response.json()) as T
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now()
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - start
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

interface Bank {
  name: string
  dir: string
  id: string
}

async function initBanks(dir: string, names: string[]): Promise<Bank[]> {
  const banks: Bank[] = []
  for (const name of names) {
    const out = await runCli(['init', '--data-dir', join(dir, name), '--community', 'lab', '--json'])
    banks.push({ name, dir: join(dir, name), id: JSON.parse(out.stdout).peerId })
  }
  for (const bank of banks)
    for (const other of banks)
      if (other !== bank) assert.equal((await runCli(['roster', 'add', other.id, '--name', other.name, '--data-dir', bank.dir])).code, 0)
  return banks
}

async function importValues(bank: Bank, values: string[]): Promise<void> {
  const file = `${bank.dir}-${Date.now()}.txt`
  await writeFile(file, `${values.join('\n')}\n`)
  const result = await runCli(['import', file, '--data-dir', bank.dir])
  assert.equal(result.code, 0, result.stderr)
}

describe('a community that stays whole (real processes, 127.0.0.1)', function () {
  this.timeout(240_000)

  it('three members: one killed with SIGKILL and restarted on the same port, then on another, reconnects and recalls every match by itself', async () => {
    const { dir, cleanup } = await tempDir()
    const children: ChildProcess[] = []
    const spawn = (args: string[]) => {
      const child = spawnCli(args)
      children.push(child)
      return child
    }
    try {
      const [a, b, c] = (await initBanks(dir, ['A', 'B', 'C'])) as [Bank, Bank, Bank]
      // AMBER (the default TLP): matched by PSI, pairwise.
      await importValues(a, ['ab.example', 'ac.example', 'abc.example', 'only-a.example'])
      await importValues(b, ['ab.example', 'bc.example', 'abc.example', 'only-b.example'])
      await importValues(c, ['ac.example', 'bc.example', 'abc.example', 'only-c.example'])
      const expected = new Map<Bank, Set<string>>([
        [a, new Set(['B:ab.example', 'B:abc.example', 'C:ac.example', 'C:abc.example'])],
        [b, new Set(['A:ab.example', 'A:abc.example', 'C:bc.example', 'C:abc.example'])],
        [c, new Set(['A:ac.example', 'A:abc.example', 'B:bc.example', 'B:abc.example'])],
      ])

      const infoA = await started(spawn(['start', '--data-dir', a.dir, '--json']))
      const bootstrap = infoA.addresses[0] as string
      // B and C know only A; C learns where B is from the members (identify, sync).
      await started(spawn(['start', '--data-dir', b.dir, '--json', '--bootstrap', bootstrap]))
      let nodeC = spawn(['start', '--data-dir', c.dir, '--json', '--bootstrap', bootstrap])
      await started(nodeC)
      const cApi = JSON.parse(await readFile(join(c.dir, 'api.json'), 'utf8')).url as string

      const allConnected = async () => {
        for (const bank of [a, b, c]) {
          const peers = await api<{ connected: boolean }[]>(bank.dir, '/v1/peers')
          if (peers.length !== 2 || !peers.every((p) => p.connected)) return false
        }
        return true
      }
      const allMatches = async () => {
        for (const [bank, want] of expected) {
          const page = await api<{ matches: { organization: string; value: string }[] }>(bank.dir, '/v1/matches?since=0&limit=1000')
          const got = new Set(page.matches.map((m) => `${m.organization}:${m.value}`))
          if ([...want].some((w) => !got.has(w))) return false
        }
        return true
      }
      await until('first convergence: all connected', allConnected, 60_000)
      await until('first convergence: all matches', allMatches, 60_000)

      for (const round of ['same port', 'another port'] as const) {
        const before = JSON.parse(await readFile(join(c.dir, 'config.json'), 'utf8')) as { listen: string[] }
        nodeC.kill('SIGKILL')
        await once(nodeC, 'exit')
        // While C is down, A and C each gain an item they share (C's offline, in its own database):
        // only a new PSI run between the restarted C and A can find it.
        const late = `late-${round.replace(' ', '-')}.example`
        await importValues(a, [late])
        await importValues(c, [late])
        ;(expected.get(a) as Set<string>).add(`C:${late}`)
        ;(expected.get(c) as Set<string>).add(`A:${late}`)

        const listen = round === 'same port' ? [] : ['--listen', `/ip4/127.0.0.1/tcp/${await freePort()}`]
        const t0 = Date.now()
        nodeC = spawn(['start', '--data-dir', c.dir, '--json', '--bootstrap', bootstrap, ...listen])
        const info = await started(nodeC)
        const port = (address: string) => /\/tcp\/(\d+)/.exec(address)?.[1]
        if (round === 'same port') assert.equal(port(info.addresses[0] as string), port(before.listen[0] as string))
        else assert.notEqual(port(info.addresses[0] as string), port(before.listen[0] as string))
        assert.equal(JSON.parse(await readFile(join(c.dir, 'api.json'), 'utf8')).url, cApi, 'the API port is kept')
        await until(`${round}: all connected`, allConnected, 60_000)
        const reconnect = Date.now() - t0
        await until(`${round}: all matches`, allMatches, 90_000)
        const recall = Date.now() - t0
        console.log(
          `      measured (${round}): time-to-reconnect ${reconnect} ms, time-to-full-recall ${recall} ms (from the restart command; process start included)`,
        )
        assert.ok(reconnect < 60_000 && recall < 90_000)
      }
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await cleanup()
    }
  })

  it('joins with one wrong and one right bootstrap address, and reports the wrong one on stderr and in status', async () => {
    const { dir, cleanup } = await tempDir()
    const children: ChildProcess[] = []
    try {
      // C is on the roster but never runs: its address is the wrong one.
      const [a, b, c] = (await initBanks(dir, ['A', 'B', 'C'])) as [Bank, Bank, Bank]
      await importValues(a, ['shared.example'])
      await importValues(b, ['shared.example'])
      const nodeA = spawnCli(['start', '--data-dir', a.dir, '--json'])
      children.push(nodeA)
      const infoA = await started(nodeA)
      const wrong = `/ip4/127.0.0.1/tcp/${await freePort()}/p2p/${c.id}`
      const nodeB = spawnCli(['start', '--data-dir', b.dir, '--json', '--bootstrap', wrong, '--bootstrap', infoA.addresses[0] as string])
      children.push(nodeB)
      const stderr = stderrOf(nodeB)
      await started(nodeB)
      await until(
        'B joins A',
        async () => (await api<{ peerId: string; connected: boolean }[]>(b.dir, '/v1/peers')).some((p) => p.peerId === a.id && p.connected),
        30_000,
      )
      await until(
        'B matches A',
        async () => (await api<{ matches: { value: string }[] }>(b.dir, '/v1/matches?since=0')).matches.length > 0,
        30_000,
      )
      await until('the warning', async () => stderr().includes(wrong), 10_000)
      assert.match(stderr(), /warning: bootstrap address \S+ cannot be reached/)
      const status = await api<{ bootstrapErrors: { address: string; error: string }[] }>(b.dir, '/v1/status')
      assert.deepEqual(
        status.bootstrapErrors.map((e) => e.address),
        [wrong],
      )
      const peers = await api<{ peerId: string; connected: boolean; lastError: string | null; nextAttemptAt: string | null }[]>(
        b.dir,
        '/v1/peers',
      )
      const toC = peers.find((p) => p.peerId === c.id)
      assert.equal(toC?.connected, false)
      assert.notEqual(toC?.nextAttemptAt, null, 'C is still being tried')
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
      await cleanup()
    }
  })

  it('a listen port or an API port in use: exit 1, naming the port and the flag to change', async () => {
    const { dir, cleanup } = await tempDir()
    const blocker: Server = createServer()
    try {
      const [a] = (await initBanks(dir, ['A'])) as [Bank]
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
      const port = (blocker.address() as { port: number }).port
      const listen = await runCli(['start', '--data-dir', a.dir, '--listen', `/ip4/127.0.0.1/tcp/${port}`])
      assert.equal(listen.code, 1, listen.stderr)
      assert.match(listen.stderr, new RegExp(`port ${port} is in use.*--listen.*"listen"`))
      assert.doesNotMatch(listen.stderr, /internal error|report this as a bug/)
      const apiPort = await runCli(['start', '--data-dir', a.dir, '--api-port', String(port)])
      assert.equal(apiPort.code, 1, apiPort.stderr)
      assert.match(apiPort.stderr, new RegExp(`port ${port} is in use.*--api-port.*"api.port"`))
      assert.doesNotMatch(apiPort.stderr, /internal error|report this as a bug/)
    } finally {
      blocker.close()
      await cleanup()
    }
  })
})
