import { domainToASCII } from 'node:url'
import ipaddr from 'ipaddr.js'
import { InvalidIndicatorError } from './errors.ts'
import { refang } from './refang.ts'
import { type IndicatorType, isIndicatorType, type Observable } from './types.ts'

/**
 * Normalization is protocol: two organizations must derive the same bytes for one indicator or
 * PSI silently misses it. Every rule here has vectors in test/vectors/normalization-v1.json; a
 * change of output is a protocol change (bump NORMALIZATION_VERSION and the PSI element prefix).
 */
export const NORMALIZATION_VERSION = 1

/** Names other tools use for our types (MISP, STIX, CSV exports). */
const TYPE_ALIASES: Record<string, IndicatorType | 'ip' | 'hash' | 'cidr'> = {
  ip: 'ip',
  'ip-src': 'ip',
  'ip-dst': 'ip',
  ipaddress: 'ip',
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  cidr: 'cidr',
  'domain-name': 'domain',
  fqdn: 'domain',
  host: 'hostname',
  uri: 'url',
  link: 'url',
  'email-addr': 'email',
  'email-src': 'email',
  'email-dst': 'email',
  mail: 'email',
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  'sha-512': 'sha512',
  hash: 'hash',
}

type TypeHint = IndicatorType | 'ip' | 'hash' | 'cidr'

/** Resolves a user-supplied type name (case-insensitive, aliases allowed). */
export function parseTypeName(name: string): TypeHint {
  const s = name.trim().toLowerCase()
  if (isIndicatorType(s)) return s
  const alias = TYPE_ALIASES[s]
  if (alias !== undefined) return alias
  throw new InvalidIndicatorError(`unknown indicator type "${name}"`)
}

/** Longest indicator value: far above any real URL (browsers stop near 64 KiB). */
export const MAX_VALUE_LENGTH = 1 << 16

/**
 * Normalizes one indicator. With no type, the type is detected; with a type (or alias), the value
 * must be valid for it. Throws InvalidIndicatorError with a reason a person can act on.
 */
export function normalize(input: string, typeName?: string): Observable {
  // Checked before any other work: a long value costs nothing and no expression sees it.
  if (input.length > MAX_VALUE_LENGTH)
    throw new InvalidIndicatorError(`value of ${input.length} characters is over the ${MAX_VALUE_LENGTH}-character limit`)
  const hint = typeName === undefined || typeName.trim() === '' ? undefined : parseTypeName(typeName)
  let out = normalizeOnce(input, hint)
  // Canonical output must be a fixed point. Refanging and percent-decoding can uncover another
  // marker ("[[.]]", "(d%6Ft)"): normalize again until nothing changes, or refuse.
  for (let round = 0; refang(out.value) !== out.value; round++) {
    if (round === 3) throw new InvalidIndicatorError('value does not settle to a canonical form (nested defanging)')
    out = normalizeOnce(out.value, out.type)
  }
  return out
}

function normalizeOnce(input: string, hint: TypeHint | undefined): Observable {
  const raw = refang(input)
  if (raw === '') throw new InvalidIndicatorError('empty value')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new InvalidIndicatorError('control character in value')
  switch (hint) {
    case undefined:
      return detect(raw)
    case 'ip':
      // MISP ip-src / ip-dst and STIX ipv4-addr values may be ranges.
      return raw.includes('/') ? normalizeCidr(raw) : normalizeIp(raw)
    case 'cidr':
      return normalizeCidr(raw)
    case 'ipv4':
    case 'ipv6': {
      const ip = normalizeIp(raw)
      // An IPv4-mapped IPv6 address is a valid ipv6 value; it normalizes to its IPv4 address.
      if (ip.type !== hint && !(hint === 'ipv6' && raw.includes(':'))) throw new InvalidIndicatorError(`not an ${hint} address`)
      return ip
    }
    case 'ipv4-cidr':
    case 'ipv6-cidr': {
      const range = normalizeCidr(raw)
      if (!range.type.startsWith(hint.slice(0, 4)) && !(hint === 'ipv6-cidr' && raw.includes(':'))) {
        throw new InvalidIndicatorError(`not an ${hint} range`)
      }
      return range
    }
    case 'domain':
    case 'hostname':
      return { type: hint, value: normalizeDomain(raw, hint === 'domain') }
    case 'url':
      return { type: 'url', value: normalizeUrl(raw) }
    case 'email':
      return { type: 'email', value: normalizeEmail(raw) }
    case 'hash':
      return normalizeHash(raw)
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512': {
      const hash = normalizeHash(raw)
      if (hash.type !== hint) {
        throw new InvalidIndicatorError(`not an ${hint} hash (${HASH_HEX_LENGTH[hint]} hex digits expected)`)
      }
      return hash
    }
  }
}

