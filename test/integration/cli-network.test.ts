import { strict as assert } from 'node:assert'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { firstLine, runCli, spawnCli } from '../helpers/cli.ts'
import { selfSignedCert } from '../helpers/tls.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('sightline start, peers, matches and query (two processes)', function () {
  this.timeout(120_000)

  it('two members started from the CLI find their shared indicators and answer queries', async () => {
    const { dir, cleanup } = await tempDir()
    const children: ChildProcess[] = []
    try {
      const a = join(dir, 'a')
      const b = join(dir, 'b')
      const idA = JSON.parse((await runCli(['init', '--data-dir', a, '--community', 'lab', '--json'])).stdout).peerId as string
      const idB = JSON.parse((await runCli(['init', '--data-dir', b, '--community', 'lab', '--json'])).stdout).peerId as string
      assert.equal((await runCli(['roster', 'add', idB, '--name', 'Org B', '--data-dir', a])).code, 0)
      assert.equal((await runCli(['roster', 'add', idA, '--name', 'Org A', '--data-dir', b])).code, 0)
      await writeFile(join(dir, 'a.txt'), 'evil.example\n45.9.148.3\nonly-a.example\n')
      await writeFile(join(dir, 'b.txt'), 'Evil[.]example\n45.9.148.3\nonly-b.example\n')
      await runCli(['import', join(dir, 'a.txt'), '--data-dir', a])
      await runCli(['import', join(dir, 'b.txt'), '--data-dir', b])

      // Node A serves its API over HTTPS with a self-signed certificate: the CLI trusts it by api.json.
      const { cert, key } = selfSignedCert(dir)
      const nodeA = spawnCli(['start', '--data-dir', a, '--json', '--api-tls-cert', cert, '--api-tls-key', key])
      children.push(nodeA)
      const started = JSON.parse(await firstLine(nodeA)) as { peerId: string; addresses: string[] }
      assert.equal(started.peerId, idA)
      assert.match(JSON.parse(await readFile(join(a, 'api.json'), 'utf8')).url, /^https:\/\/127\.0\.0\.1:/)
      const nodeB = spawnCli(['start', '--data-dir', b, '--json', '--bootstrap', started.addresses[0] as string])
      children.push(nodeB)
      await firstLine(nodeB)

      let values: string[] = []
      for (let i = 0; i < 100 && values.length < 2; i++) {
        const matches = JSON.parse((await runCli(['matches', '--json', '--data-dir', a])).stdout) as {
          value: string
          organization: string
        }[]
        values = [...new Set(matches.map((m) => `${m.organization}:${m.value}`))].sort()
        if (values.length < 2) await new Promise((resolve) => setTimeout(resolve, 200))
      }
      assert.deepEqual(values, ['Org B:45.9.148.3', 'Org B:evil.example'])

      const status = JSON.parse((await runCli(['status', '--json', '--data-dir', a])).stdout) as {
        peerId: string
        running?: { connectedPeers: number }
      }
      assert.equal(status.peerId, idA)
      assert.equal(status.running?.connectedPeers, 1, 'status asks the running node')
      const peers = JSON.parse((await runCli(['peers', '--json', '--data-dir', a])).stdout) as { peerId: string; connected: boolean }[]
      assert.deepEqual(
        peers.map((p) => [p.peerId, p.connected]),
        [[idB, true]],
      )
      const query = JSON.parse(
        (await runCli(['query', 'evil.example', 'nobody.example', 'bad value', '--json', '--data-dir', a])).stdout,
      ) as {
        asked: { peer: string }[]
        answered: { peer: string }[]
        values: { input: string; members?: { organization: string; holds: boolean; sighted: string[] }[]; error?: string }[]
      }
      assert.deepEqual(
        query.asked.map((m) => m.peer),
        [idB],
      )
      assert.deepEqual(
        query.answered.map((m) => m.peer),
        [idB],
      )
      assert.deepEqual(
        query.values.map((v) => v.members?.map((h) => `${h.organization}:${h.holds}:${h.sighted.join('/')}`) ?? v.error),
        [['Org B:true:'], [], '"bad value" has whitespace inside: not one indicator'],
      )

      // An import into a running node goes through it; the additions go out as deltas and match.
      await writeFile(join(dir, 'a2.txt'), 'late-shared.example\n')
      await writeFile(join(dir, 'b2.txt'), 'late-shared.example\n')
      const late = await runCli(['import', join(dir, 'a2.txt'), '--json', '--data-dir', a])
      assert.equal(late.code, 0, late.stderr)
      assert.equal(JSON.parse(late.stdout).imported, 1)
      assert.equal((await runCli(['import', join(dir, 'b2.txt'), '--data-dir', b])).code, 0)
      for (let i = 0; i < 100 && !values.includes('Org B:late-shared.example'); i++) {
        const matches = JSON.parse((await runCli(['matches', '--json', '--data-dir', a])).stdout) as {
          value: string
          organization: string
        }[]
        values = [...new Set(matches.map((m) => `${m.organization}:${m.value}`))].sort()
        if (!values.includes('Org B:late-shared.example')) await new Promise((resolve) => setTimeout(resolve, 200))
      }
      assert.deepEqual(values, ['Org B:45.9.148.3', 'Org B:evil.example', 'Org B:late-shared.example'])

      for (const child of children) child.kill('SIGINT')
      for (const child of children) if (child.exitCode === null) await once(child, 'exit')
      assert.deepEqual(
        children.map((c) => c.exitCode),
        [0, 0],
      )
      // With the node stopped, `matches` reads the database directly.
      const after = JSON.parse((await runCli(['matches', '--json', '--data-dir', b])).stdout) as { value: string }[]
      assert.deepEqual([...new Set(after.map((m) => m.value))].sort(), ['45.9.148.3', 'evil.example', 'late-shared.example'])
      const noNode = await runCli(['peers', '--data-dir', a])
      assert.equal(noNode.code, 1)
      assert.match(noNode.stderr, /no node is running/)
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
      await cleanup()
    }
  })
})
