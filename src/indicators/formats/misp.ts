import { InvalidTlpError, parseTlp, stricterTlp, type Tlp } from '../tlp.ts'
import { pickJsonWithPaths } from './json-stream.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/** MISP attribute types we hold, with our type (or alias) for them. */
const MISP_TYPES: Record<string, string> = {
  'ip-src': 'ip',
  'ip-dst': 'ip',
  domain: 'domain',
  hostname: 'hostname',
  url: 'url',
  uri: 'url',
  link: 'url',
  'email-src': 'email',
  'email-dst': 'email',
  email: 'email',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
}

/** One part of a composite `a|b` value: an indicator of a type, or context with a name. */
type Part = { type: string } | { context: string }

/**
 * Composite types that carry an indicator we hold, part by part. The other composites
 * (`filename|ssdeep`, `regkey|value`, ...) carry none and are skipped like other types.
 */
const COMPOSITE: Record<string, [Part, Part]> = {
  'domain|ip': [{ type: 'domain' }, { type: 'ip' }],
  'ip-src|port': [{ type: 'ip' }, { context: 'port' }],
  'ip-dst|port': [{ type: 'ip' }, { context: 'port' }],
  'hostname|port': [{ type: 'hostname' }, { context: 'port' }],
  'filename|md5': [{ context: 'filename' }, { type: 'md5' }],
  'filename|sha1': [{ context: 'filename' }, { type: 'sha1' }],
  'filename|sha256': [{ context: 'filename' }, { type: 'sha256' }],
  'filename|sha512': [{ context: 'filename' }, { type: 'sha512' }],
  'malware-sample': [{ context: 'filename' }, { type: 'md5' }],
}

type Attribute = Record<string, unknown>

/**
 * Where attributes sit: `{"Event": ...}`, an event without the wrapper, `{"response": [{"Event":
 * ...}]}` (events/restSearch), `[{"Event": ...}]`, and `{"response": {"Attribute": [...]}}`
 * (attributes/restSearch).
 */
const PREFIX = '(?:(?:response\\.)?\\d+\\.Event\\.|Event\\.|response\\.)?'
const ATTRIBUTES = new RegExp(`^${PREFIX}(?:Attribute|Object\\.\\d+\\.Attribute)\\.\\d+$`)
/** First pass: the events' tags and the objects' `deleted` flags. */
const EVENT_FACTS = new RegExp(`^${PREFIX}(?:Tag\\.\\d+|Object\\.\\d+\\.deleted)$`)
/** The event a path is in: `Event`, `response.3.Event`, or '' for an unwrapped event. */
const EVENT = /^(?:(?:response\.)?\d+\.Event|Event)(?=\.)/
/** The object an attribute path is in (`Event.Object.2`), if any. */
const OBJECT = /^(.*?Object\.\d+)\./

function eventOf(path: string): string {
  return EVENT.exec(path)?.[0] ?? ''
}

/** The strictest TLP level among `tlp:` tags, and the first `tlp:` tag that names no level. */
interface TlpTags {
  level?: Tlp
  unknown?: string
}

function tlpTags(tags: unknown): TlpTags {
  const out: TlpTags = {}
  if (!Array.isArray(tags)) return out
  for (const tag of tags as { name?: unknown }[]) {
    if (typeof tag?.name !== 'string' || !/^tlp:/i.test(tag.name)) continue
    try {
      const tlp = parseTlp(tag.name)
      out.level = out.level === undefined ? tlp : stricterTlp(out.level, tlp)
    } catch (err) {
      if (!(err instanceof InvalidTlpError)) throw err
      out.unknown ??= tag.name
    }
  }
  return out
}

/**
 * The attribute's level, else the event's. A tag that names no level (`tlp:ex:chr`, `tlp:unclear`)
 * is ignored beside a level; with none, it is kept so that the row is refused with the reason
 * rather than given the default.
 */
function tlpOf(own: TlpTags, event: TlpTags): string | undefined {
  return own.level ?? event.level ?? own.unknown ?? event.unknown
}

