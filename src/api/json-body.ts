import { type JsonPath, JsonTooDeepError, scanJson } from '../indicators/formats/json-scan.ts'
import { HttpError } from './errors.ts'

export interface ParsedJson {
  value: unknown
  /** Objects that repeat a key, by path (see scanJson). */
  duplicates: JsonPath[]
}

/**
 * Parses a JSON request body: scanJson checks the depth and finds repeated keys in one linear
 * pass, then JSON.parse builds the value. Every failure is a 400 with a reason.
 */
export function parseJsonBody(text: string): ParsedJson {
  let duplicates: JsonPath[]
  try {
    duplicates = scanJson(text)
  } catch (err) {
    if (err instanceof JsonTooDeepError) throw new HttpError(400, 'too_deep', `the body is ${err.message}`)
    throw err
  }
  try {
    return { value: JSON.parse(text), duplicates }
  } catch (err) {
    throw new HttpError(400, 'bad_json', `body is not JSON: ${(err as Error).message}`)
  }
}
