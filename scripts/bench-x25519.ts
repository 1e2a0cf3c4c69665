// Cost of the DH-PSI primitives (DESIGN section 5), in microseconds per operation on this machine.
// Run: node --import=tsx scripts/bench-x25519.ts [--json]
import { _map_to_curve_elligator2_curve25519, ed25519, ed25519_hasher } from '@noble/curves/ed25519.js'
import { toHex, utf8 } from '../src/crypto/bytes.ts'
import { dhPsiDst } from '../src/crypto/dh-suite.ts'
import { tagContext, tagOf, tagsOf } from '../src/crypto/dh-tags.ts'
import { hashToU, hashToUBatch } from '../src/crypto/hash-to-u.ts'
import { backendByName, type X25519BackendName } from '../src/crypto/x25519-backend.ts'

const json = process.argv.includes('--json')
const OPS: Record<X25519BackendName, number> = { sodium: 10_000, node: 10_000, noble: 1_000, modeled: 10_000 }
const MAP_OPS = 10_000
const ELLIGATOR_OPS = 1_000

const elements = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => utf8(`domain-name:host-${i}.example.org`))
const dst = dhPsiDst('bench', 0)
const scalar = utf8('bench scalar, 32 bytes long.....')

/** Microseconds per op of `run` over `ops` items, after a warm-up on a tenth of them. */
function time(ops: number, run: (n: number) => void): number {
  run(Math.max(1, Math.floor(ops / 10)))
  const start = process.hrtime.bigint()
  run(ops)
  return Number(process.hrtime.bigint() - start) / 1000 / ops
}

const round = (us: number): number => Math.round(us * 100) / 100
const results: Record<string, number> = {}

for (const name of Object.keys(OPS) as X25519BackendName[]) {
  const points = hashToUBatch(elements(OPS[name]), dst)
  const backend = backendByName(name)
  results[`raise_${name}_us`] = round(time(OPS[name], (n) => backend.raise(scalar, points.subarray(0, n * 32))))
}

const mapInputs = elements(MAP_OPS)
results.hashToU_us = round(
  time(MAP_OPS, (n) => {
    for (let i = 0; i < n; i++) hashToU(mapInputs[i] as Uint8Array, dst)
  }),
)

const raised = hashToUBatch(mapInputs, dst)
const context = tagContext('12D3KooWBenchA', '12D3KooWBenchB', 1, 0)
results.tagOf_us = round(
  time(MAP_OPS, (n) => {
    for (let i = 0; i < n; i++) tagOf(raised.subarray(i * 32, i * 32 + 32), context)
  }),
)
results.tagsOf_batch_us = round(time(MAP_OPS, (n) => tagsOf(raised.subarray(0, n * 32), context)))

// curve25519_XMD:SHA-512_ELL2_NU_ without cofactor clearing (X25519 clamping clears it): the same
// hash_to_field, then RFC 9380 section 6.7.1 Elligator 2 and one field division for the affine u.
const Fp = ed25519.Point.Fp
results.elligator2_curve25519_us = round(
  time(ELLIGATOR_OPS, (n) => {
    for (let i = 0; i < n; i++) {
      const u = BigInt(`0x${toHex(hashToU(mapInputs[i] as Uint8Array, dst).reverse())}`)
      const { xMn, xMd } = _map_to_curve_elligator2_curve25519(u)
      Fp.div(xMn, xMd)
    }
  }),
)
// The full suite noble exports: edwards25519_XMD:SHA-512_ELL2_NU_ encode_to_curve (RFC 9380 section 3).
results.ed25519_encodeToCurve_us = round(
  time(ELLIGATOR_OPS, (n) => {
    for (let i = 0; i < n; i++) ed25519_hasher.encodeToCurve(mapInputs[i] as Uint8Array, { DST: dst })
  }),
)
results.elligator2_over_hashToU = round(results.elligator2_curve25519_us / results.hashToU_us)

if (json) {
  console.log(JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, ...results }, null, 2))
} else {
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(28)} ${value}`)
}
