import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { UserError } from '../errors.ts'
import { parseTlp } from '../indicators/tlp.ts'
import { AlertConfigError, parseAlertsConfig } from './alert-config.ts'
import { DATA_FILES, DEFAULT_CONFIG, type NodeConfig } from './options.ts'
import { parseWindows } from './sighting-windows.ts'
import { parseAlertPolicy, parseSourceKinds } from './source-kinds.ts'

export class ConfigError extends UserError {
  override name = 'ConfigError'
}

/** Reads SIGHTLINE_* variables: SIGHTLINE_DATA_DIR, SIGHTLINE_DEFAULT_TLP, SIGHTLINE_WARNINGLISTS,
 * SIGHTLINE_COMMUNITY, SIGHTLINE_LISTEN, SIGHTLINE_ANNOUNCE, SIGHTLINE_BOOTSTRAP (lists are comma-separated)
 * and SIGHTLINE_CONTEXT_IN_PSI (1 or true). */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<NodeConfig> {
  const out: Partial<NodeConfig> = {}
  if (env.SIGHTLINE_DATA_DIR) out.dataDir = env.SIGHTLINE_DATA_DIR
  if (env.SIGHTLINE_DEFAULT_TLP) out.defaultTlp = parseTlp(env.SIGHTLINE_DEFAULT_TLP)
  if (env.SIGHTLINE_WARNINGLISTS) out.warninglists = env.SIGHTLINE_WARNINGLISTS.split(',').filter((s) => s !== '')
  if (env.SIGHTLINE_COMMUNITY) out.community = env.SIGHTLINE_COMMUNITY
  if (env.SIGHTLINE_LISTEN) out.listen = multiaddrs(env.SIGHTLINE_LISTEN.split(','), 'SIGHTLINE_LISTEN')
  if (env.SIGHTLINE_ANNOUNCE) out.announce = multiaddrs(env.SIGHTLINE_ANNOUNCE.split(','), 'SIGHTLINE_ANNOUNCE')
  if (env.SIGHTLINE_MDNS) out.mdns = env.SIGHTLINE_MDNS === '1' || env.SIGHTLINE_MDNS === 'true'
  if (env.SIGHTLINE_PNET_KEY) out.pnetKey = env.SIGHTLINE_PNET_KEY
  if (env.SIGHTLINE_ROSTER_ADMINS) out.rosterAdmins = env.SIGHTLINE_ROSTER_ADMINS.split(',').filter((s) => s !== '')
  if (env.SIGHTLINE_CONTEXT_IN_PSI) out.contextInPsi = env.SIGHTLINE_CONTEXT_IN_PSI === '1' || env.SIGHTLINE_CONTEXT_IN_PSI === 'true'
  if (env.SIGHTLINE_BOOTSTRAP) out.bootstrap = multiaddrs(env.SIGHTLINE_BOOTSTRAP.split(','), 'SIGHTLINE_BOOTSTRAP')
  return out
}

/** Checks the shape of multiaddr strings early, so a typo fails at start with its source named. */
export function multiaddrs(values: unknown, where: string): string[] {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && /^\/(ip4|ip6|dns4|dns6|dns)\//.test(v.trim()))) {
    throw new ConfigError(`${where}: expected multiaddrs such as /ip4/127.0.0.1/tcp/4001`)
  }
  return values.map((v: string) => v.trim())
}

/** The JSON object of a config file; undefined when an optional one does not exist. */
function readConfigObject(file: string, required: boolean): object | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`config file ${file} must hold a JSON object`)
  return parsed
}

