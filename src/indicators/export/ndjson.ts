import type { ExportSource } from './stix.ts'

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** One JSON object per line, lossless: `kind` tells indicators from sightings; imports back as is. */
export async function* ndjsonExport(source: ExportSource): AsyncGenerator<string> {
  for await (const r of source.indicators()) {
    yield `${JSON.stringify({
      kind: 'indicator',
      type: r.type,
      value: r.value,
      tlp: r.tlp,
      confidence: r.confidence,
      tags: r.tags,
      source: r.source,
      first_seen: iso(r.firstSeen),
      last_seen: iso(r.lastSeen),
      count: r.count,
      valid_until: r.validUntil === undefined ? undefined : iso(r.validUntil),
      warninglist: r.warninglist,
      ids: r.ids,
      revoked: r.revoked,
      context: r.context,
    })}\n`
  }
  for await (const s of source.sightings()) {
    yield `${JSON.stringify({ kind: 'sighting', type: s.type, value: s.value, tlp: s.tlp, time: iso(s.time), count: s.count, source: s.source, where: s.where })}\n`
  }
}
