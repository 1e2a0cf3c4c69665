/** Deepest nesting of JSON we read: a TAXII envelope of STIX objects needs about ten. */
export const MAX_JSON_DEPTH = 64

/** Where JSON repeats a key: the path of the object that holds it. */
export type JsonPath = (string | number)[]

export class JsonTooDeepError extends Error {
  override name = 'JsonTooDeepError'
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d])

interface Frame {
  /** Keys seen so far (objects) or null (arrays). */
  keys: Set<string> | null
  /** Index of the next element (arrays) or the key being read (objects). */
  at: string | number
  reported: boolean
}

/**
 * One linear scan of JSON text, with no recursion and no regular expression: throws
 * JsonTooDeepError past `maxDepth` levels and returns the paths of objects that repeat a key
 * (at most 1000; JSON.parse would keep the last value silently). It checks nothing else: syntax
 * is JSON.parse's to judge, after this scan proved the nesting shallow.
 */
export function scanJson(text: string, maxDepth: number = MAX_JSON_DEPTH): JsonPath[] {
  const stack: Frame[] = []
  const duplicates: JsonPath[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (WS.has(c)) continue
    const top = stack.at(-1)
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth) throw new JsonTooDeepError(`JSON nested deeper than ${maxDepth} levels`)
      stack.push({ keys: c === 0x7b ? new Set() : null, at: c === 0x7b ? '' : 0, reported: false })
      expectKey = c === 0x7b
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop()
      expectKey = false
    } else if (c === 0x2c) {
      if (top !== undefined && top.keys === null) top.at = (top.at as number) + 1
      expectKey = top?.keys !== null && top !== undefined
    } else if (c === 0x22) {
      const end = stringEnd(text, i)
      if (expectKey && top?.keys != null) {
        const key = text.slice(i + 1, end)
        // Escapes are rare in keys; decode them only then so "a" and "\u0061" are one key.
        const name = key.includes('\\') ? safeDecode(text.slice(i, end + 1)) : key
        if (top.keys.has(name) && !top.reported && duplicates.length < 1000) {
          top.reported = true
          duplicates.push(pathOf(stack))
        }
        top.keys.add(name)
        top.at = name
        expectKey = false
      }
      i = end
    }
  }
  return duplicates
}

/** Index of the quote that closes the string opening at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i
  }
  return text.length
}

function safeDecode(quoted: string): string {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return quoted
  }
}

/** The path of the innermost object, as the keys and indices that lead to it. */
function pathOf(stack: Frame[]): JsonPath {
  return stack.slice(0, -1).map((f) => f.at)
}

/** The message of a row that repeats a key. */
export const DUPLICATE_KEY_REASON = 'an object in this row repeats a key (which value is meant is unclear)'

/** Row numbers (0-based) under `prefix` that hold a repeated key; true when one lies outside every row. */
export function duplicateRows(duplicates: JsonPath[], prefix: JsonPath): { rows: Set<number>; outside: boolean } {
  const rows = new Set<number>()
  let outside = false
  for (const path of duplicates) {
    const inside = prefix.every((p, i) => path[i] === p) && typeof path[prefix.length] === 'number'
    if (inside) rows.add(path[prefix.length] as number)
    else outside = true
  }
  return { rows, outside }
}
