/**
 * PSI benchmark, all figures from one run on this machine:
 * - microseconds per element of blind, evaluate (the server's BlindEvaluate) and finalize on the
 *   noble reference backend and on the fast (libsodium WASM) backend, single-threaded;
 * - one native X25519 multiplication (node:crypto, OpenSSL) as the floor;
 * - full in-process two-party mutual PSI (both publish digests, each acts as server once) for
 *   10k x 10k and 100k x 100k items with 1% overlap, fast backend on a worker pool.
 *
 *   npm run bench:psi -- [--json] [--sizes 10000,100000]
 */
import { diffieHellman, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { nobleBackend } from '../src/crypto/noble-backend.ts'
import { Oprf } from '../src/crypto/oprf.ts'
import { OprfPool } from '../src/crypto/pool.ts'
import { sodiumBackend } from '../src/crypto/sodium-backend.ts'
import { psiElement } from '../src/indicators/element.ts'
import { DEFAULT_PSI_OPTIONS } from '../src/psi/options.ts'
import { mutualPsi, PsiParty } from '../src/psi/party.ts'

const { values: args } = parseArgs({
  options: { json: { type: 'boolean', default: false }, sizes: { type: 'string', default: '10000,100000' } },
})
const sizes = args.sizes.split(',').map(Number)
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`)
}

function perElementUs(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(20, n); i++) fn(i)
  const started = performance.now()
  for (let i = 0; i < n; i++) fn(i)
  return ((performance.now() - started) * 1000) / n
}

function stepCosts(oprf: Oprf, n: number): { blind_us: number; evaluate_us: number; finalize_us: number } {
  const key = oprf.deriveKeyPair(randomBytes(32), new Uint8Array(0))
  const inputs = Array.from({ length: n }, (_, i) => psiElement({ type: 'ipv4', value: `203.0.${(i >> 8) & 255}.${i & 255}` }))
  const blinds = inputs.map((input) => oprf.blind(input))
  const evaluated = blinds.map((b) => oprf.blindEvaluate(key.secretKey, b.blinded))
  const round = (x: number) => Math.round(x * 10) / 10
  return {
    blind_us: round(perElementUs(n, (i) => oprf.blind(inputs[i] as Uint8Array))),
    evaluate_us: round(perElementUs(n, (i) => oprf.blindEvaluate(key.secretKey, (blinds[i] as { blinded: Uint8Array }).blinded))),
    finalize_us: round(
      perElementUs(n, (i) =>
        oprf.finalize(inputs[i] as Uint8Array, (blinds[i] as { blind: Uint8Array }).blind, evaluated[i] as Uint8Array),
      ),
    ),
  }
}

function floorX25519Us(n: number): number {
  // KeyObjects made in advance: the floor is the multiplication, not key parsing.
  const { privateKey } = generateKeyPairSync('x25519')
  const publicKeys = Array.from({ length: 64 }, () => generateKeyPairSync('x25519').publicKey)
  return Math.round(perElementUs(n, (i) => diffieHellman({ privateKey, publicKey: publicKeys[i % 64] as KeyObject })) * 10) / 10
}

function items(prefix: string, n: number, shared: number): Uint8Array[] {
  const own = n - shared
  return Array.from({ length: n }, (_, i) =>
    psiElement(i < own ? { type: 'domain', value: `${prefix}${i}.example` } : { type: 'domain', value: `shared${i - own}.example` }),
  )
}

async function mutual(
  n: number,
  pool: OprfPool,
  oprf: Oprf,
): Promise<{ ms: number; matches: number; bytesPerElement: number; cpuMs: number }> {
  const shared = Math.round(n / 100)
  const aItems = items('a', n, shared)
  const bItems = items('b', n, shared)
  const a = new PsiParty('a', randomBytes(32), DEFAULT_PSI_OPTIONS, { engine: pool, oprf })
  const b = new PsiParty('b', randomBytes(32), DEFAULT_PSI_OPTIONS, { engine: pool, oprf })
  const cpu = process.cpuUsage()
  const started = performance.now()
  const result = await mutualPsi({ party: a, items: aItems }, { party: b, items: bItems }, 1)
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  if (result.aMatched.length !== shared || result.bMatched.length !== shared) {
    throw new Error(`expected ${shared} matches on each side, found ${result.aMatched.length} and ${result.bMatched.length}`)
  }
  return { ms, matches: result.aMatched.length, bytesPerElement: result.bytes / (2 * n), cpuMs: (used.user + used.system) / 1000 }
}

say('measuring per-element step costs (noble, then libsodium)...')
const noble = stepCosts(new Oprf(nobleBackend), 300)
const fastOprf = new Oprf(sodiumBackend)
const fast = stepCosts(fastOprf, 3000)
const floor = floorX25519Us(5000)
const pool = new OprfPool({ backend: 'sodium' })
const runs: Record<number, Awaited<ReturnType<typeof mutual>>> = {}
try {
  for (const n of sizes) {
    say(`mutual PSI ${n.toLocaleString('en')} x ${n.toLocaleString('en')} on ${pool.size} workers...`)
    runs[n] = await mutual(n, pool, fastOprf)
  }
} finally {
  await pool.close()
}
const total = (c: typeof noble) => c.blind_us + c.evaluate_us + c.finalize_us
const largest = runs[Math.max(...sizes)]
const result = {
  noble,
  fast,
  floor_x25519_us: floor,
  fast_over_noble: Math.round((total(noble) / total(fast)) * 100) / 100,
  // Both sides' CPU time in the largest mutual run (main thread and workers), per element of one side, over the floor.
  per_element_over_floor: largest === undefined ? null : Math.round(((largest.cpuMs * 1000) / Math.max(...sizes) / floor) * 10) / 10,
  mutual_10k_ms: runs[10_000] === undefined ? null : Math.round(runs[10_000].ms),
  mutual_100k_ms: runs[100_000] === undefined ? null : Math.round(runs[100_000].ms),
  bytes_per_element: largest === undefined ? null : Math.round(largest.bytesPerElement * 100) / 100,
  matches: Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, r.matches])),
  cpu_ms: Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, Math.round(r.cpuMs)])),
  workers: pool.size,
  cores: availableParallelism(),
  targets: { fast_over_noble_min: 6, mutual_100k_ms_max: 30_000, per_element_over_floor_max: 6 },
}
if (args.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
