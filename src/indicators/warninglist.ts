import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import ipaddr from 'ipaddr.js'
import { InvalidIndicatorError } from './errors.ts'
import { normalize } from './normalize.ts'
import type { Observable } from './types.ts'

/**
 * Known-benign values (public resolvers, very popular domains, special-use address space,
 * hashes of empty input). Indicators on a warninglist are kept but not alerted on by default.
 */
const BUILT_IN: Record<string, string[]> = {
  'public-resolvers': [
    '8.8.8.8',
    '8.8.4.4',
    '1.1.1.1',
    '1.0.0.1',
    '9.9.9.9',
    '149.112.112.112',
    '208.67.222.222',
    '208.67.220.220',
    '94.140.14.14',
    '94.140.15.15',
    '2001:4860:4860::8888',
    '2001:4860:4860::8844',
    '2606:4700:4700::1111',
    '2606:4700:4700::1001',
    '2620:fe::fe',
    '2620:fe::9',
  ],
  'top-domains': [
    'google.com',
    'www.google.com',
    'youtube.com',
    'facebook.com',
    'microsoft.com',
    'www.microsoft.com',
    'windowsupdate.com',
    'apple.com',
    'amazon.com',
    'amazonaws.com',
    'cloudflare.com',
    'github.com',
    'wikipedia.org',
    'linkedin.com',
    'office.com',
    'live.com',
    'bing.com',
    'akamaiedge.net',
    'example.com',
    'example.org',
    'example.net',
  ],
  'special-use-ranges': [
    '0.0.0.0/8',
    '10.0.0.0/8',
    '100.64.0.0/10',
    '127.0.0.0/8',
    '169.254.0.0/16',
    '172.16.0.0/12',
    '192.0.2.0/24',
    '192.168.0.0/16',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '224.0.0.0/4',
    '240.0.0.0/4',
    '::1/128',
    'fc00::/7',
    'fe80::/10',
    'ff00::/8',
    '2001:db8::/32',
  ],
  'empty-input-hashes': [
    'd41d8cd98f00b204e9800998ecf8427e',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
  ],
}

interface Range {
  list: string
  kind: 'ipv4' | 'ipv6'
  network: ipaddr.IPv4 | ipaddr.IPv6
  prefix: number
}

export class Warninglists {
  readonly #exact = new Map<string, string>()
  readonly #ranges: Range[] = []

  /** Built-in lists plus user lists (files with one value per line, `#` comments). */
  static load(userFiles: readonly string[] = [], includeBuiltIn = true): Warninglists {
    const lists = new Warninglists()
    if (includeBuiltIn) for (const [name, values] of Object.entries(BUILT_IN)) lists.add(name, values)
    for (const file of userFiles) {
      const values = readFileSync(file, 'utf8').split(/\r?\n/)
      lists.add(basename(file).replace(/\.[^.]*$/, ''), values, file)
    }
    return lists
  }

  add(name: string, values: readonly string[], file?: string): void {
    values.forEach((line, index) => {
      const value = line.trim()
      if (value === '' || value.startsWith('#')) return
      let item: Observable
      try {
        item = normalize(value)
      } catch (err) {
        const where = file === undefined ? name : `${file}:${index + 1}`
        throw new InvalidIndicatorError(`warninglist ${where}: ${(err as Error).message}`)
      }
      if (item.type === 'ipv4-cidr' || item.type === 'ipv6-cidr') {
        const [network, prefix] = ipaddr.parseCIDR(item.value)
        this.#ranges.push({ list: name, kind: network.kind(), network, prefix })
      } else {
        this.#exact.set(`${item.type === 'hostname' ? 'domain' : item.type}:${item.value}`, name)
      }
    })
  }

  /** The name of the first list that holds this indicator, or undefined. */
  match(item: Observable): string | undefined {
    const type = item.type === 'hostname' ? 'domain' : item.type
    const exact = this.#exact.get(`${type}:${item.value}`)
    if (exact !== undefined || (type !== 'ipv4' && type !== 'ipv6')) return exact
    const addr = ipaddr.parse(item.value)
    for (const range of this.#ranges) {
      if (range.kind === addr.kind() && addr.match(range.network, range.prefix)) return range.list
    }
    return undefined
  }
}
