import type { Command } from 'commander'
import { initDataDir } from '../../node/data-dir.ts'
import { configFor, type GlobalOptions, printJson } from '../context.ts'

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the data directory: Ed25519 identity, API token, config and database')
    .option('--json', 'print {"created", "dataDir", "peerId"}')
    .action(async (options: { json?: boolean }, command: Command) => {
      const result = await initDataDir(configFor(command.optsWithGlobals<GlobalOptions>()))
      if (options.json) {
        printJson(result)
      } else if (result.created) {
        process.stdout.write(`initialized ${result.dataDir}\npeer id: ${result.peerId}\n`)
      } else {
        process.stdout.write(`${result.dataDir} is already initialized; nothing changed\npeer id: ${result.peerId}\n`)
      }
    })
}
