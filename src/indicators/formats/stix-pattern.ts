import { hashTypeOfStixName } from '../stix-hashes.ts'

/**
 * The part of STIX 2.1 patterning (section 9) that names exact values. Observation expressions
 * `[...]` are joined by OR; inside one, comparisons are joined by AND and OR (AND binds tighter,
 * parentheses group). Each conjunction must carry an exact value we hold (`path = 'literal'` or
 * `path IN ('a', 'b')` on an address, domain, URL, email or file hash): those become indicators,
 * and the conjunction's other comparisons (`file:name = 'x'`, `network-traffic:dst_port = 443`)
 * become their context. FOLLOWEDBY, AND between observations and qualifiers are rejected: they
 * describe behaviour over time, not a set of values.
 */
export interface PatternValue {
  /** Our type name or alias for normalize(); `ip` and `cidr` are resolved from the value. */
  type: string
  value: string
  /** The other comparisons of its conjunction, as written. */
  context?: string[]
}

export class UnsupportedPatternError extends Error {
  override name = 'UnsupportedPatternError'
}

/** A conjunction with more branches than this after distributing AND over OR is refused. */
const MAX_CONJUNCTIONS = 4096

/** `ref` paths name an object that may be an address or a domain: the value says which. */
function addressOrDomain(value: string): string {
  return /^[\d.]+(?:\/\d+)?$/.test(value) || value.includes(':') ? 'ip' : 'domain'
}

/** Our type for an object path, or why it carries no value we hold. */
function typeForPath(path: string, value: string): string | { reason: string } {
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
    case 'network-traffic:dst_ref.value':
    case 'network-traffic:src_ref.value':
    case 'domain-name:resolves_to_refs[*].value':
      return addressOrDomain(value)
  }
  const hash = /^(?:file|artifact):hashes\.(.+)$/i.exec(unquoted)
  const hashType = hash?.[1] === undefined ? undefined : hashTypeOfStixName(hash[1])
  if (hashType !== undefined) return hashType
  return { reason: `object path ${path} is not an exact-match observable Sightline holds` }
}

type TokenKind = '[' | ']' | '(' | ')' | ',' | 'op' | 'word' | 'path' | 'string' | 'literal'
interface Token {
  kind: TokenKind
  text: string
}

const WORD = /[A-Za-z]+/y
const PATH = /[A-Za-z0-9_-]+:(?:[A-Za-z0-9_*.[\]-]|'[^']*'|"[^"]*")+/y
const NUMBER = /-?\d+(?:\.\d+)?/y
const OPERATOR = /!=|<=|>=|=|<|>/y

/** Tokens read by a sticky expression, tried in this order after strings, operators and t'', h'', b'' literals. */
const STICKY_TOKENS: [RegExp, TokenKind][] = [
  [PATH, 'path'],
  [NUMBER, 'literal'],
  [WORD, 'word'],
]

function stickyToken(pattern: string, at: number): Token | undefined {
  for (const [regex, kind] of STICKY_TOKENS) {
    const text = sticky(regex, pattern, at)
    if (text !== undefined) return { kind, text }
  }
  return undefined
}

function sticky(regex: RegExp, text: string, at: number): string | undefined {
  regex.lastIndex = at
  return regex.exec(text)?.[0]
}

/** A string literal from `at` (the opening quote): its text and the index after it. */
function stringAt(pattern: string, at: number): { text: string; end: number } {
  let text = ''
  let i = at + 1
  for (;;) {
    if (i >= pattern.length) throw new UnsupportedPatternError('unterminated string literal in pattern')
    const quote = pattern.indexOf("'", i)
    const slash = pattern.indexOf('\\', i)
    if (quote < 0) throw new UnsupportedPatternError('unterminated string literal in pattern')
    if (slash >= 0 && slash < quote) {
      if (slash + 1 >= pattern.length) throw new UnsupportedPatternError('unterminated string literal in pattern')
      text += pattern.slice(i, slash) + pattern[slash + 1]
      i = slash + 2
      continue
    }
    return { text: text + pattern.slice(i, quote), end: quote + 1 }
  }
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i] as string
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++
      continue
    }
    if (ch === '[' || ch === ']' || ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch })
      i++
      continue
    }
    if (ch === "'") {
      const s = stringAt(pattern, i)
      tokens.push({ kind: 'string', text: s.text })
      i = s.end
      continue
    }
    const op = sticky(OPERATOR, pattern, i)
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op })
      i += op.length
      continue
    }
    // t'...' (timestamp), h'...' and b'...' literals: kept as written, for context.
    if ((ch === 't' || ch === 'h' || ch === 'b') && pattern[i + 1] === "'") {
      const s = stringAt(pattern, i + 1)
      tokens.push({ kind: 'literal', text: pattern.slice(i, s.end) })
      i = s.end
      continue
    }
    const token = stickyToken(pattern, i)
    if (token === undefined) throw new UnsupportedPatternError(`unexpected "${ch}" in pattern`)
    tokens.push(token)
    i += token.text.length
  }
  return tokens
}

/** One comparison: `path op literal(s)`. */
interface Comparison {
  path: string
  op: string
  negated: boolean
  values: { text: string; isString: boolean }[]
}

