// Worker entry for DhPool. Plain JS so it starts the same under tsx, mocha or the CLI; it
// registers tsx itself (a no-op when the parent already did) and runs the TypeScript worker body.
import { register } from 'tsx/esm/api'

register()
await import('./dh-pool-worker-body.ts')
