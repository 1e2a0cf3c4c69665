import { InvalidTlpError, parseTlp, stricterTlp, type Tlp } from '../tlp.ts'
import { pickJsonWithPaths } from './json-stream.ts'
import type { ReaderContext, ReadItem } from './row.ts'

/** MISP attribute types we hold; composite `a|b` types keep the part named here. */
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

const COMPOSITE: Record<string, { part: 0 | 1; type: string }> = {
  'ip-src|port': { part: 0, type: 'ip' },
  'ip-dst|port': { part: 0, type: 'ip' },
  'domain|ip': { part: 0, type: 'domain' },
  'hostname|port': { part: 0, type: 'hostname' },
  'filename|md5': { part: 1, type: 'md5' },
  'filename|sha1': { part: 1, type: 'sha1' },
  'filename|sha256': { part: 1, type: 'sha256' },
  'filename|sha512': { part: 1, type: 'sha512' },
}

type Attribute = Record<string, unknown>

const ATTRIBUTES = /^(?:response\.\d+\.)?Event\.(?:Attribute|Object\.\d+\.Attribute)\.\d+$/
const EVENT_TAGS = /^(?:response\.\d+\.)?Event\.Tag\.\d+$/
/** The event a path is in: `Event`, or `response.3.Event` in a search result of several events. */
const EVENT = /^(?:response\.\d+\.)?Event(?=\.)/

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

function secondsToMs(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) * 1000 : value
}

/**
 * MISP event JSON (`{"Event": ...}` or a `{"response": [...]}` search result). The file is
 * streamed twice: first for the event's tags (a `tlp:` tag may come after the attributes and must
 * apply to all of them), then for the attributes. An attribute's own `tlp:` level wins; in a search
 * result each event's tag applies to its own attributes only. A broken document is refused whole:
 * the event's tag may be in the part that cannot be read.
 */
export async function* readMisp(file: string, context: ReaderContext): AsyncGenerator<ReadItem> {
  const eventTags = new Map<string, unknown[]>()
  for await (const { path, value } of pickJsonWithPaths(file, EVENT_TAGS)) {
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
    const misptype = typeof attr?.type === 'string' ? attr.type : ''
    const composite = COMPOSITE[misptype]
    const type = composite?.type ?? MISP_TYPES[misptype]
    if (type === undefined) {
      yield { kind: 'skip' }
      continue
    }
    let raw = attr.value
    if (composite !== undefined) {
      const parts = typeof raw === 'string' ? raw.split('|') : []
      if (parts.length !== 2) {
        yield { kind: 'error', line: null, pointer, reason: `${misptype} value is not "a|b"` }
        continue
      }
      raw = parts[composite.part]
    }
    yield {
      kind: 'indicator',
      line: null,
      pointer,
      value: raw,
      type,
      tlp: tlpOf(tlpTags(attr.Tag), eventTlp.get(eventOf(path)) ?? {}),
      tags: Array.isArray(attr.Tag)
        ? (attr.Tag as { name?: unknown }[]).map((t) => t?.name).filter((t) => typeof t === 'string' && !/^tlp:/i.test(t))
        : [],
      firstSeen: attr.first_seen ?? secondsToMs(attr.timestamp),
      lastSeen: attr.last_seen ?? secondsToMs(attr.timestamp),
    }
  }
  if (n === 0) yield { kind: 'error', line: null, reason: 'no MISP event attributes found (expected {"Event": {"Attribute": [...]}})' }
}
