import type { Command } from 'commander'
import type { PeerView, QueryAnswer } from '../../api/node-view.ts'
import { matchView } from '../../store/repositories.ts'
import { callNode } from '../api-client.ts'
import { configFor, type GlobalOptions, printJson, withNode } from '../context.ts'
import { NodeNotRunningError } from '../errors.ts'

export function registerNetworkQueries(program: Command): void {
  registerPeers(program)
  registerMatches(program)
  registerQuery(program)
}

/** `sightline peers`: roster members and their connection state. */
function registerPeers(program: Command): void {
  program
    .command('peers')
    .description('list roster members: connected or not, last seen, last dial error, next attempt, known addresses')
    .option('--json', 'print a JSON array')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      const peers = (await callNode(config.dataDir, 'GET', '/v1/peers')) as PeerView[]
      if (flags.json) printJson(peers)
      else
        for (const p of peers) {
          const seen = `last seen ${p.lastSeen ?? 'never'}`
          const next = p.connected
            ? ''
            : `  next attempt ${p.nextAttemptAt ?? '-'}${p.lastError === null ? '' : `  last error: ${p.lastError}`}`
          process.stdout.write(`${p.connected ? 'connected ' : 'offline   '} ${p.peerId}  ${p.organization}  ${seen}${next}\n`)
        }
    })
}

/** `sightline matches`: confirmed matches, from the running node or else the store. */
function registerMatches(program: Command): void {
  program
    .command('matches')
    .description('list confirmed matches: which member also holds which of our indicators')
    .option('--json', 'print a JSON array of {"peer", "organization", "type", "value", "tlp", "mode", "matchedAt"}')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      let matches: { peer: string; organization: string; type: string; value: string; tlp: string; mode: string; matchedAt: string }[]
      try {
        matches = []
        for (let since = 0, more = true; more; ) {
          const page = (await callNode(config.dataDir, 'GET', `/v1/matches?since=${since}&limit=1000`)) as {
            matches: (typeof matches)[number][]
            next: number
            more: boolean
          }
          matches.push(...page.matches.map(({ seq: _seq, ...m }: (typeof matches)[number] & { seq?: number }) => m))
          since = page.next
          more = page.more
        }
      } catch (err) {
        // No node (or a stale api.json after a crash): the database is free to read directly.
        if (!(err instanceof NodeNotRunningError)) throw err
        matches = await withNode(config, async (node) => (await node.store.matches.all()).map(matchView))
      }
      if (flags.json) printJson(matches)
      else for (const m of matches) process.stdout.write(`${m.matchedAt}  ${m.organization}  ${m.type} ${m.value}  ${m.tlp}  ${m.mode}\n`)
    })
}

/** `sightline query`: ask every member about values now. */
function registerQuery(program: Command): void {
  program
    .command('query')
    .description('ask every member now which of them hold or sighted each value (per item), or how many (--tlp red); nothing is imported')
    .argument('<value...>', 'indicator values')
    .option('--tlp <tlp>', 'red: only counts per member, never which values')
    .option('--json', 'print one JSON object')
    .action(async (values: string[], flags: { tlp?: string; json?: boolean }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      const answer = (await callNode(config.dataDir, 'POST', '/v1/query', { values, tlp: flags.tlp })) as QueryAnswer
      if (flags.json) {
        printJson(answer)
        return
      }
      const name = (m: { organization: string | null; peer: string }) => m.organization ?? m.peer
      const answered = answer.answered
      // Whom we asked and who answered goes to stderr, the answers per value to stdout.
      process.stderr.write(
        answer.asked.length === 0
          ? 'asked nobody: the roster has no other member\n'
          : `asked ${answer.asked.map(name).join(', ')}; answered: ${answered.length === 0 ? 'none' : answered.map(name).join(', ')} (lists: ${answer.lists.join(', ')})\n${answer.unanswered
              .map((u) => `  no answer from ${name(u)}: ${u.reason}\n`)
              .join('')}`,
      )
      if (answer.red) {
        for (const c of answer.counts) process.stdout.write(`${name(c)} (${c.list}): ${c.count} of ${values.length}\n`)
      } else {
        for (const v of answer.values) {
          if ('error' in v) {
            process.stdout.write(`${v.input}\terror: ${v.error}\n`)
            continue
          }
          const said = v.members
            .map((m) => {
              const what = [m.holds === true ? 'holds' : '', m.sighted.length > 0 ? `sighted ${m.sighted.join('/')}` : ''].filter(
                (s) => s !== '',
              )
              return what.length === 0 ? '' : `${name(m)} (${what.join(', ')})`
            })
            .filter((s) => s !== '')
          const none = answered.length === 0 ? 'unknown (no member answered)' : `none of ${answered.length} answering`
          process.stdout.write(`${v.value}\t${said.length > 0 ? said.join('; ') : none}\n`)
        }
      }
      // Nobody answered: the query said nothing about any value, and scripts must see that.
      if (answered.length === 0) process.exitCode = 1
    })
}
