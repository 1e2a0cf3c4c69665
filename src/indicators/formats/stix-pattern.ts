/**
 * The subset of STIX 2.1 patterning (section 9) that names exact values: comparison
 * expressions `object-path = 'literal'` joined by OR, inside one or more observation
 * expressions joined by OR. Anything else (AND, FOLLOWEDBY, qualifiers, other operators) is
 * rejected: it does not describe a set of exact-match indicators.
 */
export interface PatternValue {
  /** Our type name or alias for normalize(); `ip` and `cidr` are resolved from the value. */
  type: string
  value: string
}

export class UnsupportedPatternError extends Error {
  override name = 'UnsupportedPatternError'
}

const HASH_TYPES: Record<string, string> = {
  md5: 'md5',
  'sha-1': 'sha1',
  sha1: 'sha1',
  'sha-256': 'sha256',
  sha256: 'sha256',
  'sha-512': 'sha512',
  sha512: 'sha512',
}

function typeForPath(path: string): string {
  const unquoted = path.replace(/'([^']*)'|"([^"]*)"/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '')
  switch (unquoted.toLowerCase()) {
    case 'ipv4-addr:value':
    case 'ipv6-addr:value':
      return 'ip'
    case 'domain-name:value':
      return 'domain'
    case 'url:value':
      return 'url'
    case 'email-addr:value':
    case 'email-message:from_ref.value':
    case 'email-message:sender_ref.value':
      return 'email'
  }
  const hash = /^(?:file|artifact):hashes\.(.+)$/i.exec(unquoted)
  const hashType = hash?.[1] === undefined ? undefined : HASH_TYPES[hash[1].toLowerCase()]
  if (hashType !== undefined) return hashType
  throw new UnsupportedPatternError(`object path ${path} is not an exact-match observable Sightline holds`)
}

type Token = { kind: '[' | ']' | 'OR' | '=' | 'path' | 'string'; text: string }

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i] as string
    if (/\s/.test(ch)) {
      i++
    } else if (ch === '[' || ch === ']' || ch === '=') {
      tokens.push({ kind: ch, text: ch })
      i++
    } else if (ch === "'") {
      let text = ''
      i++
      for (;;) {
        if (i >= pattern.length) throw new UnsupportedPatternError('unterminated string literal in pattern')
        const c = pattern[i] as string
        if (c === '\\' && i + 1 < pattern.length) {
          text += pattern[i + 1]
          i += 2
        } else if (c === "'") {
          i++
          break
        } else {
          text += c
          i++
        }
      }
      tokens.push({ kind: 'string', text })
    } else {
      const m = /^(?:[A-Za-z0-9_-]+:)?(?:[A-Za-z0-9_-]+|'[^']*'|"[^"]*"|\.|\[\d+\]|\[\*\])+/.exec(pattern.slice(i))
      if (m === null) throw new UnsupportedPatternError(`unexpected "${ch}" in pattern`)
      const word = m[0]
      if (word === 'OR') tokens.push({ kind: 'OR', text: word })
      else if (word.includes(':')) tokens.push({ kind: 'path', text: word })
      else throw new UnsupportedPatternError(`"${word}" is not supported (only = comparisons joined by OR)`)
      i += word.length
    }
  }
  return tokens
}

export function parseSimplePattern(pattern: string): PatternValue[] {
  const tokens = tokenize(pattern)
  const out: PatternValue[] = []
  let i = 0
  const expect = (kind: Token['kind']): Token => {
    const token = tokens[i++]
    if (token?.kind !== kind) {
      throw new UnsupportedPatternError(`expected ${kind} but found ${token === undefined ? 'end of pattern' : `"${token.text}"`}`)
    }
    return token
  }
  for (;;) {
    expect('[')
    for (;;) {
      const path = expect('path')
      expect('=')
      out.push({ type: typeForPath(path.text), value: expect('string').text })
      if (tokens[i]?.kind !== 'OR') break
      i++
    }
    expect(']')
    if (i === tokens.length) return out
    expect('OR')
  }
}
