import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { printJson } from '../context.ts'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a local community of member nodes on 127.0.0.1 with planted overlaps and show what each learns')
    .option('--nodes <n>', 'member nodes (2 to 8)', '3')
    .option('--items <n>', 'unique indicators per node besides the planted overlaps', '300')
    .option('--timeout <seconds>', 'give up waiting for matches after this long', '120')
    .option('--keep', 'keep the temporary data directories')
    .option('--json', 'print one JSON object (planted, found, precision, recall, elapsedMs, nodes)')
    .action(async (flags: { nodes: string; items: string; timeout: string; keep?: boolean; json?: boolean }) => {
      const dir = await mkdtemp(join(tmpdir(), 'sightline-demo-'))
      try {
        const { runDemo } = await import('../../sim/demo.ts')
        const result = await runDemo({
          nodes: Number(flags.nodes),
          itemsPerNode: Number(flags.items),
          dir,
          timeoutMs: Number(flags.timeout) * 1000,
          onProgress: (message) => {
            if (!flags.json) process.stderr.write(`- ${message}\n`)
          },
        })
        if (flags.json) {
          printJson(result)
        } else {
          const lines: string[] = ['']
          for (const node of result.nodes) {
            lines.push(`${node.organization} (${node.peerId}), ${node.indicators} indicators`)
            for (const [peer, values] of Object.entries(node.found)) lines.push(`  shares with ${peer}: ${values.join(', ')}`)
            for (const [peer, count] of Object.entries(node.redCounts))
              if (count > 0) lines.push(`  TLP:RED overlap with ${peer}: ${count} (count only)`)
            lines.push(`  received ${node.feedReceived} TLP:CLEAR indicators as themselves on the community feed`)
            lines.push(
              `  sent ${node.sent.messages} messages, ${node.sent.bytes} bytes; rejected gossip ${JSON.stringify(node.rejectedGossip)}`,
            )
            for (const error of node.errors) lines.push(`  error: ${error}`)
          }
          lines.push(
            '',
            `ground truth: ${result.planted} shared (node, peer, indicator) pairs outside RED, ${result.redExpected} RED overlaps (counted: ${result.redCounted})`,
            `found ${result.found}: precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)} in ${result.elapsedMs} ms`,
          )
          process.stdout.write(`${lines.join('\n')}\n`)
        }
        if (result.recall < 1 || result.precision < 1) process.exitCode = 1
      } finally {
        if (flags.keep) process.stderr.write(`data directories kept in ${dir}\n`)
        else await rm(dir, { recursive: true, force: true })
      }
    })
}
