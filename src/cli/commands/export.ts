import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Command, Option } from 'commander'
import { EXPORT_FORMATS, type ExportFormat, exportChunks } from '../../indicators/export/format.ts'
import { nodeIsRunning, streamFromNode } from '../api-client.ts'
import { configFor, type GlobalOptions, withNode } from '../context.ts'

/** Writes the export to stdout, or atomically to `out`: a partial file never replaces it. */
async function write(chunks: Readable, out: string | undefined): Promise<void> {
  if (out === undefined) {
    await pipeline(chunks, process.stdout, { end: false })
    return
  }
  const partial = `${out}.partial`
  try {
    await pipeline(chunks, createWriteStream(partial, { mode: 0o600 }))
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
  await rename(partial, out)
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write all local indicators and sightings as a STIX 2.1 bundle or NDJSON (through the running node when one runs)')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('--out <file>', 'write to FILE (atomically: a partial file never replaces it) instead of stdout')
    .action(async (flags: { format: ExportFormat; out?: string }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      if (await nodeIsRunning(config.dataDir)) {
        // The running node holds the database: it streams the export from one snapshot of it.
        await write(await streamFromNode(config.dataDir, `/v1/export?format=${flags.format}`), flags.out)
        return
      }
      await withNode(config, async (node) => {
        const view = node.store.exportView()
        try {
          await write(Readable.from(exportChunks(view, flags.format)), flags.out)
        } finally {
          await view.close()
        }
      })
    })
}
