import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * The credential a request presents: `Authorization: Bearer <token>`, or HTTP Basic with the
 * token as password and any user name (what Sentinel's and Elastic's TAXII clients send).
 */
export function presentedToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined
  const [scheme, rest] = splitOnce(authorization.trim(), ' ')
  if (rest === undefined) return undefined
  if (scheme.toLowerCase() === 'bearer') return rest.trim()
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(rest.trim(), 'base64').toString('utf8')
    const [, password] = splitOnce(decoded, ':')
    return password
  }
  return undefined
}

/**
 * Constant-time token check. Both sides are hashed first so neither the comparison nor an early
 * length mismatch tells an attacker how much of a guess was right.
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b) && given !== undefined
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}
