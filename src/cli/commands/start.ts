import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { configureLogging, isLogThreshold } from '../../logger.ts'
import { multiaddrs } from '../../node/config.ts'
import { keepApiPort, keepListenAddresses, readApiToken } from '../../node/data-dir.ts'
import { assertPrivate } from '../../node/file-modes.ts'
import type { NodeConfig } from '../../node/options.ts'
import { traceStartup } from '../../node/startup-trace.ts'
import { matchKind } from '../../store/repositories.ts'
import { configFor, type GlobalOptions } from '../context.ts'
import { UsageError } from '../errors.ts'
import { writeNewSecretFile } from '../new-file.ts'

/** Reads a swarm key file (the libp2p pnet format); a clear error when it is missing or malformed. */
async function pnet(file: string | undefined): Promise<{ psk?: Uint8Array }> {
  if (file === undefined) return {}
  let psk: Uint8Array
  try {
    psk = new Uint8Array(await readFile(file))
  } catch (err) {
    throw new UsageError(`cannot read pnet key ${file}: ${(err as Error).message}`)
  }
  await assertPrivate(file, 'pnet key')
  if (!new TextDecoder().decode(psk).startsWith('/key/swarm/psk/1.0.0/'))
    throw new UsageError(`${file} is not a libp2p swarm key (make one with sightline pnet-key --out FILE)`)
  return { psk }
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

/** Flags over the config file's `api` settings. */
function apiSettings(
  api: NodeConfig['api'],
  flags: { apiHost?: string; apiPort?: string; apiTlsCert?: string; apiTlsKey?: string; insecureBind?: boolean },
): NodeConfig['api'] {
  const out = { ...api }
  if (flags.apiHost !== undefined) out.host = flags.apiHost
  if (flags.apiPort !== undefined) {
    const port = Number(flags.apiPort)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--api-port must be 0..65535, not ${flags.apiPort}`)
    out.port = port
  }
  if (flags.apiTlsCert !== undefined) out.tlsCert = flags.apiTlsCert
  if (flags.apiTlsKey !== undefined) out.tlsKey = flags.apiTlsKey
  if (flags.insecureBind === true) out.insecureBind = true
  if ((out.tlsCert === undefined) !== (out.tlsKey === undefined)) throw new UsageError('--api-tls-cert and --api-tls-key go together')
  return out
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('join the community: run the node (libp2p, PSI, match engine, control API) until Ctrl-C')
    .option('--listen <multiaddr>', 'listen address (repeatable; default TCP on 127.0.0.1, port chosen at first start and kept)', collect)
    .option(
      '--announce <multiaddr>',
      'address other members should dial, e.g. behind NAT or a public name (repeatable; default: the listen addresses)',
      collect,
    )
    .option('--bootstrap <multiaddr>', 'member to dial at start, retried until reached; failures are warned about (repeatable)', collect)
    .option('--audit-wire <file>', 'append every outbound application payload (before encryption) to FILE as NDJSON')
    .option('--mdns', 'find members on the local network by mDNS (labs)')
    .option('--pnet-key <file>', 'swarm key of a libp2p private network (see sightline pnet-key)')
    .option('--api-host <address>', 'address of the HTTP API (default 127.0.0.1; anything else needs TLS or --insecure-bind)')
    .option('--api-port <port>', 'HTTP API port (default: a free port chosen at first start and kept in config.json)')
    .option('--api-tls-cert <file>', 'PEM certificate chain: serve the API over HTTPS (with --api-tls-key)')
    .option('--api-tls-key <file>', 'PEM private key of --api-tls-cert')
    .option('--insecure-bind', 'allow plain HTTP on a non-loopback --api-host (the token then crosses the network in clear)')
    .option('--psi-workers <n>', 'worker threads for PSI arithmetic (default: one per core, or SIGHTLINE_PSI_WORKERS)')
    .option('--json', 'print {"peerId", "addresses", "community"} as one JSON line once running')
    .option('--log-level <level>', 'log lines on stderr from: error, warn, info, debug, silent (default info, or SIGHTLINE_LOG_LEVEL)')
    .action(runStart)
}

interface StartFlags {
  listen?: string[]
  announce?: string[]
  bootstrap?: string[]
  auditWire?: string
  apiPort?: string
  apiHost?: string
  apiTlsCert?: string
  apiTlsKey?: string
  insecureBind?: boolean
  mdns?: boolean
  pnetKey?: string
  psiWorkers?: string
  json?: boolean
  logLevel?: string
}

/** Runs the node until SIGINT or SIGTERM (a second one forces exit). */
async function runStart(flags: StartFlags, command: Command): Promise<void> {
  traceStartup('ready')
  if (flags.logLevel !== undefined) {
    if (!isLogThreshold(flags.logLevel)) throw new UsageError(`--log-level must be error, warn, info, debug or silent`)
    configureLogging({ level: flags.logLevel })
  }
  const config = configFor(command.optsWithGlobals<GlobalOptions>())
  config.api = apiSettings(config.api, flags)
  const chosen = flags.listen === undefined ? config.listen : multiaddrs(flags.listen, '--listen')
  if (config.api.tlsKey !== undefined) await assertPrivate(config.api.tlsKey, 'API TLS key')
  // Loaded on use, so that `--help` and the commands that need no node start fast.
  const { SightlineNode } = await import('../../node/node.ts')
  traceStartup('node-loaded')
  const node = await SightlineNode.create(config, {
    listen: chosen.length === 0 ? ['/ip4/127.0.0.1/tcp/0'] : chosen,
    announce: flags.announce === undefined ? config.announce : multiaddrs(flags.announce, '--announce'),
    bootstrap: flags.bootstrap === undefined ? config.bootstrap : multiaddrs(flags.bootstrap, '--bootstrap'),
    apiToken: await readApiToken(config.dataDir),
    mdns: flags.mdns ?? config.mdns,
    ...(await pnet(flags.pnetKey ?? config.pnetKey)),
    ...(flags.auditWire === undefined ? {} : { auditWire: flags.auditWire }),
    ...psiWorkers(flags.psiWorkers ?? process.env.SIGHTLINE_PSI_WORKERS),
  })
  await node.start()
  const model = node.model
  if (model === undefined) throw new Error('node started without network')
  const addresses = model.addresses
  if (chosen.length === 0)
    await keepListenAddresses(
      config.dataDir,
      addresses.map((a) => a.replace(/\/p2p\/[^/]+$/, '')),
    )
  if (config.api.port === 0 && node.api !== undefined) await keepApiPort(config.dataDir, Number(new URL(node.api.url).port))
  model.onMatch((m) => {
    // Values of protected indicators stay out of logs: the operator reads them with `sightline matches`.
    if (!flags.json)
      process.stderr.write(
        `match: ${m.organization} ${matchKind(m) === 'holds' ? 'also holds' : matchKind(m) === 'sighted' ? 'sighted' : 'holds and sighted'} one of our ${m.type} indicators (TLP:${m.tlp.toUpperCase()}, alert ${m.level}); see sightline matches\n`,
      )
  })
  const info = { peerId: node.peerId, addresses, community: config.community }
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(info)}\n`
      : `node ${info.peerId} of community ${info.community}\nlistening on ${addresses.join(' ')}\nAPI and status page at ${node.api?.url ?? '(none)'}/ (token in ${config.dataDir}/api-token)\npress Ctrl-C to stop\n`,
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
}

export function registerPnetKey(program: Command): void {
  program
    .command('pnet-key')
    .description('create a swarm key for a libp2p private network; give the same file to every member (--pnet-key)')
    .requiredOption('--out <file>', 'where to write the key (mode 0600; an existing file is not replaced)')
    .action(async (flags: { out: string }) => {
      const { generateKey } = await import('@libp2p/pnet')
      const key = new Uint8Array(95)
      generateKey(key)
      await writeNewSecretFile(flags.out, key)
      process.stdout.write(`wrote swarm key ${flags.out}\n`)
    })
}

/** `--psi-workers N`: a whole number from 1 to 64, or nothing (one per core). */
function psiWorkers(value: string | undefined): { workers?: number } {
  if (value === undefined || value === '') return {}
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--psi-workers must be a whole number from 1 to 64, got "${value}"`)
  return { workers: n }
}
