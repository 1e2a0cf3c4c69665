import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readApiToken } from '../node/data-dir.ts'
import { DATA_FILES } from '../node/options.ts'
import { UsageError } from './errors.ts'

/** Calls the control API of the node running on this data directory; a clear error when none runs. */
export async function callNode(
  dataDir: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<unknown> {
  let url: string
  try {
    url = (JSON.parse(await readFile(join(dataDir, DATA_FILES.apiEndpoint), 'utf8')) as { url: string }).url
  } catch {
    throw new UsageError(`no node is running on ${dataDir}; start one with: sightline start --data-dir ${dataDir}`)
  }
  let response: Response
  try {
    response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await readApiToken(dataDir)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    throw new UsageError(`the node on ${dataDir} does not answer at ${url} (${(err as Error).message}); is it still running?`)
  }
  const json = (await response.json()) as { error?: { message: string } }
  if (!response.ok) throw new UsageError(`node refused: ${json.error?.message ?? response.status}`)
  return json
}

/** True when a node answers on this data directory's control API. */
export async function nodeIsRunning(dataDir: string): Promise<boolean> {
  try {
    await callNode(dataDir, 'GET', '/v1/status')
    return true
  } catch {
    return false
  }
}
