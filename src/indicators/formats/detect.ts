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

function isJsonLine(line: string): boolean {
  try {
    JSON.parse(line)
    return true
  } catch {
    return false
  }
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
    // NDJSON has a whole object on its first line (unless that line is longer than the head); a
    // pretty-printed document is read as STIX, whose reader says what it expected instead of
    // failing every line as JSON.
    const nl = head.indexOf('\n')
    return nl < 0 || isJsonLine(head.slice(0, nl)) ? 'ndjson' : 'stix'
  }
  if (ext === '.json') return 'stix'
  return 'txt'
}
