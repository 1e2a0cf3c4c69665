import { resolveConfig } from '../node/config.ts'
import type { SightlineNode } from '../node/node.ts'
import type { NodeConfig } from '../node/options.ts'

/** Options every command takes, from the root program. */
export interface GlobalOptions {
  dataDir?: string
  config?: string
}

export function configFor(global: GlobalOptions, overrides: Partial<NodeConfig> = {}): NodeConfig {
  return resolveConfig({
    ...overrides,
    ...(global.dataDir === undefined ? {} : { dataDir: global.dataDir }),
    ...(global.config === undefined ? {} : { config: global.config }),
  })
}

/** Opens the node of the configured data directory for the length of `work`, then closes it. */
export async function withNode<T>(config: NodeConfig, work: (node: SightlineNode) => Promise<T>): Promise<T> {
  // Loaded on use: the node pulls in libp2p and more, which `--help` and `normalize` never need.
  const { SightlineNode } = await import('../node/node.ts')
  const node = await SightlineNode.create(config)
  await node.start()
  try {
    return await work(node)
  } finally {
    await node.stop()
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/**
 * First SIGINT or SIGTERM aborts the signal so work stops at a clean point (everything
 * acknowledged stays on disk); a second one exits at once.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController()
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130)
    process.stderr.write('\nsightline: stopping after the current batch (press Ctrl-C again to force)\n')
    controller.abort(new Error('interrupted'))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller.signal
}
