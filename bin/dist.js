// Whether dist/ (bundled by scripts/build-dist.mjs) matches src/ as it is now. Plain JavaScript
// with no dependencies: it runs before any TypeScript loader.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The source files under `dir` (TypeScript and the plain JavaScript worker entry), relative to it, sorted. */
export function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => /\.(ts|mjs|js)$/.test(f))
    .sort()
}

/**
 * Everything the build reads, relative to the package root: src/, the generated codecs in
 * proto/gen/, package.json (inlined for the version) and package-lock.json (the dependencies
 * bundled with it; `npm ci` rebuilds anyway).
 */
export function buildInputs() {
  const lock = existsSync(join(root, 'package-lock.json')) ? ['package-lock.json'] : []
  const gen = existsSync(join(root, 'proto', 'gen')) ? sourceFiles(join(root, 'proto', 'gen')).map((f) => join('proto', 'gen', f)) : []
  return ['package.json', ...lock, ...gen, ...sourceFiles(join(root, 'src')).map((f) => join('src', f))]
}

/**
 * The URL of dist/cli/main.js when dist/ was built from exactly the inputs there are now (same
 * names, sizes and modification times), otherwise undefined: then the caller runs src/ through
 * tsx. An edited, added or removed source file makes dist/ stale until `npm run build`.
 */
export function freshDistMain() {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(join(root, 'dist', '.build.json'), 'utf8')).files
  } catch {
    return undefined
  }
  const inputs = buildInputs()
  if (inputs.length !== Object.keys(stamp).length) return undefined
  for (const f of inputs) {
    const built = stamp[f]
    if (built === undefined) return undefined
    const s = statSync(join(root, f))
    if (s.size !== built[0] || s.mtimeMs !== built[1]) return undefined
  }
  return new URL('../dist/cli/main.js', import.meta.url).href
}
