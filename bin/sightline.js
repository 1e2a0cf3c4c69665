#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ when it is up to date with src/ (built by `npm ci` through
// the `prepare` script, or `npm run build`), otherwise the TypeScript sources through tsx, so
// `npx sightline` works right after `npm ci` either way. `SIGHTLINE_RUNTIME=tsx` forces the sources.
// `--version` needs neither; everything else loads only what its command uses.
import { readFileSync } from 'node:fs'
import { freshDistMain } from './dist.js'

const [first, ...rest] = process.argv.slice(2)
if ((first === '--version' || first === '-V') && rest.length === 0) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${version}\n`)
} else {
  const compiled = process.env.SIGHTLINE_RUNTIME === 'tsx' ? undefined : freshDistMain()
  if (compiled === undefined) {
    const { register } = await import('tsx/esm/api')
    register()
  }
  const { main } = await import(compiled ?? '../src/cli/main.ts')
  process.exitCode = await main(process.argv)
}
