import { InvalidIndicatorError } from './errors.ts'

const MAX_PATTERN = 1024

/**
 * Refuses regular expressions that can backtrack catastrophically: a repeated group that itself
 * repeats or alternates (`(a+)+`, `(a|ab)*`), and backreferences. What is left runs in time
 * linear-ish in the value on V8's backtracking engine, even for multi-MB values.
 */
export function unsafeRegex(body: string): string | undefined {
  const stack: { repeats: boolean; alternates: boolean }[] = [{ repeats: false, alternates: false }]
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string
    const top = stack[stack.length - 1] as { repeats: boolean; alternates: boolean }
    if (ch === '\\') {
      if (/[1-9k]/.test(body[i + 1] ?? '')) return 'backreferences are not supported'
      i++
    } else if (ch === '[') {
      for (i++; i < body.length && body[i] !== ']'; i++) if (body[i] === '\\') i++
    } else if (ch === '(') {
      stack.push({ repeats: false, alternates: false })
    } else if (ch === ')') {
      const group = stack.pop()
      if (group === undefined || stack.length === 0) return 'unbalanced parentheses'
      const next = body[i + 1]
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,/.test(body.slice(i + 1, i + 12)))
      if (repeated && (group.repeats || group.alternates))
        return 'a repeated group that repeats or alternates inside can backtrack catastrophically'
      const parent = stack[stack.length - 1] as { repeats: boolean; alternates: boolean }
      parent.repeats ||= group.repeats || repeated
    } else if (ch === '*' || ch === '+' || ch === '{') {
      top.repeats = true
    } else if (ch === '|') {
      top.alternates = true
    }
  }
  return stack.length === 1 ? undefined : 'unbalanced parentheses'
}

/**
 * A MISP regex entry (PCRE, usually delimited: `/^.*\.example$/i`) as a JavaScript RegExp, or
 * InvalidIndicatorError saying why it cannot be used.
 */
export function regexEntry(text: string): RegExp {
  if (text.length > MAX_PATTERN) throw new InvalidIndicatorError(`regular expression longer than ${MAX_PATTERN} characters`)
  let body = text
  let flags = ''
  const delimiter = text[0]
  if (delimiter !== undefined && '/#~%@!'.includes(delimiter)) {
    const end = text.lastIndexOf(delimiter)
    if (end <= 0) throw new InvalidIndicatorError('regular expression has no closing delimiter')
    body = text.slice(1, end)
    flags = text.slice(end + 1)
    const unknown = flags.replace(/[imsu]/g, '')
    if (unknown !== '') throw new InvalidIndicatorError(`PCRE flag "${unknown}" is not supported`)
  }
  const unsafe = unsafeRegex(body)
  if (unsafe !== undefined) throw new InvalidIndicatorError(unsafe)
  try {
    return new RegExp(body, flags)
  } catch (err) {
    throw new InvalidIndicatorError(`not a JavaScript regular expression: ${(err as Error).message}`)
  }
}
