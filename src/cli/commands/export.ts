import { createWriteStream } from 'node:fs'
import { rename } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Command, Option } from 'commander'
import { ndjsonExport } from '../../indicators/export/ndjson.ts'
import { stixBundle } from '../../indicators/export/stix.ts'
import { configFor, type GlobalOptions, withNode } from '../context.ts'

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write all local indicators and sightings as a STIX 2.1 bundle or NDJSON')
    .addOption(new Option('--format <format>', 'output format').choices(['stix', 'ndjson']).makeOptionMandatory())
    .option('--out <file>', 'write to FILE (atomically: a partial file never replaces it) instead of stdout')
    .action(async (flags: { format: 'stix' | 'ndjson'; out?: string }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      await withNode(config, async (node) => {
        const store = node.store
        const source = {
          indicators: () => store.indicators(),
          sightings: () => store.sightings(),
          getIndicator: (item: Parameters<typeof store.getIndicator>[0]) => store.getIndicator(item),
        }
        const chunks = Readable.from(flags.format === 'stix' ? stixBundle(source) : ndjsonExport(source))
        if (flags.out === undefined) {
          await pipeline(chunks, process.stdout, { end: false })
          return
        }
        const partial = `${flags.out}.partial`
        await pipeline(chunks, createWriteStream(partial, { mode: 0o600 }))
        await rename(partial, flags.out)
      })
    })
}
