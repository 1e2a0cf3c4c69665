import type { Command } from 'commander'
import { configFor, type GlobalOptions, printJson, withNode } from '../context.ts'

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show peer id, data directory, schema version and counts by type and TLP')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      const status = await withNode(config, async (node) => {
        const stats = node.store.stats()
        const total = Object.values(stats.indicators).reduce((sum, byTlp) => sum + Object.values(byTlp).reduce((a, b) => a + b, 0), 0)
        return {
          peerId: node.peerId,
          dataDir: config.dataDir,
          community: config.community,
          schemaVersion: node.store.schemaVersion,
          indicators: { total, byType: stats.indicators },
          sightings: stats.sightings,
        }
      })
      if (options.json) {
        printJson(status)
        return
      }
      const lines = [
        `peer id:        ${status.peerId}`,
        `data directory: ${status.dataDir}`,
        `community:      ${status.community}`,
        `schema version: ${status.schemaVersion}`,
        `indicators:     ${status.indicators.total}`,
        ...Object.entries(status.indicators.byType).map(
          ([type, byTlp]) =>
            `  ${type.padEnd(10)} ${Object.entries(byTlp)
              .map(([tlp, n]) => `${tlp}=${n}`)
              .join(' ')}`,
        ),
        `sightings:      ${status.sightings}`,
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    })
}
