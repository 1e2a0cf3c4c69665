import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { normalize } from '../../src/indicators/normalize.ts'
import { Warninglists } from '../../src/indicators/warninglist.ts'

/** The list that holds a value, after normalizing it as an import would. */
function listOf(lists: Warninglists, value: string, type?: string): string | undefined {
  return lists.match(normalize(value, type))
}

describe('Warninglists', () => {
  describe('built-in lists', () => {
    const lists = Warninglists.load()

    it('holds public resolvers, IPv4 and IPv6', () => {
      assert.equal(listOf(lists, '8.8.8.8'), 'public-resolvers')
      assert.equal(listOf(lists, '1[.]1[.]1[.]1'), 'public-resolvers')
      assert.equal(listOf(lists, '2606:4700:4700:0:0:0:0:1111'), 'public-resolvers')
    })

    it('holds RFC 1918 space by range containment', () => {
      for (const ip of ['10.0.0.0', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.10']) {
        assert.equal(listOf(lists, ip), 'special-use-ranges', ip)
      }
      for (const ip of ['11.0.0.1', '172.15.255.255', '172.32.0.1', '192.169.0.1']) {
        assert.equal(listOf(lists, ip), undefined, ip)
      }
    })

    it('holds an IPv4-mapped private address as the IPv4 address it is', () => {
      assert.equal(listOf(lists, '::ffff:192.168.0.1'), 'special-use-ranges')
    })

    it('holds fc00::/7 unique local addresses', () => {
      assert.equal(listOf(lists, 'fc00::1'), 'special-use-ranges')
      assert.equal(listOf(lists, 'FD12:3456:789A::1'), 'special-use-ranges')
      assert.equal(listOf(lists, 'fbff:ffff::1'), undefined)
      assert.equal(listOf(lists, 'fe00::1'), undefined)
    })

    it('does not match an IPv6 address against IPv4 ranges', () => {
      assert.equal(listOf(lists, '::a00:1'), undefined)
    })

    it('holds hashes of empty input', () => {
      assert.equal(listOf(lists, 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'), 'empty-input-hashes')
      assert.equal(listOf(lists, 'd41d8cd98f00b204e9800998ecf8427e', 'md5'), 'empty-input-hashes')
    })

    it('holds top domains, also when typed as hostname', () => {
      assert.equal(listOf(lists, 'GOOGLE.COM.'), 'top-domains')
      assert.equal(listOf(lists, 'www.google.com', 'hostname'), 'top-domains')
    })

    it('does not hold values that are not listed', () => {
      assert.equal(listOf(lists, 'evil.example'), undefined)
      assert.equal(listOf(lists, 'mail.google.com'), undefined, 'top domains match exactly, not their subdomains')
      assert.equal(listOf(lists, '203.0.114.1'), undefined)
      assert.equal(listOf(lists, 'http://google.com/'), undefined)
      assert.equal(listOf(lists, '0123456789abcdef0123456789abcdef'), undefined)
    })

    it('can be left out', () => {
      assert.equal(listOf(Warninglists.load([], false), '8.8.8.8'), undefined)
    })
  })

  describe('user lists', () => {
    let dir: string

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sightline-warninglist-'))
    })

    after(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('loads values and ranges from a file named for the list, with comments and blank lines', () => {
      const file = join(dir, 'partners.txt')
      writeFileSync(file, '# our partners\r\n\r\nPartner[.]Example\r\n  198.51.100.0/24  \r\n2001:db8:1::/48\r\n# end\r\n')
      const lists = Warninglists.load([file], false)
      assert.equal(listOf(lists, 'partner.example'), 'partners')
      assert.equal(listOf(lists, '198.51.100.200'), 'partners')
      assert.equal(listOf(lists, '2001:db8:1:ffff::1'), 'partners')
      assert.equal(listOf(lists, '198.51.101.1'), undefined)
      assert.equal(listOf(lists, '8.8.8.8'), undefined)
    })

    it('adds to the built-in lists', () => {
      const file = join(dir, 'ours.list')
      writeFileSync(file, 'intranet.example\n')
      const lists = Warninglists.load([file])
      assert.equal(listOf(lists, 'intranet.example'), 'ours')
      assert.equal(listOf(lists, '8.8.4.4'), 'public-resolvers')
    })

    it('reports a bad line naming file:line, skips it and keeps the rest of the list', () => {
      const file = join(dir, 'broken.txt')
      writeFileSync(file, '# header\ngood.example\nnot a value\n')
      const lists = Warninglists.load([file], false)
      assert.equal(listOf(lists, 'good.example'), 'broken')
      assert.equal(lists.problems.length, 1)
      assert.equal(lists.problems[0]?.where, `${file}:3`)
      assert.match(lists.problems[0]?.reason ?? '', /"not a value": .*whitespace.*entry skipped/)
    })
  })
})
