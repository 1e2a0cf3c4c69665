import { createWriteStream, type WriteStream } from 'node:fs'

/**
 * `--audit-wire FILE`: every outbound application payload, before transport encryption, as one
 * JSON line `{"time", "peer", "protocol", "bytes" (base64)}`, so a security officer can check
 * exactly what leaves the node.
 */
export class WireAudit {
  readonly #out: WriteStream
  messages = 0
  bytes = 0

  constructor(file: string) {
    this.#out = createWriteStream(file, { flags: 'a', mode: 0o600 })
  }

  record(peer: string, protocol: string, payload: Uint8Array): void {
    this.messages++
    this.bytes += payload.length
    this.#out.write(
      `${JSON.stringify({ time: new Date().toISOString(), peer, protocol, bytes: Buffer.from(payload).toString('base64') })}\n`,
    )
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#out.end(resolve))
  }
}