function configFromFile(file: string, required: boolean, context: { dataDir: string; env: NodeJS.ProcessEnv }): Partial<NodeConfig> {
  const parsed = readConfigObject(file, required)
  if (parsed === undefined) return {}
  const out: Partial<NodeConfig> = {}
  for (const [key, value] of Object.entries(parsed)) {
    switch (key) {
      case 'defaultTlp':
        out.defaultTlp = parseTlp(String(value))
        break
      case 'warninglists':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
          throw new ConfigError(`${file}: warninglists must be an array of file names`)
        out.warninglists = value
        break
      case 'community':
        if (typeof value !== 'string' || value === '') throw new ConfigError(`${file}: community must be a non-empty string`)
        out.community = value
        break
      case 'listen':
        out.listen = multiaddrs(value, `${file}: listen`)
        break
      case 'announce':
        out.announce = multiaddrs(value, `${file}: announce`)
        break
      case 'bootstrap':
        out.bootstrap = multiaddrs(value, `${file}: bootstrap`)
        break
      case 'mdns':
        out.mdns = trueOrFalse(value, `${file}: mdns`)
        break
      case 'contextInPsi':
        out.contextInPsi = trueOrFalse(value, `${file}: contextInPsi`)
        break
      case 'rosterAdmins':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
          throw new ConfigError(`${file}: rosterAdmins must be an array of admin key ids`)
        out.rosterAdmins = value
        break
      case 'api':
        out.api = apiConfig(value, `${file}: api`)
        break
      case 'alerts':
        try {
          out.alerts = parseAlertsConfig(value, { file, ...context })
        } catch (err) {
          if (err instanceof AlertConfigError) throw new ConfigError(err.message)
          throw err
        }
        break
      case 'sightingWindows':
      case 'sourceKinds':
      case 'alertPolicy':
        try {
          if (key === 'sightingWindows') out.sightingWindowsMs = parseWindows(value, `${file}: sightingWindows`)
          else if (key === 'sourceKinds') out.sourceKinds = parseSourceKinds(value, `${file}: sourceKinds`)
          else out.alertPolicy = parseAlertPolicy(value, `${file}: alertPolicy`)
        } catch (err) {
          if (err instanceof TypeError) throw new ConfigError(err.message)
          throw err
        }
        break
      case 'meshDegree':
      case 'psiConcurrency':
        out[key] = positiveInteger(value, `${file}: ${key}`)
        break
      case 'pnetKey':
        if (typeof value !== 'string' || value === '') throw new ConfigError(`${file}: pnetKey must be a file name`)
        out.pnetKey = value
        break
      default:
        throw new ConfigError(`${file}: unknown setting "${key}"`)
    }
  }
  return out
}

function positiveInteger(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new ConfigError(`${where} must be a whole number of at least 1`)
  return value
}

function trueOrFalse(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${where} must be true or false`)
  return value
}

/** Checks the `api` object of a config file; unset fields keep their defaults. */
export function apiConfig(value: unknown, where: string): NodeConfig['api'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where} must be an object`)
  const out = { ...DEFAULT_CONFIG.api }
  for (const [key, v] of Object.entries(value)) {
    switch (key) {
      case 'host':
        if (typeof v !== 'string' || v === '') throw new ConfigError(`${where}.host must be an address such as 127.0.0.1`)
        out.host = v
        break
      case 'port':
        if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 65535) throw new ConfigError(`${where}.port must be 0..65535`)
        out.port = v as number
        break
      case 'tlsCert':
      case 'tlsKey':
        if (typeof v !== 'string' || v === '') throw new ConfigError(`${where}.${key} must be a PEM file name`)
        out[key] = v
        break
      case 'insecureBind':
        if (typeof v !== 'boolean') throw new ConfigError(`${where}.insecureBind must be true or false`)
        out.insecureBind = v
        break
      case 'allowedHosts':
        if (!Array.isArray(v) || !v.every((h) => typeof h === 'string' && h !== ''))
          throw new ConfigError(`${where}.allowedHosts must be a list of host names (["sightline.example.org"])`)
        out.allowedHosts = v as string[]
        break
      default:
        throw new ConfigError(`${where}: unknown setting "${key}"`)
    }
  }
  if ((out.tlsCert === undefined) !== (out.tlsKey === undefined)) throw new ConfigError(`${where}: tlsCert and tlsKey go together`)
  return out
}

/**
 * Merges settings in one documented order, later winning: defaults, then the config file
 * (`--config FILE`, SIGHTLINE_CONFIG, or `<dataDir>/config.json`), then SIGHTLINE_* variables,
 * then command-line flags.
 */
export function resolveConfig(flags: Partial<NodeConfig> & { config?: string }, env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const fromEnv = configFromEnv(env)
  const dataDir = resolve(flags.dataDir ?? fromEnv.dataDir ?? DEFAULT_CONFIG.dataDir)
  const explicit = flags.config ?? env.SIGHTLINE_CONFIG
  const fromFile = configFromFile(explicit ?? join(dataDir, DATA_FILES.config), explicit !== undefined, { dataDir, env })
  const defined = Object.fromEntries(Object.entries(flags).filter(([k, v]) => v !== undefined && k !== 'config'))
  return { ...DEFAULT_CONFIG, ...fromFile, ...fromEnv, ...defined, dataDir }
}
