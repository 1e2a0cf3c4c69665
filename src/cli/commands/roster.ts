import { readFile, writeFile } from 'node:fs/promises'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import type { Command } from 'commander'
import { signRoster } from '../../net/signed-roster.ts'
import { configFor, type GlobalOptions, printJson, withNode } from '../context.ts'
import { UsageError } from '../errors.ts'
import { writeNewSecretFile } from '../new-file.ts'

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
  localRosterCommands(roster)
  signedRosterCommands(roster)
}

/** `roster add`, `remove` and `list`: the local roster, edited while the node is stopped. */
function localRosterCommands(roster: Command): void {
  roster
    .command('add')
    .description('add a member')
    .argument('<peer-id>', "the member's peer id (printed by its sightline init)")
    .requiredOption('--name <organization>', "the member's organization name")
    .option('--rename', 'give a member already on the roster this new name')
    .action(async (peerId: string, flags: { name: string; rename?: boolean }, command: Command) => {
      const id = checkPeerId(peerId)
      const said = await withNode(configFor(command.optsWithGlobals<GlobalOptions>()), async (node) => {
        if (id === node.peerId) throw new UsageError(`${id} is this node's own peer id; add the peer ids other members print at their init`)
        const held = await node.store.roster.get(id)
        if (held !== undefined && held.organization === flags.name) return `${flags.name} (${id}) is already on the roster`
        if (held !== undefined && flags.rename !== true)
          throw new UsageError(`${id} is already on the roster as ${held.organization}; pass --rename to call it ${flags.name}`)
        await node.store.roster.put(id, { peerId: id, organization: flags.name, source: 'local', addedAt: held?.addedAt ?? Date.now() })
        return held === undefined ? `added ${flags.name} (${id})` : `renamed ${held.organization} to ${flags.name} (${id})`
      })
      process.stdout.write(`${said}\n`)
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

/** `roster keygen`, `sign` and `import`: rosters signed by a community admin key. */
function signedRosterCommands(roster: Command): void {
  roster
    .command('keygen')
    .description('create a community admin key (Ed25519) that signs rosters; members trust it with config rosterAdmins')
    .requiredOption('--out <file>', 'where to write the private key (mode 0600; never replaced)')
    .action(async (flags: { out: string }) => {
      const key = await generateKeyPair('Ed25519')
      await writeNewSecretFile(flags.out, privateKeyToProtobuf(key))
      process.stdout.write(`admin key id (put it in every member's config "rosterAdmins"): ${peerIdFromPrivateKey(key).toString()}\n`)
    })
  roster
    .command('sign')
    .description('sign a roster with an admin key; members accept it only when newer than the one they hold')
    .requiredOption('--key <file>', 'admin private key (from roster keygen)')
    .requiredOption('--members <file>', 'JSON array of {"peerId", "organization"}')
    .requiredOption('--version <n>', 'roster version, higher than every earlier one')
    .requiredOption('--out <file>', 'signed roster to write')
    .option('--community <name>', 'community (default: the configured one)')
    .action(async (flags: { key: string; members: string; version: string; out: string; community?: string }, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>())
      let key: ReturnType<typeof privateKeyFromProtobuf>
      let members: unknown
      try {
        key = privateKeyFromProtobuf(await readFile(flags.key))
        members = JSON.parse(await readFile(flags.members, 'utf8'))
      } catch (err) {
        throw new UsageError(`cannot read ${(err as Error).message}`)
      }
      if (!Array.isArray(members)) throw new UsageError(`${flags.members} must hold a JSON array of {"peerId", "organization"}`)
      const signed = await signRoster(key, {
        community: flags.community ?? config.community,
        version: Number(flags.version),
        members,
      }).catch((err: Error) => {
        throw new UsageError(err.message)
      })
      await writeFile(flags.out, `${JSON.stringify(signed, null, 2)}\n`)
      process.stdout.write(`signed roster version ${signed.version} of ${signed.members.length} members: ${flags.out}\n`)
    })
  roster
    .command('import')
    .description('apply a signed roster (node stopped): a trusted admin must have signed it, and it must be newer')
    .argument('<file>', 'signed roster (from roster sign)')
    .action(async (file: string, _flags: unknown, command: Command) => {
      let input: unknown
      try {
        input = JSON.parse(await readFile(file, 'utf8'))
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`)
      }
      const roster = await withNode(configFor(command.optsWithGlobals<GlobalOptions>()), (node) =>
        node.roster.applySigned(input).catch((err: Error) => {
          throw new UsageError(`${file}: ${err.message}`)
        }),
      )
      process.stdout.write(`applied roster version ${roster.version}: ${roster.members.length} members\n`)
    })
}
