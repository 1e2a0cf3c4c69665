import ipaddr from 'ipaddr.js'
import { InvalidIndicatorError } from './errors.ts'
import { normalize, normalizeDomain } from './normalize.ts'
import type { IndicatorType, Observable } from './types.ts'
import { BUILT_IN_LISTS } from './warninglist-builtin.ts'
import { type ListKind, type ListSpec, readListFile, type WarninglistProblem } from './warninglist-files.ts'
import { regexEntry } from './warninglist-regex.ts'

export type { WarninglistProblem } from './warninglist-files.ts'

/** A list as `sightline warninglist list` shows it. */
export interface ListInfo {
  name: string
  kind: ListKind
  title?: string
  description?: string
  file?: string
  types?: IndicatorType[]
  /** Entries in use, and entries skipped as unsupported (see problems). */
  entries: number
  skipped: number
}

/** Why a value is on a list: which list, how it matches and by which entry. */
export interface WarninglistHit {
  list: string
  kind: ListKind
  entry: string
  reason: string
}

interface Entry {
  list: ListInfo & { typeSet?: ReadonlySet<IndicatorType> }
  entry: string
}

interface Range extends Entry {
  network: ipaddr.IPv4 | ipaddr.IPv6
  prefix: number
}

const ADDRESS_TYPES = new Set<IndicatorType>(['ipv4', 'ipv6'])

function applies(entry: Entry, type: IndicatorType): boolean {
  return entry.list.typeSet === undefined || entry.list.typeSet.has(type)
}

/** The domain/hostname type key: a value listed as one matches the other. */
function exactKey(item: Observable): string {
  return `${item.type === 'hostname' ? 'domain' : item.type}:${item.value}`
}

/** The host an indicator names, for hostname lists: a domain itself, or a URL's host. */
function hostOf(item: Observable): string | undefined {
  if (item.type === 'domain' || item.type === 'hostname') return item.value
  if (item.type !== 'url') return undefined
  const start = item.value.indexOf('//') + 2
  let end = item.value.length
  for (const ch of ['/', '?', ':']) {
    const at = item.value.indexOf(ch, start)
    if (at >= 0 && at < end) end = at
  }
  const host = item.value.slice(start, end)
  const at = host.lastIndexOf('@')
  return at >= 0 ? host.slice(at + 1) : host
}

/**
 * Warninglists: known-benign values. Built-in lists plus user lists, each a MISP warninglist
 * JSON file or a values file. An entry that Sightline cannot use (a SHA-224, an ssdeep, an unsafe
 * regular expression) is reported in `problems` and skipped; it never stops the other entries.
 */
export class Warninglists {
  readonly #exact = new Map<string, Entry>()
  readonly #strings = new Map<string, Entry[]>()
  readonly #hostnames = new Map<string, Entry[]>()
  readonly #ranges: Range[] = []
  readonly #substrings: Entry[] = []
  readonly #regexes: (Entry & { re: RegExp })[] = []
  readonly #lists: (ListInfo & { typeSet?: ReadonlySet<IndicatorType> })[] = []
  readonly #entries = new Map<string, string[]>()
  /** Entries and files that could not be used. */
  readonly problems: WarninglistProblem[] = []

  /** Built-in lists plus user list files (see warninglist-files.ts). Never throws for content. */
  static load(userFiles: readonly string[] = [], includeBuiltIn = true): Warninglists {
    const lists = new Warninglists()
    if (includeBuiltIn) {
      for (const [name, values] of Object.entries(BUILT_IN_LISTS)) {
        lists.add({ name, kind: 'values', entries: values.map((text, i) => ({ text, where: `${name}[${i}]` })) })
      }
    }
    for (const file of userFiles) {
      const spec = readListFile(file, lists.problems)
      if (spec !== undefined) lists.add(spec)
    }
    return lists
  }

  add(spec: ListSpec): void {
    const list: ListInfo & { typeSet?: ReadonlySet<IndicatorType> } = {
      name: spec.name,
      kind: spec.kind,
      entries: 0,
      skipped: 0,
      ...(spec.title === undefined ? {} : { title: spec.title }),
      ...(spec.description === undefined ? {} : { description: spec.description }),
      ...(spec.file === undefined ? {} : { file: spec.file }),
      ...(spec.types === undefined ? {} : { types: [...spec.types], typeSet: spec.types }),
    }
    this.#lists.push(list)
    const kept: string[] = []
    for (const { text, where } of spec.entries) {
      try {
        this.#addEntry(list, spec.kind, text.trim())
        kept.push(text.trim())
      } catch (err) {
        if (!(err instanceof InvalidIndicatorError)) throw err
        list.skipped++
        this.problems.push({ list: spec.name, where, reason: `${JSON.stringify(text)}: ${err.message}; entry skipped` })
      }
    }
    list.entries = kept.length
    this.#entries.set(spec.name, kept)
  }