/** Detection order matters: a URL may contain an address, an email a domain. */
function detect(raw: string): Observable {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return { type: 'url', value: normalizeUrl(raw) }
  // "5.6.7.8/32 # comment" is a value and a comment, not a URL: without a scheme a value is one token.
  if (/\s/.test(raw)) {
    const shown = raw.length > 80 ? `${raw.slice(0, 80)}...` : raw
    throw new InvalidIndicatorError(`${JSON.stringify(shown)} has whitespace inside: not one indicator`, { quoted: shown })
  }
  if (/^mailto:/i.test(raw) || (raw.includes('@') && !raw.includes('/'))) {
    return { type: 'email', value: normalizeEmail(raw) }
  }
  if (/^[0-9a-f]+$/i.test(raw) && HASH_BY_LENGTH[raw.length] !== undefined) return normalizeHash(raw)
  if (raw.includes('/')) {
    const slash = raw.indexOf('/')
    if (/^\d{1,3}$/.test(raw.slice(slash + 1)) && (raw.includes(':') || /^[\d.]+$/.test(raw.slice(0, slash)))) {
      return normalizeCidr(raw)
    }
    // "evil.example/gate.php": feeds often drop the scheme of a URL. "N/A" or "and/or" is no URL.
    if (!raw.slice(0, slash).includes('.') && !raw.startsWith('[')) {
      throw new InvalidIndicatorError('not a recognizable indicator (a URL without scheme needs a host with a dot)')
    }
    return { type: 'url', value: normalizeUrl(`http://${raw}`) }
  }
  if (/^[\d.]+$/.test(raw) || raw.includes(':')) return normalizeIp(raw)
  if (/^[0-9a-f]{16,}$/i.test(raw)) {
    throw new InvalidIndicatorError(`hex string of length ${raw.length} is not an MD5, SHA-1, SHA-256 or SHA-512 hash`)
  }
  // UTS #46 separates labels with "。", "．" and "｡" as well as ".".
  if (!/[.\u3002\uff0e\uff61]/.test(raw)) {
    throw new InvalidIndicatorError('not a recognizable indicator (no dot, scheme, @ or hash length)')
  }
  return { type: 'domain', value: normalizeDomain(raw, true) }
}

const HASH_HEX_LENGTH = { md5: 32, sha1: 40, sha256: 64, sha512: 128 } as const
const HASH_BY_LENGTH: Record<number, IndicatorType> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' }

function normalizeHash(raw: string): Observable {
  const hex = raw.replace(/\s+/g, '').toLowerCase()
  if (!/^[0-9a-f]+$/.test(hex)) throw new InvalidIndicatorError('hash is not hexadecimal')
  const type = HASH_BY_LENGTH[hex.length]
  if (type === undefined) throw new InvalidIndicatorError(`hash of ${hex.length} hex digits (expected 32, 40, 64 or 128)`)
  return { type, value: hex }
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** IPv4 in strict dotted-decimal; IPv6 in RFC 5952 form; IPv4-mapped IPv6 becomes IPv4. */
function normalizeIp(raw: string): Observable {
  let s = raw
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1)
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(s)
  if (withPort !== null) {
    const bad = Number(withPort[2]) > 65535 ? ' (not a valid port)' : ''
    throw new InvalidIndicatorError(`"${s}" is an IPv4 address with port ${withPort[2]}${bad}, not one address`, { quoted: s })
  }
  if (!s.includes(':')) {
    if (!DOTTED_QUAD.test(s)) {
      throw new InvalidIndicatorError(
        /^[\d.]+$/.test(s) && s.split('.').length === 4
          ? 'not an IPv4 address (octets are 0-255, written without leading zeros)'
          : 'not an IPv4 address',
      )
    }
    return { type: 'ipv4', value: s }
  }
  if (s.includes('%')) throw new InvalidIndicatorError('IPv6 zone index is not allowed in an indicator')
  // ipaddr.js reads "::1.2.3.4" as "::ffff:1.2.3.4" and takes "010" or "0x7f" octets, so the
  // embedded IPv4 (RFC 4291 section 2.2: dotted decimal) is checked and written in hex here.
  const tail = s.slice(s.lastIndexOf(':') + 1)
  if (tail.includes('.')) {
    if (!DOTTED_QUAD.test(tail)) throw new InvalidIndicatorError('not an IPv6 address (embedded IPv4 is not dotted decimal)')
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number)
    s = `${s.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  if (!ipaddr.IPv6.isValid(s)) throw new InvalidIndicatorError('not an IPv6 address')
  const addr = ipaddr.IPv6.parse(s)
  if (addr.isIPv4MappedAddress()) return { type: 'ipv4', value: addr.toIPv4Address().toString() }
  return { type: 'ipv6', value: addr.toRFC5952String() }
}

/** A range keeps its network address (host bits cleared); a /32 or /128 is a single address. */
function normalizeCidr(raw: string): Observable {
  const slash = raw.lastIndexOf('/')
  if (slash < 0 || !/^\d{1,3}$/.test(raw.slice(slash + 1))) throw new InvalidIndicatorError('not a CIDR range (address/prefix)')
  const base = normalizeIp(raw.slice(0, slash))
  let prefix = Number(raw.slice(slash + 1))
  const bits = base.type === 'ipv4' ? 32 : 128
  // An IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
  if (base.type === 'ipv4' && raw.slice(0, slash).includes(':')) {
    if (prefix < 96) throw new InvalidIndicatorError('IPv4-mapped range prefix is shorter than /96')
    prefix -= 96
  }
  if (prefix > bits) throw new InvalidIndicatorError(`prefix /${prefix} is longer than ${bits} bits`)
  if (prefix === bits) return base
  const network = ipaddr.parse(
    base.type === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${base.value}/${prefix}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${base.value}/${prefix}`).toString(),
  )
  const value = network.kind() === 'ipv6' ? (network as ipaddr.IPv6).toRFC5952String() : network.toString()
  return { type: base.type === 'ipv4' ? 'ipv4-cidr' : 'ipv6-cidr', value: `${value}/${prefix}` }
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/

