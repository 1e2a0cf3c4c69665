import { strict as assert } from 'node:assert'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectFormat } from '../../src/indicators/formats/detect.ts'
import type { Format } from '../../src/indicators/formats/row.ts'
import type { IndicatorRecord, IndicatorType } from '../../src/indicators/types.ts'
import { Warninglists } from '../../src/indicators/warninglist.ts'
import { type ImportError, type ImportOptions, type ImportReport, importFiles } from '../../src/node/importer.ts'
import { Store } from '../../src/store/store.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const FIXTURES = join(REPO, 'test', 'fixtures', 'import')
const STIX_EXAMPLES = join(resolve(REPO, '..', 'shared', 'stix2.1'), 'examples')

const fixture = (name: string): string => join(FIXTURES, name)
const at = (iso: string): number => Date.parse(iso)

/** A record as plain data: properties that are undefined are left out, so deepEqual compares what is held. */
function plain<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>
}

function counts(report: ImportReport): Pick<ImportReport, 'imported' | 'duplicates' | 'rejected' | 'skipped' | 'failedFiles'> {
  const { imported, duplicates, rejected, skipped, failedFiles } = report
  return { imported, duplicates, rejected, skipped, failedFiles }
}

/** Each error as [where, reason], where is its line or JSON pointer; every error must name `file`. */
function errorsOf(report: ImportReport, file: string): [string, string][] {
  return report.errors.map((e: ImportError) => {
    assert.equal(e.file, file, `error names its file: ${JSON.stringify(e)}`)
    return [e.line === null ? (e.pointer ?? '-') : String(e.line), e.reason]
  })
}

/** Asserts the errors, in file order, by location and a pattern of the reason. */
function assertErrors(report: ImportReport, file: string, expected: [string, RegExp][]): void {
  const actual = errorsOf(report, file)
  assert.deepEqual(
    actual.map(([where]) => where),
    expected.map(([where]) => where),
    `error locations: ${JSON.stringify(actual)}`,
  )
  actual.forEach(([where, reason], i) => {
    assert.match(reason, (expected[i] as [string, RegExp])[1], `reason at ${where}: ${reason}`)
  })
}

function assertBetween(value: number | undefined, low: number, high: number, what: string): void {
  assert.ok(value !== undefined && value >= low && value <= high, `${what}: ${value} not within [${low}, ${high}]`)
}

