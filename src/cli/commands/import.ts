import { resolve } from 'node:path'
import { type Command, Option } from 'commander'
import { FORMATS } from '../../indicators/formats/row.ts'
import { parseTlp, TLP_LEVELS } from '../../indicators/tlp.ts'
import { type ImportReport, importFiles } from '../../node/importer.ts'
import { DEFAULT_CONFIG } from '../../node/options.ts'
import { callNode, nodeIsRunning } from '../api-client.ts'
import { configFor, type GlobalOptions, interruptSignal, printJson, withNode } from '../context.ts'
import { ProgressBar, type ProgressMode, resolveProgress } from '../progress.ts'

interface ImportFlags {
  format: 'auto' | (typeof FORMATS)[number]
  tlp?: string
  source?: string
  sightings?: boolean
  json?: boolean
  progress: ProgressMode
}

/** Exit codes: 0 nothing rejected or failed, 3 some rows rejected (or files failed) and the rest kept, 1 nothing processed. */
export function importExitCode(report: ImportReport): number {
  if (report.rejected === 0 && report.failedFiles === 0) return 0
  return report.imported + report.duplicates + report.skipped > 0 ? 3 : 1
}

function printReport(report: ImportReport, json: boolean): void {
  if (json) {
    printJson(report)
    return
  }
  for (const e of report.errors) process.stderr.write(`${e.file}:${e.line ?? e.pointer ?? '-'}: ${e.reason}\n`)
  if (report.errorsOmitted > 0) process.stderr.write(`... and ${report.errorsOmitted} more errors\n`)
  const lists = Object.entries(report.warninglists ?? {})
    .map(([name, n]) => `${name} ${n}`)
    .join(', ')
  process.stdout.write(
    `imported ${report.imported}, duplicates ${report.duplicates}, rejected ${report.rejected}, skipped ${report.skipped}, on warninglists ${report.warninglisted}${lists === '' ? '' : ` (${lists})`}${report.failedFiles === 0 ? '' : `, files not read ${report.failedFiles}`}\n`,
  )
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import indicators or sightings from files, in durable batches')
    .argument('<file...>', 'files to import')
    .addOption(new Option('--format <format>', 'file format').choices(['auto', ...FORMATS]).default('auto'))
    .addOption(
      new Option('--tlp <tlp>', `TLP for rows that carry none (default: config defaultTlp, ${DEFAULT_CONFIG.defaultTlp})`).choices([
        ...TLP_LEVELS,
      ]),
    )
    .option('--source <name>', 'source name for rows that carry none (default: the file name)')
    .option('--sightings', 'rows of txt, csv and ndjson files are sightings (value, time, count, source, where)')
    .option('--json', 'print one object {"imported", "duplicates", "rejected", "errors": [...]}')
    .addOption(
      new Option('--progress <mode>', 'auto: a bar on a terminal; lines: one JSON object per durable batch on stderr')
        .choices(['auto', 'bar', 'lines', 'none'])
        .default('auto'),
    )
    .action(async (files: string[], flags: ImportFlags, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      const tlp = flags.tlp === undefined ? config.defaultTlp : parseTlp(flags.tlp)
      if (await nodeIsRunning(config.dataDir)) {
        // The running node holds the database: it imports the files itself and announces the additions.
        const report = (await callNode(
          config.dataDir,
          'POST',
          '/v1/import',
          {
            files: files.map((f) => resolve(f)),
            format: flags.format,
            tlp,
            ...(flags.source === undefined ? {} : { source: flags.source }),
            sightings: flags.sightings === true,
          },
          3_600_000,
        )) as ImportReport
        printReport(report, flags.json === true)
        process.exitCode = importExitCode(report)
        return
      }
      const mode = resolveProgress(flags.progress, flags.json === true)
      const bar = mode === 'bar' ? new ProgressBar() : undefined
      const signal = interruptSignal()
      let rows = 0
      const report = await withNode(config, (node) =>
        importFiles(node.store, files, {
          format: flags.format,
          tlp,
          ...(flags.source === undefined ? {} : { source: flags.source }),
          sightings: flags.sightings === true,
          warninglists: node.warninglists,
          signal,
          onBytes: (file, done, total) => bar?.update(file, done, total, `${rows.toLocaleString('en')} rows`),
          onCommit: (p) => {
            rows = p.rows
            if (mode === 'lines') process.stderr.write(`${JSON.stringify({ event: 'committed', ...p })}\n`)
          },
        }).catch((err: unknown) => {
          if (signal.aborted) return undefined
          throw err
        }),
      )
      bar?.done()
      if (report === undefined) {
        process.stderr.write('sightline: import interrupted; rows reported as committed are on disk\n')
        process.exitCode = 130
        return
      }
      printReport(report, flags.json === true)
      process.exitCode = importExitCode(report)
    })
}
