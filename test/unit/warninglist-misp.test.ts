import { strict as assert } from 'node:assert'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalize } from '../../src/indicators/normalize.ts'
import { Warninglists } from '../../src/indicators/warninglist.ts'
import { unsafeRegex } from '../../src/indicators/warninglist-regex.ts'

const DIR = fileURLToPath(new URL('../fixtures/warninglists/', import.meta.url))
const FILES = [
  'invented-resolvers/list.json',
  'invented-cdn-hostnames.json',
  'invented-strings.json',
  'invented-substrings.json',
  'invented-regex.json',
  'invented-values.txt',
].map((f) => join(DIR, f))

describe('MISP warninglists and values files', () => {
  const lists = Warninglists.load(FILES, false)
  const listOf = (value: string, type?: string) => lists.match(normalize(value, type))

  it('loads every list, named by file (by folder for MISP list.json), with its MISP title', () => {
    assert.deepEqual(
      lists.lists().map((l) => [l.name, l.kind, l.entries, l.skipped]),
      [
        ['invented-resolvers', 'cidr', 3, 1],
        ['invented-cdn-hostnames', 'hostname', 2, 1],
        ['invented-strings', 'string', 2, 0],
        ['invented-substrings', 'substring', 1, 0],
        ['invented-regex', 'regex', 1, 2],
        ['invented-values', 'values', 2, 2],
      ],
    )
    assert.equal(lists.lists()[0]?.title, 'List of invented public DNS resolvers')
  })

  it('reports each unsupported entry with where and why, and skips only it', () => {
    const problems = lists.problems.map((p) => [p.list, p.where.slice(DIR.length), p.reason])
    assert.equal(problems.length, 6)
    assert.match(
      String(problems[0]),
      /invented-resolvers,invented-resolvers\/list.json: list\[3\],"not-an-address.example": not an address or range/,
    )
    assert.match(String(problems[3]), /invented-regex\.json: list\[2\].*PCRE flag "x"/)
    assert.match(String(problems[2]), /\/\^\(a\+\)\+\$\/.*backtrack catastrophically/)
    assert.match(String(problems[4]), /invented-values\.txt:4.*56 is not an MD5/)
    assert.match(String(problems[5]), /invented-values\.txt:5/)
  })

  it('cidr: addresses in a range, only for the types of matching_attributes', () => {
    assert.equal(listOf('192.0.2.53'), 'invented-resolvers')
    assert.equal(listOf('198.51.100.7'), 'invented-resolvers')
    assert.equal(listOf('2001:db8:53::1'), 'invented-resolvers')
    assert.equal(listOf('192.0.2.54'), undefined)
  })

  it('hostname: the name and its subdomains, also as the host of a URL', () => {
    assert.equal(listOf('cdn.invented-cloud.example'), 'invented-cdn-hostnames')
    assert.equal(listOf('eu.cdn.invented-cloud.example'), 'invented-cdn-hostnames')
    assert.equal(listOf('https://img.static.invented-assets.example/a.png'), 'invented-cdn-hostnames')
    assert.equal(listOf('xcdn.invented-cloud.example'), undefined)
    assert.equal(listOf('invented-cloud.example'), undefined)
  })

  it('string: exact canonical values; substring; regex', () => {
    assert.equal(listOf('EXACT.invented.example'), 'invented-strings')
    assert.equal(listOf('sub.exact.invented.example'), undefined)
    assert.equal(listOf('HTTP://portal.invented.example/login'), 'invented-strings')
    assert.equal(listOf('www.sinkhole-invented.example'), 'invented-substrings')
    assert.equal(listOf('eu-1.telemetry.invented.example'), 'invented-regex')
    assert.equal(listOf('a.b.telemetry.invented.example'), undefined)
  })

  it('values files hold exact values and ranges', () => {
    assert.equal(listOf('partner.invented.example'), 'invented-values')
    assert.equal(listOf('203.0.113.100'), 'invented-values')
  })

  it('explains every list that holds a value and why', () => {
    const lists2 = Warninglists.load(FILES)
    assert.deepEqual(lists2.explain(normalize('198.51.100.9')), [
      { list: 'special-use-ranges', kind: 'values', entry: '198.51.100.0/24', reason: 'in range 198.51.100.0/24' },
      { list: 'invented-resolvers', kind: 'cidr', entry: '198.51.100.0/24', reason: 'in range 198.51.100.0/24' },
    ])
    assert.deepEqual(lists2.explain(normalize('eu.cdn.invented-cloud.example')), [
      {
        list: 'invented-cdn-hostnames',
        kind: 'hostname',
        entry: 'cdn.invented-cloud.example',
        reason: 'subdomain of cdn.invented-cloud.example',
      },
    ])
  })

  it('a file that is not a warninglist is a problem, not a failure', () => {
    const broken = Warninglists.load([join(DIR, 'missing.json'), join(DIR, 'invented-values.txt')], false)
    assert.match(broken.problems[0]?.reason ?? '', /cannot read/)
    assert.equal(broken.match(normalize('partner.invented.example')), 'invented-values')
  })

  it('refuses regular expressions that backtrack catastrophically, and runs the rest fast on a multi-MB value', () => {
    assert.match(unsafeRegex('(a+)+$') ?? '', /catastrophically/)
    assert.match(unsafeRegex('(a|ab)*c') ?? '', /catastrophically/)
    assert.match(unsafeRegex('(x)\\1') ?? '', /backreferences/)
    assert.equal(unsafeRegex('^[a-z0-9-]+\\.example$'), undefined)
    const long = `http://${'a'.repeat(4 << 20)}.example/`
    const started = performance.now()
    lists.explain({ type: 'url', value: long })
    assert.ok(performance.now() - started < 2000)
  })
})
