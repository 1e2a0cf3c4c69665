import type { Command } from 'commander'
import { multiaddrs } from '../../node/config.ts'
import { keepListenAddresses, readApiToken } from '../../node/data-dir.ts'
import { SightlineNode } from '../../node/node.ts'
import { configFor, type GlobalOptions } from '../context.ts'

const collect = (value: string, previous: string[] = []) => [...previous, value]

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('join the community: run the node (libp2p, PSI, match engine, control API) until Ctrl-C')
    .option('--listen <multiaddr>', 'listen address (repeatable; default TCP on 127.0.0.1, port chosen at first start and kept)', collect)
    .option('--bootstrap <multiaddr>', 'member to dial at start (repeatable)', collect)
    .option('--audit-wire <file>', 'append every outbound application payload (before encryption) to FILE as NDJSON')
    .option('--api-port <port>', 'control API port on 127.0.0.1 (default: any free port, see <data-dir>/api.json)')
    .option('--json', 'print {"peerId", "addresses", "api"} as one JSON line once running')
    .action(
      async (
        flags: { listen?: string[]; bootstrap?: string[]; auditWire?: string; apiPort?: string; json?: boolean },
        command: Command,
      ) => {
        const config = configFor(command.optsWithGlobals<GlobalOptions>())
        const chosen = flags.listen === undefined ? config.listen : multiaddrs(flags.listen, '--listen')
        const node = await SightlineNode.create(config, {
          listen: chosen.length === 0 ? ['/ip4/127.0.0.1/tcp/0'] : chosen,
          bootstrap: flags.bootstrap === undefined ? config.bootstrap : multiaddrs(flags.bootstrap, '--bootstrap'),
          apiToken: await readApiToken(config.dataDir),
          ...(flags.apiPort === undefined ? {} : { apiPort: Number(flags.apiPort) }),
          ...(flags.auditWire === undefined ? {} : { auditWire: flags.auditWire }),
        })
        await node.start()
        const member = node.member
        if (member === undefined) throw new Error('node started without network')
        const addresses = member.network.addresses
        if (chosen.length === 0)
          await keepListenAddresses(
            config.dataDir,
            addresses.map((a) => a.replace(/\/p2p\/[^/]+$/, '')),
          )
        member.service.onMatch((m) => {
          if (!flags.json) process.stderr.write(`match: ${m.organization} also holds ${m.type} ${m.value} (${m.tlp}, ${m.mode})\n`)
        })
        const info = { peerId: node.peerId, addresses, community: config.community }
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(info)}\n`
            : `node ${info.peerId} of community ${info.community}\nlistening on ${addresses.join(' ')}\npress Ctrl-C to stop\n`,
        )
        await new Promise<void>((resolve) => {
          let stopping = false
          const onSignal = () => {
            if (stopping) process.exit(130)
            stopping = true
            process.stderr.write('stopping (Ctrl-C again to force)\n')
            resolve()
          }
          process.on('SIGINT', onSignal)
          process.on('SIGTERM', onSignal)
        })
        await node.stop()
      },
    )
}