/**
 * Lowercase, IDN to punycode (UTS #46 via WHATWG), trailing dot stripped, labels checked.
 * `requireDot` is set for `domain`: a single label is only accepted as a `hostname`.
 */
export function normalizeDomain(raw: string, requireDot: boolean): string {
  const s = raw.trim()
  if (s === '' || s === '.') throw new InvalidIndicatorError('empty domain')
  // WHATWG would read "1.2.3.4" or "0x7f.1" as an IPv4 address: a numeric last label is no domain.
  // Checked again after UTS #46, which maps "。" to "." and full-width digits to ASCII ones.
  const numericTld = (name: string) => /(^|\.)(0x[0-9a-f]*|\d+)\.?$/i.test(name)
  if (numericTld(s)) throw new InvalidIndicatorError(`"${raw}" is not a domain (numeric top-level label)`, { quoted: raw })
  // The WHATWG host parser behind domainToASCII stops at these and would drop the rest.
  if (/[/?#\\]/.test(s)) throw new InvalidIndicatorError(`"${raw}" is not a valid domain name`, { quoted: raw })
  const ascii = domainToASCII(s)
  if (ascii === '') throw new InvalidIndicatorError(`"${raw}" is not a valid domain name`, { quoted: raw })
  // One trailing dot (the DNS root) is stripped; a second one leaves an empty label, rejected below.
  const out = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii
  if (numericTld(out)) throw new InvalidIndicatorError(`"${raw}" is not a domain (numeric top-level label)`, { quoted: raw })
  if (out.length > 253) throw new InvalidIndicatorError('domain longer than 253 characters')
  const parts = out.split('.')
  if (requireDot && parts.length < 2) throw new InvalidIndicatorError('a domain needs at least two labels (use type hostname)')
  for (const label of parts) {
    if (!LABEL.test(label)) throw new InvalidIndicatorError(`invalid domain label "${label}"`, { quoted: label })
  }
  return out
}

function normalizeEmail(raw: string): string {
  let s = raw.trim().replace(/^mailto:/i, '')
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1)
  const at = s.lastIndexOf('@')
  if (at <= 0 || at === s.length - 1) throw new InvalidIndicatorError('not an email address (local@domain)')
  const local = s.slice(0, at).toLowerCase()
  if (local.length > 64) throw new InvalidIndicatorError('email local part longer than 64 characters')
  if (/[\s<>()[\]\\,;:@"]/.test(local)) throw new InvalidIndicatorError('email local part has a character that needs quoting')
  return `${local}@${normalizeDomain(s.slice(at + 1), true)}`
}

const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ftps:', 'ws:', 'wss:'])
const UNRESERVED = /[A-Za-z0-9\-._~]/

/**
 * Decodes escapes of unreserved characters and upper-cases the hex of the rest (RFC 3986 6.2.2.2).
 * A "%" that starts no escape is a literal percent sign and becomes "%25": left bare, it would
 * join a decoded character ("%4%42" to "%4B") and the output would change when normalized again.
 */
function normalizePercent(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})?/g, (_m, hex: string | undefined) => {
    if (hex === undefined) return '%25'
    const ch = String.fromCharCode(Number.parseInt(hex, 16))
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`
  })
}

/**
 * URL canonical form: WHATWG parsing (scheme and host lowercase, IDN to punycode, default port
 * dropped, dot segments removed), then percent-encoding normalized, fragment dropped, the
 * host's trailing dot stripped and an IPv6 host in RFC 5952 form.
 */
export function normalizeUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InvalidIndicatorError('not a valid URL')
  }
  if (!URL_SCHEMES.has(url.protocol)) throw new InvalidIndicatorError(`unsupported URL scheme "${url.protocol.slice(0, -1)}"`)
  let host = url.hostname
  if (host === '') throw new InvalidIndicatorError('URL has no host')
  if (host.startsWith('[')) {
    host = `[${ipaddr.IPv6.parse(host.slice(1, -1)).toRFC5952String()}]`
  } else if (!DOTTED_QUAD.test(host)) {
    host = normalizeDomain(host, false)
  }
  const password = url.password === '' ? '' : `:${normalizePercent(url.password)}`
  const auth = url.username === '' && password === '' ? '' : `${normalizePercent(url.username)}${password}@`
  const port = url.port === '' ? '' : `:${url.port}`
  const path = normalizePercent(url.pathname === '' ? '/' : url.pathname)
  const query = url.search === '?' ? '' : normalizePercent(url.search)
  return `${url.protocol}//${auth}${host}${port}${path}${query}`
}