const WORD_OPERATORS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'])

function literalText(v: { text: string; isString: boolean }): string {
  return v.isString ? `'${v.text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v.text
}

function comparisonText(c: Comparison): string {
  const values = c.values.map(literalText)
  const operand = c.op === 'IN' ? `(${values.join(', ')})` : (values[0] ?? '')
  return `${c.path} ${c.negated ? 'NOT ' : ''}${c.op} ${operand}`
}

class Parser {
  readonly #tokens: Token[]
  #i = 0

  constructor(tokens: Token[]) {
    this.#tokens = tokens
  }

  get done(): boolean {
    return this.#i === this.#tokens.length
  }

  peek(): Token | undefined {
    return this.#tokens[this.#i]
  }

  expect(kind: TokenKind, text?: string): Token {
    const token = this.#tokens[this.#i++]
    if (token?.kind !== kind || (text !== undefined && token.text !== text)) {
      const found = token === undefined ? 'end of pattern' : `"${token.text}"`
      throw new UnsupportedPatternError(`expected ${text ?? kind} but found ${found}`)
    }
    return token
  }

  isWord(text: string): boolean {
    const token = this.peek()
    return token?.kind === 'word' && token.text === text
  }

  /** Disjunctive normal form: OR of conjunctions. */
  orExpression(): Comparison[][] {
    const out = this.andExpression()
    while (this.isWord('OR')) {
      this.#i++
      out.push(...this.andExpression())
    }
    return out
  }

  andExpression(): Comparison[][] {
    let out = this.primary()
    while (this.isWord('AND')) {
      this.#i++
      const right = this.primary()
      if (out.length * right.length > MAX_CONJUNCTIONS) throw new UnsupportedPatternError('pattern expands to too many conjunctions')
      out = out.flatMap((a) => right.map((b) => [...a, ...b]))
    }
    return out
  }

  primary(): Comparison[][] {
    if (this.peek()?.kind === '(') {
      this.#i++
      const inner = this.orExpression()
      this.expect(')')
      return inner
    }
    return [[this.comparison()]]
  }

  comparison(): Comparison {
    const path = this.expect('path').text
    let negated = false
    if (this.isWord('NOT')) {
      this.#i++
      negated = true
    }
    const token = this.#tokens[this.#i++]
    let op: string
    if (token?.kind === 'op') op = token.text
    else if (token?.kind === 'word' && WORD_OPERATORS.has(token.text)) op = token.text
    else
      throw new UnsupportedPatternError(
        `expected a comparison operator but found ${token === undefined ? 'end of pattern' : `"${token.text}"`}`,
      )
    if (op === 'IN') {
      this.expect('(')
      const values = [this.literal()]
      while (this.peek()?.kind === ',') {
        this.#i++
        values.push(this.literal())
      }
      this.expect(')')
      return { path, op, negated, values }
    }
    return { path, op, negated, values: [this.literal()] }
  }

  literal(): { text: string; isString: boolean } {
    const token = this.#tokens[this.#i++]
    if (token?.kind === 'string') return { text: token.text, isString: true }
    if (token?.kind === 'literal' || (token?.kind === 'word' && (token.text === 'true' || token.text === 'false'))) {
      return { text: token.text, isString: false }
    }
    throw new UnsupportedPatternError(`expected a literal but found ${token === undefined ? 'end of pattern' : `"${token.text}"`}`)
  }
}

/** The indicators a conjunction carries, each with the rest of the conjunction as context. */
function valuesOfConjunction(conjunction: Comparison[]): PatternValue[] {
  const carried: PatternValue[] = []
  const context: string[] = []
  let firstReason: string | undefined
  for (const c of conjunction) {
    const exact = !c.negated && (c.op === '=' || c.op === 'IN') && c.values.every((v) => v.isString)
    const typed = c.values.map((v) => typeForPath(c.path, v.text))
    const reason = typed.find((t): t is { reason: string } => typeof t !== 'string')
    if (exact && reason === undefined) {
      c.values.forEach((v, i) => {
        carried.push({ type: typed[i] as string, value: v.text })
      })
    } else {
      firstReason ??= reason?.reason ?? `${comparisonText(c)} is not an exact value (only = and IN on string literals are)`
      context.push(comparisonText(c))
    }
  }
  if (carried.length === 0) {
    throw new UnsupportedPatternError(
      conjunction.length === 1 ? (firstReason as string) : `no comparison carries a value Sightline holds (${firstReason})`,
    )
  }
  return context.length === 0 ? carried : carried.map((v) => ({ ...v, context }))
}

export function parseSimplePattern(pattern: string): PatternValue[] {
  const parser = new Parser(tokenize(pattern))
  const out: PatternValue[] = []
  for (;;) {
    parser.expect('[')
    for (const conjunction of parser.orExpression()) out.push(...valuesOfConjunction(conjunction))
    parser.expect(']')
    if (parser.done) return out
    const next = parser.peek() as Token
    if (next.kind === 'word' && next.text !== 'OR') {
      throw new UnsupportedPatternError(`"${next.text}" is not supported (observation expressions may only be joined by OR)`)
    }
    parser.expect('word', 'OR')
  }
}
