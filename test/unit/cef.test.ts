import { strict as assert } from 'node:assert'
import { alertOf } from '../../src/node/alert.ts'
import { CEF_SEVERITY, cefEvent, cefHeaderEscape, cefValueEscape, syslog5424 } from '../../src/node/alert-sinks/cef.ts'
import { frame } from '../../src/node/alert-sinks/syslog.ts'
import type { MatchRecord } from '../../src/store/repositories.ts'

const match: MatchRecord = {
  peer: '12D3KooWPeer',
  organization: 'Acme | Bank\\EU',
  type: 'url',
  value: 'http://evil.example/a=b\\c?x=1',
  tlp: 'amber',
  holds: true,
  sighted: {},
  ours: { sources: [{ name: 'test', kind: 'community' as const }], tags: [], count: 1, sightings: {} },
  level: 'normal',
  alerted: 'none',
  epoch: 1,
  matchedAt: Date.UTC(2026, 10, 23, 12, 0, 0),
}

/** Splits a CEF event the way a parser does: unescaped pipes end header fields, unescaped spaces before `key=` split the extension. */
function parseCef(event: string): { header: string[]; ext: Record<string, string> } {
  const header: string[] = []
  let field = ''
  let i = 0
  for (; i < event.length && header.length < 7; i++) {
    const c = event[i] as string
    if (c === '\\') field += event[++i] ?? ''
    else if (c === '|') {
      header.push(field)
      field = ''
    } else field += c
  }
  const ext: Record<string, string> = {}
  for (const [, key, raw] of event.slice(i).matchAll(/(\w+)=((?:\\.|[^\\=])*?)(?= \w+=|$)/g)) {
    ext[key as string] = (raw as string).replace(/\\(.)/g, (_, e: string) => (e === 'n' ? '\n' : e === 'r' ? '\r' : e))
  }
  return { header, ext }
}

describe('CEF', () => {
  it('escapes backslash and pipe in header fields and drops line breaks', () => {
    assert.equal(cefHeaderEscape('a|b\\c'), 'a\\|b\\\\c')
    assert.equal(cefHeaderEscape('one\r\ntwo\nthree'), 'one two three')
  })

  it('escapes backslash, equals sign and line breaks in extension values, not pipes', () => {
    assert.equal(cefValueEscape('a=b\\c|d'), 'a\\=b\\\\c|d')
    assert.equal(cefValueEscape('line1\nline2\rx'), 'line1\\nline2\\rx')
  })

  it('writes the header CEF:0|Sightline|Sightline|<version>|match|Sightline match|<severity>', () => {
    const event = cefEvent(alertOf(match, 7), '1.2.3')
    assert.ok(event.startsWith('CEF:0|Sightline|Sightline|1.2.3|match|Sightline match|6|'), event)
  })

  it('maps TLP to severity, stricter is higher', () => {
    const order = (['clear', 'green', 'amber', 'amber+strict', 'red'] as const).map((t) => CEF_SEVERITY[t])
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    )
    for (const tlp of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      const { header } = parseCef(cefEvent(alertOf({ ...match, tlp }, 1)))
      assert.equal(header[6], String(CEF_SEVERITY[tlp]))
    }
  })

  it('round-trips awkward values through a parser: fields, labels, time, sequence', () => {
    const alert = alertOf({ ...match, organization: 'Line\nBreak = Co' }, 42)
    const { header, ext } = parseCef(cefEvent(alert))
    assert.equal(header.length, 7)
    assert.equal(ext.cs2Label, 'indicatorValue')
    assert.equal(ext.cs2, match.value)
    assert.equal(ext.cs1, 'url')
    assert.equal(ext.cs3, 'amber')
    assert.equal(ext.cs4, 'Line\nBreak = Co')
    assert.equal(ext.cs5, match.peer)
    assert.equal(ext.cs6, 'holds')
    assert.equal(ext.rt, String(match.matchedAt))
    assert.equal(ext.cn1, '42')
    assert.equal(ext.externalId, alert.id)
    assert.ok(!cefEvent(alert).includes('\n'), 'no raw line break in the event')
  })

  it('wraps the event in an RFC 5424 message and frames it by octet count', () => {
    const message = syslog5424('CEF:0|x', { facility: 16, tlp: 'amber', time: match.matchedAt, host: 'siem host' })
    assert.equal(message, `<132>1 2026-11-23T12:00:00.000Z siemhost sightline ${process.pid} match - CEF:0|x`)
    const framed = frame(Buffer.from('é'))
    assert.equal(framed.toString(), '2 é', 'the count is in bytes, not characters')
  })
})
