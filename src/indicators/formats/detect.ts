import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { readCsv } from './csv.ts'
import { readMisp } from './misp.ts'
import { readNdjson } from './ndjson.ts'
import type { Format, Reader } from './row.ts'
import { readStix } from './stix.ts'
import { readTxt } from './txt.ts'

export const READERS: Record<Format, Reader> = {
  txt: readTxt,
  csv: readCsv,
  ndjson: readNdjson,
  stix: readStix,
  misp: readMisp,
}

/** Guesses a file's format from its extension and its first 64 KiB. */
export async function detectFormat(file: string): Promise<Format> {
  const ext = extname(file).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson'
  const handle = await open(file, 'r')
  let head: string
  try {
    const buffer = Buffer.alloc(65536)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
  } finally {
    await handle.close()
  }
  if (head.startsWith('{')) {
    if (/"type"\s*:\s*"bundle"/.test(head)) return 'stix'
    if (/^\{\s*"(Event|response)"/.test(head)) return 'misp'
    return 'ndjson'
  }
  if (ext === '.json') return 'stix'
  return 'txt'
}
