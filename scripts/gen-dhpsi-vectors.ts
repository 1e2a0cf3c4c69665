// Writes test/vectors/dhpsi-x25519-v1.json: deterministic vectors of the DH-PSI suite (DESIGN
// section 5), computed with the pure-JS reference backend. Run: node --import=tsx scripts/gen-dhpsi-vectors.ts
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { concat, toHex, utf8 } from '../src/crypto/bytes.ts'
import { DH_SUITE, dhPsiDst } from '../src/crypto/dh-suite.ts'
import { tagContext, tagOf } from '../src/crypto/dh-tags.ts'
import { hashToU } from '../src/crypto/hash-to-u.ts'
import { nobleX25519 } from '../src/crypto/x25519-noble.ts'

const COMMUNITY = 'vectors'
const PEER_A = '12D3KooWVectorsPeerA'
const PEER_B = '12D3KooWVectorsPeerB'
const EPOCH = 2900
const MODES = [0, 1]

/** Fixed scalars from a public seed: SHA-256(suite || ':vectors:scalar-' || name). */
function scalar(name: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${DH_SUITE}:vectors:scalar-${name}`).digest())
}

const ELEMENTS: Uint8Array[] = [
  new Uint8Array(0),
  new Uint8Array([0]),
  utf8('a'),
  utf8('ipv4-addr:192.0.2.1'),
  utf8('ipv4-addr:198.51.100.77'),
  utf8('ipv6-addr:2001:db8::1'),
  utf8('domain-name:example.com'),
  utf8('domain-name:xn--bcher-kva.example'),
  utf8('url:https://example.com/path?q=1#frag'),
  utf8('file:sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
  utf8('email-addr:phish@example.org'),
  utf8('domain-name:bücher.example'),
  new Uint8Array(32).fill(0xff),
  utf8(`url:https://example.com/${'a'.repeat(200)}`),
  new Uint8Array(1000).map((_, i) => i % 251),
  utf8(`x:${'long '.repeat(600)}`),
]

const a = scalar('a')
const b = scalar('b')
const cases = MODES.map((mode) => {
  const dst = dhPsiDst(COMMUNITY, mode)
  const context = tagContext(PEER_A, PEER_B, EPOCH, mode)
  return {
    mode,
    dst: toHex(dst),
    tagContext: toHex(context),
    elements: ELEMENTS.map((element) => {
      const u = hashToU(element, dst)
      const raisedA = nobleX25519.raise(a, u)
      const raisedAB = nobleX25519.raise(b, raisedA)
      return {
        element: toHex(element),
        u: toHex(u),
        raisedA: toHex(raisedA),
        raisedAB: toHex(raisedAB),
        tag: toHex(tagOf(raisedAB, context)),
      }
    }),
  }
})

const file = {
  suite: DH_SUITE,
  description: 'element -> u = hashToU(element, dst) -> raisedA = X25519(scalarA, u) -> raisedAB = X25519(scalarB, raisedA) -> tag',
  generator: 'scripts/gen-dhpsi-vectors.ts',
  community: COMMUNITY,
  peerA: PEER_A,
  peerB: PEER_B,
  epoch: EPOCH,
  scalarA: toHex(a),
  scalarB: toHex(b),
  cases,
}
const out = new URL('../test/vectors/dhpsi-x25519-v1.json', import.meta.url)
writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`)
console.log(`wrote ${out.pathname}: ${MODES.length} modes x ${ELEMENTS.length} elements (${concat(...ELEMENTS).length} element bytes)`)
