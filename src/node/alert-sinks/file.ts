import { type FileHandle, open, stat } from 'node:fs/promises'
import { forComponent } from '../../logger.ts'
import type { Alert } from '../../store/repositories.ts'
import type { AlertDestination, DeliveryContext } from './destination.ts'

const log = forComponent('sightline:alerts')

export interface AlertFileOptions {
  /** Destination name (default `file`). */
  name?: string
  path: string
}

/**
 * The NDJSON alert file log shippers tail: one alert per line, appended and fsynced before it
 * counts as delivered. Rotation: before each append the path is compared with the open file
 * (device and inode); after a rename (logrotate `create`) or a removal the file is reopened at
 * the path, created with mode 0600. The file is opened for append (O_APPEND), so after a
 * `copytruncate` the next line goes to the new end, not past a hole.
 */
export class AlertFileDestination implements AlertDestination {
  readonly name: string
  readonly #path: string
  #handle: { fd: FileHandle; dev: number; ino: number } | undefined
  /** Appends are serialized: one line is never interleaved with another. */
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: AlertFileOptions) {
    this.name = options.name ?? 'file'
    this.#path = options.path
  }

  deliver(alert: Alert, context: DeliveryContext): Promise<void> {
    const line = `${JSON.stringify(alert)}\n`
    const run = this.#queue.then(async () => {
      context.signal.throwIfAborted()
      const fd = await this.#current()
      await fd.appendFile(line)
      await fd.datasync()
    })
    this.#queue = run.catch((err: unknown) => log.debug('alert file write failed (its delivery has the error)', { err }))
    return run
  }

  /** The open file if it is still the one at the path, else the file at the path, opened anew. */
  async #current(): Promise<FileHandle> {
    const held = this.#handle
    if (held !== undefined) {
      const now = await stat(this.#path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined
        throw err
      })
      if (now !== undefined && now.dev === held.dev && now.ino === held.ino) return held.fd
      this.#handle = undefined
      await held.fd.close()
    }
    const fd = await open(this.#path, 'a', 0o600)
    const info = await fd.stat()
    this.#handle = { fd, dev: info.dev, ino: info.ino }
    return fd
  }

  async close(): Promise<void> {
    await this.#queue
    const held = this.#handle
    this.#handle = undefined
    await held?.fd.close()
  }
}
