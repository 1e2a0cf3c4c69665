#!/usr/bin/env node
// Compiles the CLI to dist/cli/: src/cli/main.ts and the PSI worker body bundled with their
// dependencies (native addons and tsx stay outside), split so that what a command loads on use
// (the node, the simulator) stays in chunks of its own. One file per chunk instead of some 1,200
// modules to find and read is what makes `sightline start` reach listening in half the CPU time
// of per-file JavaScript, and a quarter of tsx. The bundle sits two folders below the package
// root like every src/ file, so paths relative to a file ('../../proto/net.proto') still resolve.
// Types are not checked here: `npm run typecheck` does that. Runs as the `prepare` script (npm ci)
// and as `npm run build`; writes dist/.build.json last (see bin/dist.js).
import { cpSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildInputs } from '../bin/dist.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'dist')
// Built beside dist/ and renamed into place, so a CLI starting meanwhile never sees half a build.
const staging = join(root, `.dist-${process.pid}`)

const inputs = buildInputs()
rmSync(staging, { recursive: true, force: true })
const started = performance.now()
const result = await build({
  entryPoints: {
    main: join(root, 'src/cli/main.ts'),
    'dh-pool-worker-body': join(root, 'src/crypto/dh-pool-worker-body.ts'),
  },
  outdir: join(staging, 'cli'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons find their binaries next to their own files; tsx only runs the simulator's child processes.
  external: ['sodium-native', 'classic-level', 'tsx', 'tsx/*'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __sightlineRequire } from 'node:module'; const require = __sightlineRequire(import.meta.url);" },
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
})
// The worker entry is plain JavaScript that loads the compiled body beside it (see the file).
mkdirSync(join(staging, 'cli'), { recursive: true })
cpSync(join(root, 'src/crypto/dh-pool-worker.mjs'), join(staging, 'cli/dh-pool-worker.mjs'))
const stamp = Object.fromEntries(
  inputs.map((f) => {
    const s = statSync(join(root, f))
    return [f, [s.size, s.mtimeMs]]
  }),
)
writeFileSync(join(staging, '.build.json'), `${JSON.stringify({ files: stamp })}\n`)
rmSync(out, { recursive: true, force: true })
renameSync(staging, out)
const modules = Object.keys(result.metafile.inputs).length
process.stderr.write(`sightline: bundled ${modules} modules into dist/cli/ in ${Math.round(performance.now() - started)} ms\n`)
