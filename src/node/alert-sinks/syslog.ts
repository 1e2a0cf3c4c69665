import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { connect, isIP, type Socket } from 'node:net'
import { forComponent } from '../../logger.ts'
import type { Alert } from '../../store/repositories.ts'
import { cefEvent, syslog5424 } from './cef.ts'
import { type AlertDestination, type DeliveryContext, DeliveryError } from './destination.ts'

const log = forComponent('sightline:alerts')

export interface SyslogOptions {
  name: string
  host: string
  port: number
  protocol: 'udp' | 'tcp'
  /** TCP framing (RFC 6587 section 3.4): `octet-counting` (default) or `lf` (non-transparent, LF trailer). */
  framing?: 'octet-counting' | 'lf'
  /** Syslog facility (default 16, local0). */
  facility?: number
}

/**
 * CEF events over syslog (RFC 5424 messages). UDP (RFC 5426): one message per datagram, counted
 * delivered once sent; a datagram can be lost on the way, which UDP syslog cannot tell. TCP
 * (RFC 6587): one connection kept open, counted delivered once the kernel took the bytes; a
 * connection reset can still lose what sat in the send buffer (syslog over TCP has no
 * acknowledgement). CEF escaping leaves no line break inside a message, so both framings are safe.
 */
export class SyslogDestination implements AlertDestination {
  readonly name: string
  readonly #options: SyslogOptions
  #udp: UdpSocket | undefined
  #tcp: Promise<Socket> | undefined

  constructor(options: SyslogOptions) {
    this.name = options.name
    this.#options = options
  }

  async deliver(alert: Alert, context: DeliveryContext): Promise<void> {
    const message = syslog5424(cefEvent(alert), {
      facility: this.#options.facility ?? 16,
      tlp: alert.match.tlp,
      time: Date.parse(alert.match.matchedAt),
    })
    const bytes = Buffer.from(message, 'utf8')
    if (this.#options.protocol === 'udp') await this.#sendUdp(bytes, context.signal)
    else await this.#sendTcp(this.#options.framing === 'lf' ? Buffer.concat([bytes, Buffer.from('\n')]) : frame(bytes), context.signal)
  }

  #sendUdp(bytes: Buffer, signal: AbortSignal): Promise<void> {
    if (this.#udp === undefined) {
      this.#udp = createSocket(isIP(this.#options.host) === 6 ? 'udp6' : 'udp4')
      // Errors are reported through the send callback; without a listener an ICMP error would throw.
      this.#udp.on('error', () => undefined)
      this.#udp.unref()
    }
    const socket = this.#udp
    return new Promise((resolve, reject) => {
      signal.throwIfAborted()
      socket.send(bytes, this.#options.port, this.#options.host, (err) => {
        if (err === null || err === undefined) return resolve()
        // A message too large for a datagram will never fit: back off this alert only.
        const code = (err as NodeJS.ErrnoException).code
        reject(new DeliveryError(`syslog ${this.name}: ${err.message}`, code === 'EMSGSIZE' ? 'alert' : 'destination'))
      })
    })
  }

  async #sendTcp(bytes: Buffer, signal: AbortSignal): Promise<void> {
    const socket = await this.#connection(signal)
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      socket.write(bytes, (err) => {
        signal.removeEventListener('abort', onAbort)
        if (err === null || err === undefined) resolve()
        else reject(err)
      })
    })
  }

  /** The open connection, or a new one; a connection that failed or closed is dropped. */
  #connection(signal: AbortSignal): Promise<Socket> {
    if (this.#tcp === undefined) {
      const { host, port } = this.#options
      const connecting = new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host, port })
        const fail = (err: Error) => {
          socket.destroy()
          reject(err)
        }
        socket.once('error', fail)
        socket.once('connect', () => {
          socket.off('error', fail)
          socket.setKeepAlive(true)
          resolve(socket)
        })
        socket.on('error', () => undefined)
        socket.once('close', () => {
          if (this.#tcp === connecting) this.#tcp = undefined
        })
        // Nothing is read from a syslog receiver; discard anything it sends.
        socket.resume()
      })
      this.#tcp = connecting
      connecting.catch(() => {
        if (this.#tcp === connecting) this.#tcp = undefined
      })
    }
    const pending = this.#tcp
    return new Promise((resolve, reject) => {
      signal.throwIfAborted()
      const onAbort = () => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      pending.then(
        (socket) => {
          signal.removeEventListener('abort', onAbort)
          resolve(socket)
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(err)
        },
      )
    })
  }

  async close(): Promise<void> {
    const udp = this.#udp
    this.#udp = undefined
    if (udp !== undefined) await new Promise<void>((resolve) => udp.close(() => resolve()))
    const tcp = this.#tcp
    this.#tcp = undefined
    if (tcp !== undefined) {
      const socket = await tcp.catch((err: unknown) => void log.debug('syslog TCP connection had failed', { err }))
      // Every delivery has settled, so its bytes are with the kernel, which still sends them after close.
      socket?.destroy()
    }
  }
}

/** RFC 6587 section 3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in bytes. */
export function frame(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `), message])
}
