import { createServer } from 'node:net'

/**
 * A port we were told to listen on is taken. The operator can act on it: the CLI prints the message
 * alone and exits with `exitCode`.
 */
export class PortInUseError extends Error {
  override name = 'PortInUseError'
  readonly exitCode = 1
}

/** Whether `port` on `host` is taken right now (a listen attempt fails with EADDRINUSE). */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE'))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)))
  })
}

/**
 * libp2p reports a listen failure as one UnsupportedListenAddressesError with the causes in its text.
 * When a configured TCP port is in use, say so, naming the port and the setting to change; any
 * other failure passes through unchanged.
 */
export async function listenFailure(err: unknown, listen: readonly string[]): Promise<unknown> {
  for (const address of listen) {
    const tcp = /^\/(ip4|ip6)\/([^/]+)\/tcp\/(\d+)/.exec(address)
    if (tcp === null || tcp[3] === '0') continue
    const port = Number(tcp[3])
    if (await portInUse(tcp[2] as string, port))
      return new PortInUseError(
        `cannot listen on ${address}: port ${port} is in use by another process; choose another port with --listen /${tcp[1]}/${tcp[2]}/tcp/PORT or the config key "listen" in config.json`,
      )
  }
  return err
}

/** The API's own listen failure: a taken port names --api-port and api.port. */
export function apiListenFailure(err: unknown, host: string, port: number): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return err
  return new PortInUseError(
    `cannot serve the API on ${host}:${port}: port ${port} is in use by another process; choose another port with --api-port PORT or the config key "api.port" in config.json (0: any free port, then kept)`,
  )
}
