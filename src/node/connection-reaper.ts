import type { Startable } from './startable.ts'

export interface ConnectionReaperOptions {
  /** A connection to a member outside the mesh with no exchange for this long is closed. */
  idleCloseMs: number
  /** How often connections are looked at. */
  tickMs: number
}

export const DEFAULT_CONNECTION_REAPER_OPTIONS: ConnectionReaperOptions = {
  idleCloseMs: 30_000,
  tickMs: 1_000,
}

export interface ConnectionReaperComponents {
  network: {
    connectedPeers(): string[]
    idleMs(peer: string): number
    hangUp(peer: string): Promise<void>
  }
  /** Members whose connections stay open (the gossip mesh); the rest are dialed on demand. */
  keep: (peer: string) => boolean
  onError: (message: string) => void
}

/**
 * Closes connections that PSI opened on demand once they sit idle, so a node that runs PSI with
 * every member of a large community holds its mesh plus the few members it is busy with, not a
 * connection to everyone it ever talked to.
 */
export class ConnectionReaper implements Startable {
  readonly #o: ConnectionReaperOptions
  readonly #c: ConnectionReaperComponents
  #timer: NodeJS.Timeout | undefined
  #closing: Promise<unknown> = Promise.resolve()
  /** Connections closed for idleness, for status. */
  closed = 0

  constructor(options: ConnectionReaperOptions, components: ConnectionReaperComponents) {
    this.#o = options
    this.#c = components
  }

  async start(): Promise<void> {
    this.#timer = setInterval(() => this.tick(), this.#o.tickMs)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer)
    await this.#closing
  }

  /** Closes the idle connections now (the timer calls it; tests call it directly). */
  tick(): void {
    const idle = this.#c.network
      .connectedPeers()
      .filter((peer) => !this.#c.keep(peer) && this.#c.network.idleMs(peer) >= this.#o.idleCloseMs)
    if (idle.length === 0) return
    this.closed += idle.length
    this.#closing = Promise.allSettled(
      idle.map((peer) => this.#c.network.hangUp(peer).catch((err: Error) => this.#c.onError(`closing idle ${peer}: ${err.message}`))),
    )
  }
}
