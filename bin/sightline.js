#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx sightline` works right after `npm ci`.
// `--version` needs no TypeScript at all; everything else loads only what its command uses.
import { readFileSync } from 'node:fs'

const [first, ...rest] = process.argv.slice(2)
if ((first === '--version' || first === '-V') && rest.length === 0) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${version}\n`)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  const { main } = await import('../src/cli/main.ts')
  process.exitCode = await main(process.argv)
}
