import { ConnectionClosedError, ConnectionClosingError, MuxerClosedError, NotStartedError, StreamStateError } from '@libp2p/interface'
import { UnexpectedEOFError } from '@libp2p/utils'

/**
 * A request that ended because the link closed under it: its stream or connection closed (we or
 * the member are stopping, hanging up or partitioned) or our network is not running. The normal
 * course of members coming and going, not a fault for the status page: callers log it at debug,
 * and a pair run simply tries again. The libp2p error it stands for is its `cause`.
 */
export class LinkClosedError extends Error {
  override name = 'LinkClosedError'
}

/**
 * The one place libp2p's errors are classified, by `instanceof` of the classes libp2p exports:
 * those that mean the stream, its connection or the libp2p node itself closed. A stream the
 * member reset (its handler failed, or it timed out) is not among them: that stays an error.
 */
function closedLink(err: unknown): boolean {
  return (
    err instanceof StreamStateError ||
    err instanceof UnexpectedEOFError ||
    err instanceof ConnectionClosedError ||
    err instanceof ConnectionClosingError ||
    err instanceof MuxerClosedError ||
    err instanceof NotStartedError
  )
}

/** `err` as a LinkClosedError when libp2p says the link closed; otherwise `err` itself. */
export function linkErrorOf(err: unknown): unknown {
  return closedLink(err) ? new LinkClosedError((err as Error).message, { cause: err }) : err
}
