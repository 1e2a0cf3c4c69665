import type { Command } from 'commander'
import { multiaddrs } from '../../node/config.ts'
import { initDataDir } from '../../node/data-dir.ts'
import { configFor, type GlobalOptions, printJson } from '../context.ts'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the data directory: Ed25519 identity, API token, config and database')
    .option('--community <name>', 'community name: part of every topic and of the PSI key derivation (default: default)')
    .option(
      '--listen <multiaddr>',
      'libp2p listen address (repeatable; default TCP on 127.0.0.1, port chosen at first start and kept)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--json', 'print {"created", "dataDir", "peerId"}')
    .action(async (options: { json?: boolean; community?: string; listen?: string[] }, command: Command) => {
      const result = await initDataDir(
        configFor(command.optsWithGlobals<GlobalOptions>(), {
          community: options.community,
          ...(options.listen === undefined ? {} : { listen: multiaddrs(options.listen, '--listen') }),
        }),
      )
      if (options.json) {
        printJson(result)
      } else if (result.created) {
        process.stdout.write(`initialized ${result.dataDir}\npeer id: ${result.peerId}\n`)
      } else {
        process.stdout.write(`${result.dataDir} is already initialized; nothing changed\npeer id: ${result.peerId}\n`)
      }
    })
}
