// Worker entry for DhPool. Plain JS so it starts the same under tsx, mocha or the CLI. Beside the
// compiled body (dist/, see scripts/build-dist.mjs) it loads that; in src/ it registers tsx itself
// (a no-op when the parent already did) and runs the TypeScript worker body.
import { existsSync } from 'node:fs'

const compiled = new URL('./dh-pool-worker-body.js', import.meta.url)
if (existsSync(compiled)) {
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('./dh-pool-worker-body.ts')
}
