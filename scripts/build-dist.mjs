#!/usr/bin/env node
// Compiles src/ to dist/ (one JavaScript file per TypeScript file, same layout, so paths relative
// to a file such as '../../proto/net.proto' still resolve), so `bin/sightline.js` starts without
// compiling TypeScript at run time. Types are not checked here: `npm run typecheck` does that.
// Runs as the `prepare` script (npm ci) and as `npm run build`. Writes dist/.build.json last: the
// size and mtime of every input (src/ and package.json), which bin/dist.js compares to decide dist/ is up to date.
import { cpSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { buildInputs, sourceFiles } from '../bin/dist.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const out = join(root, 'dist')
// Built beside dist/ and renamed into place, so a CLI starting meanwhile never sees half a build.
const staging = join(root, `.dist-${process.pid}`)

/** Relative imports name `.ts` files (allowImportingTsExtensions); the compiled files are `.js`. */
const rewriteTsImports = {
  name: 'rewrite-ts-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      // JSON (package.json for the version) is inlined: esbuild drops the import attribute of an external one.
      if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined
      const relativeTs = args.path.startsWith('.') && args.path.endsWith('.ts')
      return { path: relativeTs ? `${args.path.slice(0, -3)}.js` : args.path, external: true }
    })
  },
}

const files = sourceFiles(src)
rmSync(staging, { recursive: true, force: true })
const started = performance.now()
await build({
  entryPoints: files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(src, f)),
  outdir: staging,
  outbase: src,
  bundle: true, // with every import external: only so that the plugin sees (and rewrites) each specifier
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [rewriteTsImports],
})
// Plain JavaScript sources (the worker entry) are used as they are.
for (const f of files.filter((name) => name.endsWith('.mjs') || name.endsWith('.js'))) {
  mkdirSync(dirname(join(staging, f)), { recursive: true })
  cpSync(join(src, f), join(staging, f))
}
const stamp = Object.fromEntries(
  buildInputs().map((f) => {
    const s = statSync(join(root, f))
    return [f, [s.size, s.mtimeMs]]
  }),
)
writeFileSync(join(staging, '.build.json'), `${JSON.stringify({ files: stamp })}\n`)
rmSync(out, { recursive: true, force: true })
renameSync(staging, out)
process.stderr.write(
  `sightline: compiled ${files.length} files of ${relative(root, src)}/ to ${relative(root, out)}/ in ${Math.round(performance.now() - started)} ms\n`,
)
