import { readFile } from 'node:fs/promises'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { forComponent } from '../logger.ts'
import { readApiToken } from '../node/data-dir.ts'
import { DATA_FILES } from '../node/options.ts'
import { NodeNotRunningError, UsageError } from './errors.ts'

const log = forComponent('sightline:cli')

/** Calls the control API of the node running on this data directory; a clear error when none runs. */
export async function callNode(
  dataDir: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<unknown> {
  let endpoint: { url: string; ca?: string }
  try {
    endpoint = JSON.parse(await readFile(join(dataDir, DATA_FILES.apiEndpoint), 'utf8')) as { url: string; ca?: string }
  } catch {
    throw new NodeNotRunningError(`no node is running on ${dataDir}; start one with: sightline start --data-dir ${dataDir}`)
  }
  const url = endpoint.url
  let answer: { status: number; json: { error?: { message: string } } }
  try {
    const headers = { authorization: `Bearer ${await readApiToken(dataDir)}`, 'content-type': 'application/json' }
    const payload = body === undefined ? undefined : JSON.stringify(body)
    answer = await send(
      `${url}${path}`,
      method,
      headers,
      payload,
      endpoint.ca === undefined ? undefined : await readFile(endpoint.ca),
      timeoutMs,
    )
  } catch (err) {
    throw new NodeNotRunningError(`the node on ${dataDir} does not answer at ${url} (${(err as Error).message}); is it still running?`)
  }
  if (answer.status >= 400) throw new UsageError(`node refused: ${answer.json.error?.message ?? answer.status}`)
  return answer.json
}

/** One request; over HTTPS it trusts `ca` (the node's own certificate, often self-signed). */
async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
  ca: Buffer | undefined,
  timeoutMs: number,
): Promise<{ status: number; json: { error?: { message: string } } }> {
  if (ca === undefined) {
    const response = await fetch(url, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    return { status: response.status, json: (await response.json()) as { error?: { message: string } } }
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, ca, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
        } catch (err) {
          reject(err)
        }
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

/**
 * A GET whose answer is streamed (an export): the body as a stream, or a UsageError with the
 * node's reason. The stream errors if the node goes away midway.
 */
export async function streamFromNode(dataDir: string, path: string): Promise<Readable> {
  let endpoint: { url: string; ca?: string }
  try {
    endpoint = JSON.parse(await readFile(join(dataDir, DATA_FILES.apiEndpoint), 'utf8')) as { url: string; ca?: string }
  } catch {
    throw new NodeNotRunningError(`no node is running on ${dataDir}; start one with: sightline start --data-dir ${dataDir}`)
  }
  const headers = { authorization: `Bearer ${await readApiToken(dataDir)}` }
  const ca = endpoint.ca === undefined ? undefined : await readFile(endpoint.ca)
  let answer: { status: number; body: Readable }
  try {
    answer = await new Promise((resolve, reject) => {
      if (ca === undefined) {
        fetch(`${endpoint.url}${path}`, { headers })
          .then((response) => {
            if (response.body === null) throw new Error('empty answer')
            resolve({ status: response.status, body: Readable.fromWeb(response.body as never) })
          })
          .catch(reject)
        return
      }
      const req = httpsRequest(`${endpoint.url}${path}`, { method: 'GET', headers, ca }, (res) =>
        resolve({ status: res.statusCode ?? 0, body: res }),
      )
      req.on('error', reject)
      req.end()
    })
  } catch (err) {
    throw new NodeNotRunningError(
      `the node on ${dataDir} does not answer at ${endpoint.url} (${(err as Error).message}); is it still running?`,
    )
  }
  if (answer.status >= 400) {
    const chunks: Buffer[] = []
    for await (const chunk of answer.body) chunks.push(Buffer.from(chunk as Uint8Array))
    let message = `HTTP ${answer.status}`
    try {
      message = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { message?: string } }).error?.message ?? message
    } catch (err) {
      // Not JSON: the status says enough.
      log.debug('error body is not JSON', { err })
    }
    throw new UsageError(`node refused: ${message}`)
  }
  return answer.body
}

/** True when a node answers on this data directory's control API. */
export async function nodeIsRunning(dataDir: string): Promise<boolean> {
  try {
    await callNode(dataDir, 'GET', '/v1/status')
    return true
  } catch (err) {
    log.debug('node not reachable', { err })
    return false
  }
}
