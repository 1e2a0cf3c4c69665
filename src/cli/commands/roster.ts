import { peerIdFromString } from '@libp2p/peer-id'
import type { Command } from 'commander'
import { configFor, type GlobalOptions, printJson, withNode } from '../context.ts'
import { UsageError } from '../errors.ts'

function checkPeerId(id: string): string {
  try {
    return peerIdFromString(id).toString()
  } catch {
    throw new UsageError(`"${id}" is not a libp2p peer id`)
  }
}

export function registerRoster(program: Command): void {
  const roster = program
    .command('roster')
    .description('community members this node talks to (all others are refused); edit while the node is stopped')
  roster
    .command('add')
    .description('add a member')
    .argument('<peer-id>', "the member's peer id (printed by its sightline init)")
    .requiredOption('--name <organization>', "the member's organization name")
    .action(async (peerId: string, flags: { name: string }, command: Command) => {
      const id = checkPeerId(peerId)
      await withNode(configFor(command.optsWithGlobals<GlobalOptions>()), (node) =>
        node.store.roster.put(id, { peerId: id, organization: flags.name, source: 'local', addedAt: Date.now() }),
      )
      process.stdout.write(`added ${flags.name} (${id})\n`)
    })
  roster
    .command('remove')
    .description('remove a member')
    .argument('<peer-id>')
    .action(async (peerId: string, _flags: unknown, command: Command) => {
      const id = checkPeerId(peerId)
      const removed = await withNode(configFor(command.optsWithGlobals<GlobalOptions>()), async (node) => {
        if ((await node.store.roster.get(id)) === undefined) return false
        await node.store.roster.del(id)
        return true
      })
      if (!removed) throw new UsageError(`${id} is not on the roster`)
      process.stdout.write(`removed ${id}\n`)
    })
  roster
    .command('list')
    .description('list members')
    .option('--json', 'print a JSON array of {"peerId", "organization", "source", "addedAt"}')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const entries = await withNode(configFor(command.optsWithGlobals<GlobalOptions>()), (node) => node.store.roster.all())
      if (flags.json) printJson(entries)
      else for (const e of entries) process.stdout.write(`${e.peerId}  ${e.organization}\n`)
    })
}
