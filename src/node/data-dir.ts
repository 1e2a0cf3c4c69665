import { access, chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../errors.ts'
import { Store } from '../store/store.ts'
import { assertPrivate } from './file-modes.ts'
import { createApiToken, createIdentity, type Identity, loadIdentity } from './identity.ts'
import { DATA_FILES, type NodeConfig } from './options.ts'

export class DataDirError extends UserError {
  override name = 'DataDirError'
}

export interface InitResult {
  created: boolean
  dataDir: string
  peerId: string
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/**
 * Creates the data directory: identity key and API token (mode 0600), config file and an empty
 * database. An initialized directory is left exactly as it is; a non-empty directory that is
 * not a Sightline data directory is refused.
 */
export async function initDataDir(config: NodeConfig): Promise<InitResult> {
  const dir = config.dataDir
  const keyFile = join(dir, DATA_FILES.identity)
  if (await exists(keyFile)) {
    const identity = await loadIdentity(keyFile)
    return { created: false, dataDir: dir, peerId: identity.peerId }
  }
  if ((await exists(dir)) && (await readdir(dir)).length > 0) {
    throw new DataDirError(`${dir} is not empty and holds no Sightline identity; choose another --data-dir`)
  }
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // mkdir leaves a directory that existed before as it was: its database logs hold raw RED values.
  await chmod(dir, 0o700)
  await mkdir(join(dir, DATA_FILES.warninglists), { recursive: true })
  await writeFile(
    join(dir, DATA_FILES.config),
    `${JSON.stringify({ community: config.community, defaultTlp: config.defaultTlp, warninglists: config.warninglists, listen: config.listen, bootstrap: config.bootstrap }, null, 2)}\n`,
    { flag: 'wx' },
  )
  await createApiToken(join(dir, DATA_FILES.apiToken))
  const store = new Store({ location: join(dir, DATA_FILES.database) })
  await store.start()
  await store.stop()
  // The key is written last: its presence is what marks the directory as initialized.
  const identity = await createIdentity(keyFile)
  return { created: true, dataDir: dir, peerId: identity.peerId }
}

/** Loads the identity of an initialized data directory, with a clear error when there is none. */
export async function loadDataDirIdentity(dir: string): Promise<Identity> {
  const keyFile = join(dir, DATA_FILES.identity)
  await assertInitialized(dir)
  await assertPrivate(dir, 'data directory')
  return loadIdentity(keyFile)
}

/** A clear error for a directory `init` never ran in (rather than ENOENT of some file in it). */
async function assertInitialized(dir: string): Promise<void> {
  if (!(await exists(join(dir, DATA_FILES.identity))))
    throw new DataDirError(`${dir} is not an initialized Sightline data directory; run: sightline init --data-dir ${dir}`)
}

/** Keeps the listen addresses a node chose at its first start, so its address stays the same. */
export async function keepListenAddresses(dir: string, listen: string[]): Promise<void> {
  const file = join(dir, DATA_FILES.config)
  const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  if (Array.isArray(config.listen) && config.listen.length > 0) return
  await writeFile(file, `${JSON.stringify({ ...config, listen }, null, 2)}\n`)
}

/** Keeps the API port a node chose at its first start, so SIEM connectors and scrapes keep working. */
export async function keepApiPort(dir: string, port: number): Promise<void> {
  const file = join(dir, DATA_FILES.config)
  const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
  const api = (typeof config.api === 'object' && config.api !== null ? config.api : {}) as Record<string, unknown>
  if (typeof api.port === 'number' && api.port !== 0) return
  await writeFile(file, `${JSON.stringify({ ...config, api: { ...api, port } }, null, 2)}\n`)
}

/** The API token of an initialized data directory, refused when other users can read it. */
export async function readApiToken(dir: string): Promise<string> {
  await assertInitialized(dir)
  const file = join(dir, DATA_FILES.apiToken)
  await assertPrivate(file, 'API token')
  return (await readFile(file, 'utf8')).trim()
}

/**
 * User warninglists: values files (`*.txt`) and MISP warninglists (`*.json`, also MISP's own
 * `<name>/list.json` layout) under `<dataDir>/warninglists/`, plus the files named in config.
 */
export async function warninglistFiles(config: NodeConfig): Promise<string[]> {
  const dir = join(config.dataDir, DATA_FILES.warninglists)
  const own = (await exists(dir))
    ? (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.txt') || f.endsWith('.json')).map((f) => join(dir, f))
    : []
  return [...own.sort(), ...config.warninglists]
}