describe('importFiles into a real store', () => {
  let dir: string
  let store: Store

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sightline-import-'))
    store = new Store({ location: join(dir, 'db') })
    await store.start()
  })

  afterEach(async () => {
    await store.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const run = (files: string[], options: Partial<ImportOptions> = {}): Promise<ImportReport> =>
    importFiles(store, files, { format: 'auto', tlp: 'amber', sightings: false, ...options })

  async function indicator(type: IndicatorType, value: string): Promise<Partial<IndicatorRecord>> {
    const record = await store.getIndicator({ type, value })
    assert.ok(record !== undefined, `no ${type} ${value} in the store`)
    return plain(record)
  }

  async function allIndicators(): Promise<IndicatorRecord[]> {
    const out: IndicatorRecord[] = []
    for await (const record of store.indicators()) out.push(record)
    return out
  }

  /** Every held sighting as one line, `type:value tlp time xcount source where`, sorted. */
  async function allSightings(): Promise<string[]> {
    const out: string[] = []
    for await (const s of store.sightings()) {
      out.push(`${s.type}:${s.value} ${s.tlp} ${new Date(s.time).toISOString()} x${s.count} ${s.source} ${s.where === '' ? '-' : s.where}`)
    }
    return out.sort()
  }

  const keysOf = (records: readonly { type: string; value: string }[]): string[] => records.map((r) => `${r.type}:${r.value}`).sort()

  describe('plain text', () => {
    const file = fixture('indicators.txt')

    it('imports one value per line, refanged and typed, and rejects the rest by line', async () => {
      const before = Date.now()
      const report = await run([file], { format: 'txt', tlp: 'green' })
      const after = Date.now()
      assert.deepEqual(counts(report), { imported: 6, duplicates: 1, rejected: 3, skipped: 0, failedFiles: 0 })
      assertErrors(report, file, [
        ['12', /^line has 3 fields separated by whitespace \("not an indicator"\), not one indicator$/],
        ['13', /^not an IPv4 address \(octets are 0-255/],
        ['14', /^hex string of length 20 is not an MD5, SHA-1, SHA-256 or SHA-512 hash: "0123456789abcdef0123"$/],
      ])
      assert.deepEqual(keysOf(await allIndicators()), [
        'domain:update-check.evil.example',
        'email:payroll@evil.example',
        'ipv4:192.0.2.45',
        'ipv6:2001:db8::1',
        'md5:44d88612fea8a8f36de82e1278abb02f',
        'url:https://login-portal.evil.example/Common/OAuth2/Authorize?client_id=abc',
      ])
      for (const record of await allIndicators()) {
        assert.equal(record.tlp, 'green')
        assert.equal(record.source, 'indicators.txt')
        assert.deepEqual(record.tags, [])
        assert.equal(record.confidence, undefined)
        assertBetween(record.firstSeen, before, after, 'first_seen')
        assert.equal(record.lastSeen, record.firstSeen)
      }
      // The defanged and the live copy are one indicator reported twice.
      assert.equal((await indicator('ipv4', '192.0.2.45')).count, 2)
      assert.deepEqual(await allSightings(), [])
    })

    it('marks warninglisted values but keeps them', async () => {
      const report = await run([file], { format: 'txt', warninglists: Warninglists.load() })
      assert.equal(report.imported, 6)
      assert.equal(report.warninglisted, 3, 'documentation ranges 192.0.2.0/24 (twice) and 2001:db8::/32')
      assert.equal((await indicator('ipv4', '192.0.2.45')).warninglist, 'special-use-ranges')
      assert.equal((await indicator('ipv6', '2001:db8::1')).warninglist, 'special-use-ranges')
      assert.equal((await indicator('domain', 'update-check.evil.example')).warninglist, undefined)
    })

    it('reads the lines as sightings with `sightings: true`', async () => {
      const report = await run([file], { format: 'txt', sightings: true, source: 'honeypot' })
      assert.deepEqual(counts(report), { imported: 6, duplicates: 1, rejected: 3, skipped: 0, failedFiles: 0 })
      assert.deepEqual(await allIndicators(), [])
      const sightings = await allSightings()
      assert.equal(sightings.length, 6)
      for (const line of sightings) assert.match(line, /^\S+ amber \S+ x1 honeypot -$/)
    })
  })

  describe('CSV', () => {
    const file = fixture('indicators.csv')

    it('maps header columns to fields, keeps good rows and rejects bad ones by line', async () => {
      const before = Date.now()
      const report = await run([file], { format: 'csv' })
      const after = Date.now()
      assert.deepEqual(counts(report), { imported: 6, duplicates: 0, rejected: 7, skipped: 0, failedFiles: 0 })
      assertErrors(report, file, [
        ['8', /^"203\.0\.113\.9" is not a domain \(numeric top-level label\)$/],
        ['9', /^unknown TLP "purple"/],
        ['10', /^confidence "150" is not an integer 0-100$/],
        ['11', /^first_seen "yesterday" is not an ISO 8601 time or epoch number$/],
        ['12', /^row has 11 columns, the header 9$/],
        ['13', /^malformed CSV: field 9 has "i" after its closing quote/],
        ['14', /^missing value$/],
      ])
      assert.deepEqual(await indicator('ipv4', '198.51.100.23'), {
        type: 'ipv4',
        value: '198.51.100.23',
        tlp: 'green',
        confidence: 80,
        tags: ['c2', 'cobalt-strike'],
        source: 'abuse-feed',
        firstSeen: at('2024-03-01T10:00:00Z'),
        lastSeen: at('2024-03-04T18:30:00Z'),
        count: 1,
      })
      // Canonical URL: host lowercased, default port and fragment dropped; epoch seconds as times.
      assert.deepEqual(await indicator('url', 'http://login-portal.evil.example/gate.php?id=7'), {
        type: 'url',
        value: 'http://login-portal.evil.example/gate.php?id=7',
        tlp: 'red',
        confidence: 90,
        tags: ['phishing', 'loader'],
        source: 'indicators.csv',
        firstSeen: 1709251200000,
        lastSeen: 1709571600000,
        count: 1,
      })
      const domain = await indicator('domain', 'update-check.evil.example')
      assert.equal(domain.tlp, 'amber', 'an empty tlp cell takes the default')
      assert.equal(domain.confidence, undefined)
      assert.deepEqual(domain.tags, [])
      assertBetween(domain.lastSeen, before, after, 'last_seen')
      const hash = await indicator('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856')
      assert.equal(hash.tlp, 'amber+strict')
      assert.equal(hash.source, 'sandbox')
      assert.deepEqual(hash.tags, ['dropper'])
      // A quoted cell over two lines, with spaces around unquoted cells.
      assert.equal((await indicator('ipv4', '203.0.113.20')).tlp, 'green')
      // The row after an unescaped quote is kept.
      assert.equal((await indicator('ipv4', '203.0.113.15')).tlp, 'clear')
      assert.equal((await allIndicators()).length, 6)
    })

    it('reads rows as sightings with `sightings: true`; a repeated sighting is one event', async () => {
      const sightingsFile = fixture('sightings.csv')
      const report = await run([sightingsFile], { format: 'csv', sightings: true, tlp: 'amber+strict' })
      assert.deepEqual(counts(report), { imported: 2, duplicates: 1, rejected: 1, skipped: 0, failedFiles: 0 })
      assertErrors(report, sightingsFile, [['5', /^invalid domain label "": "bad\.\.domain"$/]])
      assert.deepEqual(await allIndicators(), [])
      assert.deepEqual(await allSightings(), [
        'domain:evil.example green 2024-03-05T14:15:00.000Z x1 sightings.csv proxy-01',
        'ipv4:198.51.100.23 amber+strict 2024-03-05T12:00:00.000Z x5 sightings.csv fw-edge-01',
      ])
    })

    it('rejects only the line of a quote that never closes, and reads the lines after it', async () => {
      const file = join(dir, 'unclosed.csv')
      const rows = [
        'value,comment',
        '198.51.100.1,"stray',
        '198.51.100.2,ok',
        '198.51.100.3,"fine"',
        '198.51.100.4,"open to the end',
        '198.51.100.5,ok',
      ]
      await writeFile(file, `${rows.join('\n')}\n`)
      const report = await run([file])
      assert.deepEqual(counts(report), { imported: 3, duplicates: 0, rejected: 2, skipped: 0, failedFiles: 0 })
      assertErrors(report, file, [
        ['2', /^malformed CSV: the quote opened on this line is not closed at the end of a field$/],
        ['5', /^malformed CSV: the quote opened on this line is not closed before the end of the file$/],
      ])
      assert.deepEqual(keysOf(await allIndicators()), ['ipv4:198.51.100.2', 'ipv4:198.51.100.3', 'ipv4:198.51.100.5'])
    })

    it('reads a byte order mark, CRLF line ends and quoted cells', async () => {
      const file = join(dir, 'excel.csv')
      await writeFile(file, '\uFEFFIndicator,TLP,Tags\r\n198.51.100.1,green,a;b\r\n"198.51.100.2","red","c, d"\r\n\r\n198.51.100.3,,\r\n')
      const report = await run([file])
      assert.deepEqual(counts(report), { imported: 3, duplicates: 0, rejected: 0, skipped: 0, failedFiles: 0 })
      const [first, second] = [await indicator('ipv4', '198.51.100.1'), await indicator('ipv4', '198.51.100.2')]
      assert.deepEqual([first.tlp, first.tags], ['green', ['a', 'b']])
      // Tags are separated by `,` `;` or `|` (abuse.ch writes "elf,mirai"); the quoted comma stayed in its cell.
      assert.deepEqual([second.tlp, second.tags], ['red', ['c', 'd']])
      assert.equal((await indicator('ipv4', '198.51.100.3')).tlp, 'amber')
    })

    it('refuses a file whose header names no value column', async () => {
      const file = join(dir, 'headless.csv')
      await writeFile(file, '198.51.100.1,green\n198.51.100.2,red\n')
      const report = await run([file])
      assert.deepEqual(counts(report), { imported: 0, duplicates: 0, rejected: 1, skipped: 0, failedFiles: 0 })
      assertErrors(report, file, [['1', /^CSV header has no value column/]])
    })
  })

  describe('NDJSON', () => {
    const file = fixture('indicators.ndjson')

    it('reads one object per line; `kind: sighting` lines are sightings; duplicates merge', async () => {
      const before = Date.now()
      const report = await run([file], { format: 'ndjson', tlp: 'green' })
      const after = Date.now()
      assert.deepEqual(counts(report), { imported: 5, duplicates: 1, rejected: 4, skipped: 0, failedFiles: 0 })
      assertErrors(report, file, [
        ['7', /^invalid JSON: /],
        ['8', /^expected a JSON object on each line$/],
        ['9', /^missing value$/],
        ['10', /^count "0" is not a positive integer$/],
      ])
      // Lines 1 and 5: times widened, counts added, tags united, the stricter TLP, the first source
      // kept as `source` and every source in `sources` (so a public-only holding can be told apart).
      assert.deepEqual(await indicator('ipv4', '198.51.100.23'), {
        type: 'ipv4',
        value: '198.51.100.23',
        tlp: 'amber',
        confidence: 70,
        tags: ['c2', 'cobalt-strike', 'scanner'],
        source: 'partner-isac',
        sources: ['partner-isac', 'indicators.ndjson'],
        firstSeen: at('2024-02-28T08:00:00Z'),
        lastSeen: at('2024-03-03T08:00:00Z'),
        count: 4,
      })
      const url = await indicator('url', 'http://dl.evil.example/payload.bin')
      assert.equal(url.tlp, 'clear')
      assert.deepEqual(url.tags, ['malware-download', 'stage1'])
      assert.equal(url.validUntil, at('2024-06-01T00:00:00Z'))
      assert.equal(url.source, 'indicators.ndjson')
      assert.equal((await indicator('sha1', 'ffffffffffffffffffffffffffffffffffffffff')).tlp, 'red')
      const host = await indicator('hostname', 'mail.evil.example')
      assert.equal(host.firstSeen, 1709251200000)
      assertBetween(host.lastSeen, before, after, 'last_seen')
      assert.equal((await allIndicators()).length, 4)
      assert.deepEqual(await allSightings(), ['ipv4:198.51.100.23 amber 2024-03-05T12:00:00.000Z x4 indicators.ndjson fw-edge-01'])
    })

    it('reads every line as a sighting with `sightings: true`', async () => {
      const sightingsFile = fixture('sightings.ndjson')
      const report = await run([sightingsFile], { format: 'ndjson', sightings: true })
      assert.deepEqual(counts(report), { imported: 3, duplicates: 0, rejected: 1, skipped: 0, failedFiles: 0 })
      assertErrors(report, sightingsFile, [['4', /^time "not a time" is not an ISO 8601 time or epoch number$/]])
      assert.deepEqual(await allIndicators(), [])
      assert.deepEqual(await allSightings(), [
        'domain:update-check.evil.example amber 2024-03-05T12:00:00.000Z x1 soc dns-resolver-1',
        'ipv4:198.51.100.23 amber 2024-03-05T12:00:00.000Z x2 soc fw-edge-01',
        'ipv4:198.51.100.23 red 2024-03-05T13:00:00.000Z x1 soc fw-edge-02',
      ])
    })
  })

  describe('STIX 2.1 bundle', () => {
    const file = fixture('bundle.json')
    const creator = 'identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'

    it('imports indicators with TLP 2.0 and 1.0 markings and names bad objects by JSON pointer', async () => {
      const report = await run([file], { format: 'stix', tlp: 'clear' })
      assert.deepEqual(counts(report), { imported: 13, duplicates: 0, rejected: 3, skipped: 4, failedFiles: 0 })
      // A conjunction keeps its address; the other comparison is its context.
      assert.deepEqual((await indicator('ipv4', '203.0.113.5')).context, ['network-traffic:dst_port = 443'])
      assertErrors(report, file, [
        ['/objects/7', /^pattern_type sigma is not supported \(only stix\)$/],
        ['/objects/8', /^not an IPv4 address/],
        ['/objects/17', /^sighting references indicator--a1b2c3d4-0000-4000-8000-0000000000ff, which is not an importable object/],
      ])
      assert.ok(report.errors.every((e) => e.line === null))

      // TLP 2.0 AMBER marking; labels and indicator_types are tags; the creator is the source.
      assert.deepEqual(await indicator('ipv4', '198.51.100.23'), {
        type: 'ipv4',
        value: '198.51.100.23',
        tlp: 'amber',
        confidence: 85,
        tags: ['c2', 'malicious-activity'],
        source: creator,
        firstSeen: at('2024-03-01T10:00:00Z'),
        lastSeen: at('2024-03-04T18:30:00Z'),
        count: 1,
        validUntil: at('2024-09-01T00:00:00Z'),
      })
      // TLP 1.0 GREEN marking id; one indicator with OR gives two records.
      for (const [type, value] of [
        ['domain', 'login-portal.evil.example'],
        ['url', 'https://login-portal.evil.example/signin?next=%2F'],
      ] as const) {
        assert.deepEqual(await indicator(type, value), {
          type,
          value,
          tlp: 'green',
          tags: ['malicious-activity'],
          source: 'bundle.json',
          firstSeen: at('2024-03-02T00:00:00Z'),
          lastSeen: at('2024-03-02T00:00:00Z'),
          count: 1,
        })
      }
      // No marking: the import's default.
      assert.equal((await indicator('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856')).tlp, 'clear')
      assert.equal((await indicator('md5', '44d88612fea8a8f36de82e1278abb02f')).tlp, 'clear')
      // TLP 2.0 CLEAR and TLP 1.0 RED on one object: the stricter wins.
      assert.equal((await indicator('email', 'operator@evil.example')).tlp, 'red')
      assert.equal((await allIndicators()).length, 7)
    })

    it('turns sightings (before or after their indicator) and observed-data into sightings', async () => {
      await run([file], { format: 'stix', tlp: 'clear' })
      assert.deepEqual(await allSightings(), [
        // observed-data: its referenced SCOs, with number_observed, last_observed and its own marking.
        `domain:cdn.evil.example green 2024-03-05T21:00:00.000Z x3 ${creator} -`,
        // A sighting after its indicator: its own RED marking, first_seen when last_seen is absent.
        'domain:login-portal.evil.example red 2024-03-06T07:00:00.000Z x2 bundle.json -',
        // A sighting before its indicator in the bundle: the indicator's TLP, where_sighted_refs as where.
        `ipv4:198.51.100.23 amber 2024-03-05T08:45:00.000Z x7 ${creator} ${creator}`,
        `ipv4:203.0.113.77 green 2024-03-05T21:00:00.000Z x3 ${creator} -`,
        `sha1:da39a3ee5e6b4b0d3255bfef95601890afd80708 green 2024-03-05T21:00:00.000Z x3 ${creator} -`,
        'url:https://login-portal.evil.example/signin?next=%2F red 2024-03-06T07:00:00.000Z x2 bundle.json -',
      ])
    })
    it('rejects an object whose object_marking_refs is not a list, and only that object', async () => {
      const bundle = JSON.parse(await readFile(file, 'utf8')) as { objects: Record<string, unknown>[] }
      ;(bundle.objects[9] as Record<string, unknown>).object_marking_refs = { tlp: 'red' }
      const broken = join(dir, 'broken-marking.json')
      await writeFile(broken, JSON.stringify(bundle))
      const report = await run([broken], { format: 'stix', tlp: 'clear' })
      assert.deepEqual(counts(report), { imported: 13, duplicates: 0, rejected: 4, skipped: 3, failedFiles: 0 })
      assert.deepEqual(
        errorsOf(report, broken).map(([where]) => where),
        ['/objects/7', '/objects/8', '/objects/9', '/objects/17'],
      )
      assert.match(report.errors[2]?.reason ?? '', /^object_marking_refs is not a list of marking ids, so its TLP is unknown$/)
    })

    it('keeps the objects before the break of a truncated bundle, and says why it stopped', async () => {
      const text = await readFile(file, 'utf8')
      const truncated = join(dir, 'truncated.json')
      await writeFile(truncated, text.slice(0, text.indexOf('"Phishing landing page"')))
      const report = await run([truncated], { format: 'stix', tlp: 'clear' })
      // Objects 0-2 are whole: the identity (skipped) and indicator A; the sighting before A is lost with the rest.
      assert.deepEqual(counts(report), { imported: 1, duplicates: 0, rejected: 1, skipped: 1, failedFiles: 0 })
      assertErrors(report, truncated, [['-', /^cannot read stix: /]])
      assert.equal((await indicator('ipv4', '198.51.100.23')).tlp, 'amber')
    })
  })

  describe('MISP event JSON', () => {
    const file = fixture('event.json')
    const attribute = (n: string): string => `Attribute 4a1b2c3d-${n}-4e5f-8a9b-0c1d2e3f4a${n.slice(2)}`

    it('applies the event tlp tag that follows the attributes; an attribute tag overrides it', async () => {
      const report = await run([file], { format: 'misp', tlp: 'clear' })
      assert.deepEqual(counts(report), { imported: 6, duplicates: 0, rejected: 2, skipped: 2, failedFiles: 0 })
      assertErrors(report, file, [
        [attribute('0007'), /^not an IPv4 address/],
        [attribute('0008'), /^filename\|md5 value "44d88612fea8a8f36de82e1278abb02f" is not "a\|b"$/],
      ])
      const stamp = 1709571600000
      assert.deepEqual(await indicator('ipv4', '198.51.100.23'), {
        type: 'ipv4',
        value: '198.51.100.23',
        tlp: 'amber',
        tags: [],
        source: 'event.json',
        firstSeen: stamp,
        lastSeen: stamp,
        count: 1,
      })
      assert.deepEqual(await indicator('domain', 'login-portal.evil.example'), {
        type: 'domain',
        value: 'login-portal.evil.example',
        tlp: 'green',
        tags: ['kill-chain:delivery'],
        source: 'event.json',
        firstSeen: at('2024-03-01T10:00:00Z'),
        lastSeen: at('2024-03-04T18:30:00Z'),
        count: 1,
      })
      assert.equal((await indicator('url', 'https://login-portal.evil.example/signin?next=%2F')).tlp, 'red')
      // Composite types keep their observable part.
      assert.equal((await indicator('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856')).tlp, 'amber')
      assert.equal((await indicator('ipv4', '203.0.113.8')).tlp, 'amber')
      // An attribute of a MISP object, with its own tlp:clear.
      assert.equal((await indicator('sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80708')).tlp, 'clear')
      assert.equal((await allIndicators()).length, 6)
      assert.deepEqual(await allSightings(), [])
    })

    it('applies each event tlp tag of a search result to that event only', async () => {
      const search = fixture('misp-search.json')
      const report = await run([search], { tlp: 'green' })
      assert.deepEqual(counts(report), { imported: 5, duplicates: 0, rejected: 1, skipped: 0, failedFiles: 0 })
      assert.equal((await indicator('ipv4', '203.0.113.50')).tlp, 'clear')
      assert.equal((await indicator('domain', 'victim-sso.evil.example')).tlp, 'red')
      assert.equal((await indicator('md5', '0cc175b9c0f1b6a831c399e269772661')).tlp, 'green', 'an untagged event: the default')
      // tlp:ex:chr and tlp:unclear name no level: beside levels they are ignored and the strictest level applies.
      const [chr, unclear] = [await indicator('ipv4', '203.0.113.51'), await indicator('ipv4', '203.0.113.52')]
      assert.deepEqual([chr.tlp, unclear.tlp], ['amber', 'amber'])
      // With no level anywhere, the row is refused rather than given the default.
      assertErrors(report, search, [['Attribute 7a1b2c3d-0006-4e5f-8a9b-0c1d2e3f5b06', /^unknown TLP "tlp:ex:chr"/]])
    })
    it('refuses a truncated event whole: its tlp tag may be in the part that is lost', async () => {
      const text = await readFile(file, 'utf8')
      const truncated = join(dir, 'truncated.json')
      await writeFile(truncated, text.slice(0, text.indexOf('"Object"')))
      const report = await run([truncated], { format: 'misp', tlp: 'clear' })
      assert.deepEqual(counts(report), { imported: 0, duplicates: 0, rejected: 1, skipped: 0, failedFiles: 0 })
      assertErrors(report, truncated, [['-', /^cannot read misp: /]])
    })
  })

  describe('format detection', () => {
    const cases: [string, Format][] = [
      ['indicators.txt', 'txt'],
      ['indicators.csv', 'csv'],
      ['indicators.ndjson', 'ndjson'],
      ['bundle.json', 'stix'],
      ['event.json', 'misp'],
      ['misp-search.json', 'misp'],
    ]
    for (const [name, format] of cases) {
      it(`detects ${name} as ${format} and imports it as the explicit format does`, async () => {
        assert.equal(await detectFormat(fixture(name)), format)
        const auto = await run([fixture(name)], { format: 'auto' })
        const explicitDir = await mkdtemp(join(tmpdir(), 'sightline-import-'))
        const explicitStore = new Store({ location: explicitDir })
        await explicitStore.start()
        try {
          const explicit = await importFiles(explicitStore, [fixture(name)], { format, tlp: 'amber', sightings: false })
          assert.deepEqual(counts(auto), counts(explicit))
          assert.deepEqual(
            auto.errors.map((e) => [e.line, e.pointer, e.reason]),
            explicit.errors.map((e) => [e.line, e.pointer, e.reason]),
          )
        } finally {
          await explicitStore.stop()
          await rm(explicitDir, { recursive: true, force: true })
        }
      })
    }

    it('tells NDJSON in a .json file from a pretty-printed JSON document', async () => {
      const ndjson = join(dir, 'feed.json')
      await writeFile(ndjson, '{"value":"198.51.100.7","tlp":"green"}\n{"value":"198.51.100.8"}\n')
      assert.equal(await detectFormat(ndjson), 'ndjson')
      const pretty = join(dir, 'object.json')
      await writeFile(pretty, '{\n  "type": "campaign",\n  "id": "campaign--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"\n}\n')
      assert.equal(await detectFormat(pretty), 'stix')
      const list = join(dir, 'list')
      await writeFile(list, '# no extension\n198.51.100.9\n')
      assert.equal(await detectFormat(list), 'txt')
    })
  })

  describe('files and re-imports', () => {
    it('reports a file that does not exist and still imports the others', async () => {
      const missing = join(dir, 'no-such-feed.txt')
      const report = await run([missing, fixture('indicators.txt'), dir])
      assert.equal(report.failedFiles, 2)
      assert.equal(report.imported, 6)
      // Files not read are counted as such, not as rejected rows; they are still listed in errors.
      assert.equal(report.rejected, 3)
      const [first, last] = [report.errors[0], report.errors.at(-1)]
      assert.deepEqual([first?.file, first?.line], [missing, null])
      assert.match(first?.reason ?? '', /^cannot read file: no such file$/)
      assert.deepEqual([last?.file, last?.line], [dir, null])
      assert.match(last?.reason ?? '', /^cannot read file: not a regular file$/)
    })

    it('re-importing a file adds no records: all duplicates, counts and times merged', async () => {
      const csv = fixture('indicators.csv')
      const sightings = fixture('sightings.ndjson')
      const start = Date.now()
      await run([csv])
      await run([sightings], { sightings: true })
      const middle = Date.now()
      const firstIndicators = await allIndicators()
      const firstSightings = await allSightings()
      const stats = store.stats()

      const again = await run([csv])
      const end = Date.now()
      assert.deepEqual(counts(again), { imported: 0, duplicates: 6, rejected: 7, skipped: 0, failedFiles: 0 })
      const againSightings = await run([sightings], { sightings: true })
      assert.deepEqual(counts(againSightings), { imported: 0, duplicates: 3, rejected: 1, skipped: 0, failedFiles: 0 })

      const secondIndicators = await allIndicators()
      assert.deepEqual(keysOf(secondIndicators), keysOf(firstIndicators))
      assert.deepEqual(store.stats(), stats)
      for (const [i, record] of secondIndicators.entries()) {
        const before = firstIndicators[i] as IndicatorRecord
        assert.equal(record.count, before.count + 1, `${record.value} count`)
        assert.equal(record.firstSeen, before.firstSeen, `${record.value} first_seen`)
        assert.equal(record.tlp, before.tlp)
        assert.deepEqual(record.tags, before.tags)
      }
      // Rows with times keep them; rows without take the time of each import: the later one is last_seen.
      const ip = secondIndicators.find((r) => r.value === '198.51.100.23')
      assert.deepEqual([ip?.firstSeen, ip?.lastSeen], [at('2024-03-01T10:00:00Z'), at('2024-03-04T18:30:00Z')])
      const domain = secondIndicators.find((r) => r.value === 'update-check.evil.example')
      assertBetween(domain?.firstSeen, start, middle, 'first_seen of the first import')
      assertBetween(domain?.lastSeen, middle, end, 'last_seen of the second import')
      // A repeated sighting is the same event: nothing added, its count not doubled.
      assert.deepEqual(await allSightings(), firstSightings)
    })

    it('rejects importFiles when the store cannot write, instead of an unhandled rejection', async () => {
      const big = join(dir, 'big.txt')
      const lines: string[] = []
      for (let i = 0; i < 60_000; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)
      await writeFile(big, `${lines.join('\n')}\n`)
      let calls = 0
      const failing = {
        ingest: async () => {
          if (++calls === 2) throw new Error('disk full')
          return { inserted: 0, merged: 0 }
        },
      }
      // Mocha swallows unhandled rejections of test code; Node would end the process on one.
      const unhandled: unknown[] = []
      const listener = (reason: unknown): void => {
        unhandled.push(reason)
      }
      process.on('unhandledRejection', listener)
      try {
        await assert.rejects(
          importFiles(failing as unknown as Store, [big], { format: 'txt', tlp: 'amber', sightings: false, batchSize: 20_000 }),
          /disk full/,
        )
      } finally {
        process.off('unhandledRejection', listener)
      }
      assert.deepEqual(unhandled, [])
    })
  })

  describe('the OASIS example bundles', () => {
    const examples: { file: string; expect: Partial<ReturnType<typeof counts>>; indicators?: string[]; errors?: [string, RegExp][] }[] = [
      {
        file: 'indicator-for-c2-ip-address.json',
        expect: { imported: 1, duplicates: 0, rejected: 0, skipped: 0 },
        indicators: ['ipv4:10.0.0.0'],
      },
      {
        file: 'indicator-to-campaign-relationship.json',
        expect: { imported: 1, duplicates: 0, rejected: 0, skipped: 2 },
        indicators: ['ipv4:10.0.0.0'],
      },
      {
        file: 'indicators-for-C2-with-COA.json',
        expect: { imported: 2, duplicates: 0, rejected: 0, skipped: 6 },
        indicators: ['ipv4:10.0.0.0', 'sha256:ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c'],
      },
      { file: 'infrastructure.json', expect: { imported: 0, duplicates: 0, rejected: 0, skipped: 10 }, indicators: [] },
      {
        file: 'interop-objectmarking-test.json',
        expect: { imported: 0, duplicates: 0, rejected: 1, skipped: 0 },
        indicators: [],
        errors: [['/objects', /^not a STIX bundle with objects$/]],
      },
      {
        file: 'malicious-email-indicator-with-attachment.json',
        expect: { imported: 0, duplicates: 0, rejected: 2, skipped: 4 },
        indicators: [],
        errors: [
          ['/objects/2', /object path email-message:subject is not an exact-match observable/],
          ['/objects/3', /object path email-message:body_multipart\[\*\]\.body_raw_ref\.name is not an exact-match observable/],
        ],
      },
      {
        file: 'threat-reports/apt1.json',
        expect: { imported: 10, duplicates: 0, rejected: 2, skipped: 64 },
        indicators: [
          'domain:arrowservice.net',
          'domain:hugesoft.org',
          'domain:msnhome.org',
          'ipv4-cidr:112.64.0.0/15',
          'ipv4-cidr:139.226.0.0/15',
          'ipv4-cidr:223.166.0.0/15',
          'ipv4-cidr:58.246.0.0/15',
          'md5:001dd76872d80801692ff942308c64e6',
          'md5:002325a0a67fded0381b5648d7fe9b8e',
          'md5:00dbb9e1c09dbdafb360f3163ba5a3de',
        ],
        errors: [
          ['/objects/20', /no comparison carries a value Sightline holds \(object path x509-certificate:issuer/],
          ['/objects/21', /no comparison carries a value Sightline holds/],
        ],
      },
      {
        file: 'threat-reports/poisonivy.json',
        expect: { imported: 42, duplicates: 22, rejected: 3, skipped: 130 },
        errors: [
          ['/objects/42', /"domain autuo\.xicp\.net" is not a valid domain name/],
          ['/objects/43', /object path file:name is not an exact-match observable/],
          ['/objects/57', /object path file:name is not an exact-match observable/],
        ],
      },
    ]

    for (const example of examples) {
      it(`imports ${example.file} without crashing`, async () => {
        const file = join(STIX_EXAMPLES, example.file)
        const report = await run([file], { tlp: 'green' })
        assert.deepEqual(counts(report), { ...example.expect, failedFiles: 0 })
        if (example.errors !== undefined) assertErrors(report, file, example.errors)
        const held = await allIndicators()
        if (example.indicators !== undefined) assert.deepEqual(keysOf(held), example.indicators)
        assert.equal(held.length, report.imported)
        for (const record of held) assert.equal(record.tlp, 'green', 'no TLP markings in the examples: the default')
      })
    }

    it('keeps what indicator-for-c2-ip-address.json says about its indicator', async () => {
      await run([join(STIX_EXAMPLES, 'indicator-for-c2-ip-address.json')], { tlp: 'amber' })
      assert.deepEqual(await indicator('ipv4', '10.0.0.0'), {
        type: 'ipv4',
        value: '10.0.0.0',
        tlp: 'amber',
        tags: ['malicious-activity'],
        source: 'indicator-for-c2-ip-address.json',
        firstSeen: at('2014-05-08T09:00:00Z'),
        lastSeen: at('2014-05-08T09:00:00Z'),
        count: 1,
      })
    })
  })
})
