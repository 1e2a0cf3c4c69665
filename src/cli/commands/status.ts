import type { Command } from 'commander'
import { loadDataDirIdentity } from '../../node/data-dir.ts'
import type { StoreStats } from '../../store/store.ts'
import { SCHEMA_VERSION } from '../../store/sublevels.ts'
import { callNode, nodeIsRunning } from '../api-client.ts'

function total(byType: StoreStats['indicators']): number {
  return Object.values(byType).reduce((sum, byTlp) => sum + Object.values(byTlp ?? {}).reduce((a, b) => a + b, 0), 0)
}

import { configFor, type GlobalOptions, printJson, withNode } from '../context.ts'

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show peer id, data directory, schema version and counts by type and TLP')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      // A running node holds the database: ask it instead (it adds network state).
      const running = (await nodeIsRunning(config.dataDir))
        ? ((await callNode(config.dataDir, 'GET', '/v1/status')) as {
            indicators: StoreStats['indicators']
            sightings: number
            epoch: number
            connectedPeers: number
            matches: number
          })
        : undefined
      const status =
        running !== undefined
          ? {
              peerId: (await loadDataDirIdentity(config.dataDir)).peerId,
              dataDir: config.dataDir,
              community: config.community,
              schemaVersion: SCHEMA_VERSION,
              indicators: { total: total(running.indicators), byType: running.indicators },
              sightings: running.sightings,
              running: { epoch: running.epoch, connectedPeers: running.connectedPeers, matches: running.matches },
            }
          : await withNode(config, async (node) => {
              const stats = node.store.stats()
              return {
                peerId: node.peerId,
                dataDir: config.dataDir,
                community: config.community,
                schemaVersion: node.store.schemaVersion,
                indicators: { total: total(stats.indicators), byType: stats.indicators },
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
        ...('running' in status
          ? [
              `running:        epoch ${status.running.epoch}, ${status.running.connectedPeers} peers connected, ${status.running.matches} matches`,
            ]
          : ['running:        no (sightline start)']),
      ]
      process.stdout.write(`${lines.join('\n')}\n`)
    })
}
