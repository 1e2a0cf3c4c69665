import type { Command } from 'commander'
import { InvalidIndicatorError } from '../../indicators/errors.ts'
import { normalize } from '../../indicators/normalize.ts'
import { printJson } from '../context.ts'

export function registerNormalize(program: Command): void {
  program
    .command('normalize')
    .description('print the canonical form and type of each value (no data directory needed)')
    .argument('<value...>', 'indicator values, defanged or not')
    .option('--type <type>', 'expected type (ipv4, domain, url, sha256, ip, hash, ...); detected when omitted')
    .option('--json', 'print a JSON array of {"input", "type", "value"} or {"input", "error"}')
    .action((values: string[], options: { type?: string; json?: boolean }) => {
      const results = values.map((input) => {
        try {
          return { input, ...normalize(input, options.type) }
        } catch (err) {
          if (err instanceof InvalidIndicatorError) return { input, error: err.message }
          throw err
        }
      })
      if (options.json) {
        printJson(results)
      } else {
        for (const r of results)
          process.stdout.write('error' in r ? `${r.input}\terror: ${r.error}\n` : `${r.input}\t${r.type}\t${r.value}\n`)
      }
      if (results.some((r) => 'error' in r)) process.exitCode = 3
    })
}
