import { readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { IndicatorType } from './types.ts'

/**
 * How a list matches (MISP warninglist types, plus our values files): `values` and `string`
 * exact canonical values, `hostname` a domain and its subdomains (also a URL's host), `cidr`
 * addresses in a range, `substring` a value containing the entry, `regex` a value matching it.
 */
export const LIST_KINDS = ['values', 'string', 'hostname', 'cidr', 'substring', 'regex'] as const
export type ListKind = (typeof LIST_KINDS)[number]

export interface ListSpec {
  /** Short name used in reports: the file name (the folder name for MISP's `<name>/list.json`). */
  name: string
  /** MISP's `name` (a title such as "List of known IPv4 public DNS resolvers"). */
  title?: string
  description?: string
  kind: ListKind
  entries: { text: string; where: string }[]
  /** Types the list applies to (from MISP `matching_attributes`); undefined: every type. */
  types?: ReadonlySet<IndicatorType>
  file?: string
}

/** An entry (or file) that could not be used: reported and skipped, never fatal. */
export interface WarninglistProblem {
  list: string
  /** `file:line`, `file: list[3]`, or the list name. */
  where: string
  reason: string
}

const IP: IndicatorType[] = ['ipv4', 'ipv6', 'ipv4-cidr', 'ipv6-cidr']
const NAMES: IndicatorType[] = ['domain', 'hostname']
const HASHES: IndicatorType[] = ['md5', 'sha1', 'sha256', 'sha512']

/** MISP attribute types to the types of ours they cover. */
const MISP_ATTRIBUTE_TYPES: Record<string, IndicatorType[]> = {
  'ip-src': IP,
  'ip-dst': IP,
  'ip-src|port': IP,
  'ip-dst|port': IP,
  'domain|ip': [...NAMES, ...IP],
  domain: NAMES,
  hostname: NAMES,
  'hostname|port': NAMES,
  url: ['url'],
  uri: ['url'],
  link: ['url'],
  email: ['email'],
  'email-src': ['email'],
  'email-dst': ['email'],
  'target-email': ['email'],
  'whois-registrant-email': ['email'],
  md5: HASHES,
  sha1: HASHES,
  sha256: HASHES,
  sha512: HASHES,
  'filename|md5': HASHES,
  'filename|sha1': HASHES,
  'filename|sha256': HASHES,
  'filename|sha512': HASHES,
  'malware-sample': HASHES,
}

/** The name a file's list goes by: MISP keeps each list as `lists/<name>/list.json`. */
export function listName(file: string): string {
  const base = basename(file)
  return base === 'list.json' ? basename(dirname(file)) : base.replace(/\.[^.]*$/, '')
}

function matchingTypes(value: unknown): ReadonlySet<IndicatorType> | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  return new Set(value.flatMap((name) => (typeof name === 'string' ? (MISP_ATTRIBUTE_TYPES[name] ?? []) : [])))
}

/** A MISP warninglist JSON document (`list`, `type`, `matching_attributes`, `name`, `description`). */
function mispList(file: string, doc: unknown, problems: WarninglistProblem[]): ListSpec | undefined {
  const name = listName(file)
  const d = doc as Record<string, unknown>
  if (typeof doc !== 'object' || doc === null || !Array.isArray(d.list)) {
    problems.push({ list: name, where: file, reason: 'not a MISP warninglist (expected an object with a "list" array)' })
    return undefined
  }
  const kind = d.type === undefined ? 'string' : d.type
  if (typeof kind !== 'string' || kind === 'values' || !(LIST_KINDS as readonly string[]).includes(kind)) {
    problems.push({
      list: name,
      where: file,
      reason: `list type ${JSON.stringify(d.type)} is not one of string, hostname, cidr, substring, regex`,
    })
    return undefined
  }
  const types = matchingTypes(d.matching_attributes)
  if (types !== undefined && types.size === 0) {
    problems.push({
      list: name,
      where: file,
      reason: `matching_attributes ${JSON.stringify(d.matching_attributes)} name no type Sightline holds; list not loaded`,
    })
    return undefined
  }
  const entries: ListSpec['entries'] = []
  d.list.forEach((entry, i) => {
    if (typeof entry === 'string') entries.push({ text: entry, where: `${file}: list[${i}]` })
    else problems.push({ list: name, where: `${file}: list[${i}]`, reason: 'entry is not a string' })
  })
  return {
    name,
    kind: kind as ListKind,
    entries,
    file,
    ...(typeof d.name === 'string' ? { title: d.name } : {}),
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    ...(types === undefined ? {} : { types }),
  }
}

/**
 * Reads one list file: MISP warninglist JSON (a `.json` file, or any file whose text is a JSON
 * object), else a values file (one value or range per line, `#` comments). A file that cannot be
 * read is a problem, not an error: the other lists still load.
 */
export function readListFile(file: string, problems: WarninglistProblem[]): ListSpec | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (err) {
    problems.push({ list: listName(file), where: file, reason: `cannot read: ${(err as Error).message}` })
    return undefined
  }
  if (file.endsWith('.json') || text.trimStart().startsWith('{')) {
    try {
      return mispList(file, JSON.parse(text), problems)
    } catch (err) {
      problems.push({ list: listName(file), where: file, reason: `invalid JSON: ${(err as Error).message}` })
      return undefined
    }
  }
  const entries: ListSpec['entries'] = []
  text.split(/\r?\n/).forEach((line, i) => {
    const value = line.trim()
    if (value !== '' && !value.startsWith('#')) entries.push({ text: value, where: `${file}:${i + 1}` })
  })
  return { name: listName(file), kind: 'values', entries, file }
}