/** MISP writes booleans as JSON booleans, and in older exports as "0"/"1". */
function flag(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true') return true
  if (value === false || value === 0 || value === '0' || value === 'false') return false
  return undefined
}

/** MISP accepts a `url` attribute without a scheme (`www.example.top/path`); it names an http URL. */
function withScheme(value: unknown): unknown {
  return typeof value === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `http://${value.trim()}` : value
}

function secondsToMs(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) * 1000 : value
}

/**
 * MISP event JSON in every shape of ATTRIBUTES. The file is streamed twice: first for the events'
 * tags (a `tlp:` tag may come after the attributes and must apply to all of them) and the deleted
 * objects, then for the attributes. An attribute's own `tlp:` level wins; in a search result each
 * event's tag applies to its own attributes only. Deleted attributes (and those of deleted
 * objects) are skipped; `to_ids: false` ones are imported as context only. A broken document is
 * refused whole: the event's tag may be in the part that cannot be read.
 */
export async function* readMisp(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  const eventTags = new Map<string, unknown[]>()
  const deletedObjects = new Set<string>()
  for await (const { path, value } of pickJsonWithPaths(file, EVENT_FACTS)) {
    if (path.endsWith('.deleted')) {
      if (flag(value) === true) deletedObjects.add(path.slice(0, -'.deleted'.length))
      continue
    }
    const tags = eventTags.get(eventOf(path)) ?? []
    tags.push(value)
    eventTags.set(eventOf(path), tags)
  }
  const eventTlp = new Map([...eventTags].map(([event, tags]) => [event, tlpTags(tags)]))
  let n = 0
  for await (const { path, value } of pickJsonWithPaths(file, ATTRIBUTES, context.onBytes)) {
    const attr = value as Attribute
    n++
    const pointer = typeof attr?.uuid === 'string' ? `Attribute ${attr.uuid}` : `Attribute #${n}`
    const object = OBJECT.exec(path)?.[1]
    if (flag(attr?.deleted) === true || (object !== undefined && deletedObjects.has(object))) {
      yield { kind: 'skip' }
      continue
    }
    const misptype = typeof attr?.type === 'string' ? attr.type : ''
    const composite = COMPOSITE[misptype]
    const single = MISP_TYPES[misptype]
    if (composite === undefined && single === undefined) {
      yield { kind: 'skip' }
      continue
    }
    let parts: { value: unknown; part: Part }[]
    if (composite === undefined) {
      parts = [{ value: misptype === 'url' || misptype === 'link' ? withScheme(attr.value) : attr.value, part: { type: single as string } }]
    } else {
      const values = typeof attr.value === 'string' ? attr.value.split('|') : []
      if (values.length !== 2) {
        yield { kind: 'error', line: null, pointer, reason: `${misptype} value ${JSON.stringify(attr.value)} is not "a|b"` }
        continue
      }
      parts = composite.map((part, i) => ({ value: values[i], part }))
    }
    const contextOf = parts.flatMap(({ value: v, part }) => ('context' in part && v !== '' ? [`${part.context}:${String(v)}`] : []))
    const shared = {
      kind: 'indicator' as const,
      line: null,
      pointer,
      tlp: tlpOf(tlpTags(attr.Tag), eventTlp.get(eventOf(path)) ?? {}),
      tags: Array.isArray(attr.Tag)
        ? (attr.Tag as { name?: unknown }[]).map((t) => t?.name).filter((t) => typeof t === 'string' && !/^tlp:/i.test(t))
        : [],
      firstSeen: attr.first_seen ?? secondsToMs(attr.timestamp),
      lastSeen: attr.last_seen ?? secondsToMs(attr.timestamp),
      ...(flag(attr.to_ids) === false ? { ids: false } : {}),
      ...(contextOf.length === 0 ? {} : { context: contextOf }),
    }
    for (const { value: v, part } of parts) {
      if ('type' in part) yield { ...shared, value: v, type: part.type }
    }
  }
  if (n === 0) {
    yield {
      kind: 'error',
      line: null,
      reason: 'no MISP attributes found (expected an event, {"Event": ...}, a list of events or a restSearch response)',
    }
  }
}