  #addEntry(list: Entry['list'], kind: ListKind, text: string): void {
    const entry: Entry = { list, entry: text }
    switch (kind) {
      case 'values': {
        const item = normalize(text)
        if (item.type === 'ipv4-cidr' || item.type === 'ipv6-cidr') this.#addRange(entry, item.value)
        else if (!this.#exact.has(exactKey(item))) this.#exact.set(exactKey(item), entry)
        return
      }
      case 'string':
        push(this.#strings, normalize(text).value, entry)
        return
      case 'hostname':
        push(this.#hostnames, normalizeDomain(text.replace(/^\*?\./, ''), false), entry)
        return
      case 'cidr': {
        const item = normalize(text)
        if (item.type === 'ipv4' || item.type === 'ipv6') this.#addRange(entry, `${item.value}/${item.type === 'ipv4' ? 32 : 128}`)
        else if (item.type === 'ipv4-cidr' || item.type === 'ipv6-cidr') this.#addRange(entry, item.value)
        else throw new InvalidIndicatorError(`not an address or range (a ${item.type})`)
        return
      }
      case 'substring':
        if (text === '') throw new InvalidIndicatorError('empty substring')
        this.#substrings.push({ ...entry, entry: text.toLowerCase() })
        return
      case 'regex':
        this.#regexes.push({ ...entry, re: regexEntry(text) })
        return
    }
  }

  #addRange(entry: Entry, cidr: string): void {
    const [network, prefix] = ipaddr.parseCIDR(cidr)
    this.#ranges.push({ ...entry, network, prefix })
  }

  /** The name of the first list that holds this indicator, or undefined. Runs once per imported row. */
  match(item: Observable): string | undefined {
    return this.#find(item, undefined)
  }

  /** Every list that holds this indicator, with the entry and why. */
  explain(item: Observable): WarninglistHit[] {
    const hits: WarninglistHit[] = []
    this.#find(item, hits)
    return hits
  }

  /**
   * Without `all`, the first list that holds the item (no allocation on the import path); with
   * it, every hit is added to `all` and the result is undefined.
   */
  #find(item: Observable, all: WarninglistHit[] | undefined): string | undefined {
    const hit = (e: Entry, reason: () => string): boolean => {
      all?.push({ list: e.list.name, kind: e.list.kind, entry: e.entry, reason: reason() })
      return all === undefined
    }
    const exact = this.#exact.get(exactKey(item))
    if (exact !== undefined && hit(exact, () => 'listed value')) return exact.list.name
    const strings = this.#strings.size === 0 ? undefined : this.#strings.get(item.value)
    for (const e of strings ?? []) if (applies(e, item.type) && hit(e, () => 'listed value')) return e.list.name
    if (this.#ranges.length > 0 && ADDRESS_TYPES.has(item.type)) {
      const addr = ipaddr.parse(item.value)
      for (const range of this.#ranges) {
        if (range.network.kind() === addr.kind() && applies(range, item.type) && addr.match(range.network, range.prefix)) {
          if (hit(range, () => `in range ${range.network.toString()}/${range.prefix}`)) return range.list.name
        }
      }
    }
    const host = this.#hostnames.size === 0 ? undefined : hostOf(item)
    if (host !== undefined) {
      for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) {
        const suffix = at === 0 ? host : host.slice(at)
        for (const e of this.#hostnames.get(suffix) ?? []) {
          if (applies(e, item.type) && hit(e, () => (suffix === host ? 'listed host name' : `subdomain of ${suffix}`))) return e.list.name
        }
      }
    }
    if (this.#substrings.length > 0) {
      const lower = item.value.toLowerCase()
      for (const e of this.#substrings) {
        if (applies(e, item.type) && lower.includes(e.entry) && hit(e, () => 'contains the entry')) return e.list.name
      }
    }
    for (const e of this.#regexes) {
      if (applies(e, item.type) && e.re.test(item.value) && hit(e, () => 'matches the regular expression')) return e.list.name
    }
    return undefined
  }

  /** The lists loaded, built-in first. */
  lists(): ListInfo[] {
    return this.#lists.map(({ typeSet: _typeSet, ...info }) => info)
  }

  /** The entries of one list as written (those in use), or undefined. */
  entriesOf(name: string): readonly string[] | undefined {
    return this.#entries.get(name)
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
