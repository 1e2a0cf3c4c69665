import { Command, CommanderError } from 'commander'
import { SIGHTLINE_VERSION } from '../node/version.ts'
import { registerDemo } from './commands/demo.ts'
import { registerExport } from './commands/export.ts'
import { registerImport } from './commands/import.ts'
import { registerInit } from './commands/init.ts'
import { registerNetworkQueries } from './commands/network-queries.ts'
import { registerNormalize } from './commands/normalize.ts'
import { registerRoster } from './commands/roster.ts'
import { registerSimulate } from './commands/simulate.ts'
import { registerPnetKey, registerStart } from './commands/start.ts'
import { registerStatus } from './commands/status.ts'
import { registerWarninglist } from './commands/warninglist.ts'
import { reportError } from './errors.ts'

export function buildProgram(): Command {
  const program = new Command('sightline')
    .description('Sightline: share threat indicators with your community without disclosing the rest')
    .option('--data-dir <dir>', 'data directory (default ./.sightline, or SIGHTLINE_DATA_DIR)')
    .option('--config <file>', 'config file (default <data-dir>/config.json, or SIGHTLINE_CONFIG)')
    // Not commander's .version(): it would take `--version` from subcommands (`roster sign --version N`).
    .addHelpText('after', '\nsightline --version (or -V) prints the version.')
    .showHelpAfterError()
    .exitOverride()
  registerInit(program)
  registerNormalize(program)
  registerImport(program)
  registerExport(program)
  registerStatus(program)
  registerWarninglist(program)
  registerRoster(program)
  registerStart(program)
  registerPnetKey(program)
  registerNetworkQueries(program)
  registerDemo(program)
  registerSimulate(program)
  const override = (command: Command): void => {
    command.exitOverride()
    for (const sub of command.commands) override(sub)
  }
  override(program)
  return program
}

export async function main(argv: string[]): Promise<number> {
  // `sightline export ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })
  const args = argv.slice(2)
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${SIGHTLINE_VERSION}\n`)
    return 0
  }
  try {
    await buildProgram().parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    return reportError(err)
  }
}
