import type { Command } from 'commander'
import { InvalidIndicatorError } from '../../indicators/errors.ts'
import { normalize } from '../../indicators/normalize.ts'
import { Warninglists } from '../../indicators/warninglist.ts'
import { warninglistFiles } from '../../node/data-dir.ts'
import { configFor, type GlobalOptions, printJson } from '../context.ts'
import { UsageError } from '../errors.ts'

/** The lists a node on this data directory uses: built-in, `<dataDir>/warninglists/`, config. */
async function loadLists(command: Command, files: string[] = []): Promise<Warninglists> {
  const config = configFor(command.optsWithGlobals<GlobalOptions>())
  return Warninglists.load([...(await warninglistFiles(config)), ...files])
}

function printProblems(lists: Warninglists): void {
  for (const p of lists.problems) process.stderr.write(`${p.where}: ${p.reason}\n`)
}

export function registerWarninglist(program: Command): void {
  const command = program
    .command('warninglist')
    .description('the warninglists (known-benign values) this node uses: list them, show one, check values against them')

  listAndShowCommands(command)
  checkCommand(command)
}

/** `warninglist list` and `warninglist show`. */
function listAndShowCommands(command: Command): void {
  command
    .command('list')
    .description('every list: name, match type, entries in use, entries skipped, file; skipped entries on stderr')
    .option('--json', 'print {"lists": [...], "problems": [...]}')
    .action(async (flags: { json?: boolean }, sub: Command) => {
      const lists = await loadLists(sub)
      if (flags.json === true) {
        printJson({ lists: lists.lists(), problems: lists.problems })
        return
      }
      for (const l of lists.lists()) {
        const skipped = l.skipped === 0 ? '' : `, ${l.skipped} skipped`
        process.stdout.write(
          `${l.name}\t${l.kind}\t${l.entries} entries${skipped}\t${l.file ?? 'built-in'}${l.title === undefined ? '' : `\t${l.title}`}\n`,
        )
      }
      printProblems(lists)
    })

  command
    .command('show')
    .description('the entries of one list')
    .argument('<name>', 'list name (as `warninglist list` prints it)')
    .option('--json', 'print the list and its entries as JSON')
    .action(async (name: string, flags: { json?: boolean }, sub: Command) => {
      const lists = await loadLists(sub)
      const info = lists.lists().find((l) => l.name === name)
      const entries = lists.entriesOf(name)
      if (info === undefined || entries === undefined) throw new UsageError(`no warninglist named ${name} (see sightline warninglist list)`)
      const problems = lists.problems.filter((p) => p.list === name)
      if (flags.json === true) {
        printJson({ ...info, values: entries, problems })
        return
      }
      process.stdout.write(`# ${info.name} (${info.kind}${info.types === undefined ? '' : `; applies to ${info.types.join(', ')}`})\n`)
      if (info.title !== undefined) process.stdout.write(`# ${info.title}\n`)
      for (const entry of entries) process.stdout.write(`${entry}\n`)
      for (const p of problems) process.stderr.write(`${p.where}: ${p.reason}\n`)
    })
}

/** `warninglist check`: which lists hold each value, and why. */
function checkCommand(command: Command): void {
  command
    .command('check')
    .description('say which lists hold each value, by which entry and why (exit 0: none listed, 4: some listed)')
    .argument('<value...>', 'indicator values, defanged or not')
    .option('--type <type>', 'expected type; detected when omitted')
    .option('--json', 'print a JSON array of {"input", "type", "value", "hits": [...]} or {"input", "error"}')
    .action(async (values: string[], flags: { type?: string; json?: boolean }, sub: Command) => {
      const lists = await loadLists(sub)
      const results = values.map((input) => {
        try {
          const item = normalize(input, flags.type)
          return { input, ...item, hits: lists.explain(item) }
        } catch (err) {
          if (err instanceof InvalidIndicatorError) return { input, error: err.message }
          throw err
        }
      })
      if (flags.json === true) {
        printJson(results)
      } else {
        for (const r of results) {
          if ('error' in r) {
            process.stdout.write(`${r.input}\terror: ${r.error}\n`)
          } else if (r.hits.length === 0) {
            process.stdout.write(`${r.input}\t${r.type}\t${r.value}\tnot on any warninglist\n`)
          } else {
            for (const h of r.hits)
              process.stdout.write(
                `${r.input}\t${r.type}\t${r.value}\ton ${h.list} (${h.kind} entry ${JSON.stringify(h.entry)}: ${h.reason})\n`,
              )
          }
        }
      }
      if (results.some((r) => 'error' in r)) process.exitCode = 3
      else if (results.some((r) => 'hits' in r && r.hits.length > 0)) process.exitCode = 4
    })
}
