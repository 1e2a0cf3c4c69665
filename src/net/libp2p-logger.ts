import type { ComponentLogger, Logger } from '@libp2p/interface'

const silent: Logger = Object.assign(() => {}, { error: () => {}, trace: () => {}, enabled: false, newScope: () => silent })

/**
 * libp2p's logger, silent unless `DEBUG` names libp2p (as `DEBUG=libp2p:*` or `DEBUG=*`). Silent
 * is what libp2p's default prints then too, but its default builds a `debug` instance (and asks
 * the terminal about colours) for every stream and scope, which a node opening thousands of
 * streams pays for; undefined keeps the default.
 */
export function libp2pLogger(debug = process.env.DEBUG ?? ''): ComponentLogger | undefined {
  return /libp2p|\*/.test(debug) ? undefined : { forComponent: () => silent }
}
