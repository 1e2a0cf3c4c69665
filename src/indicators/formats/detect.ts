import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { commentedHeader, readCsv, splitCsvRecord } from './csv.ts'
import { columnFor, hasValueColumn } from './fields.ts'
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

/** A MISP event without its wrapper has the event's own fields (`info`, `Attribute`, `Object`). */
const MISP_EVENT = /"(?:Attribute|Object)"\s*:\s*\[|"threat_level_id"\s*:/

/**
 * A text file is CSV when a `#` comment line before the data reads as a header (abuse.ch), or
 * its first other line is a header naming a value column.
 */
function isCsvText(head: string): boolean {
  for (const raw of head.split('\n', 200)) {
    const line = raw.trim()
    if (line === '') continue
    if (line.startsWith('#')) {
      if (commentedHeader(line) !== undefined) return true
      continue
    }
    if (!line.includes(',')) return false
    const cells = splitCsvRecord(line)
    return Array.isArray(cells) && cells.length > 1 && hasValueColumn(cells.map(columnFor))
  }
  return false
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
  if (head.startsWith('[')) return /^\[\s*\{\s*"Event"\s*:/.test(head) ? 'misp' : 'stix'
  if (head.startsWith('{')) {
    if (/"type"\s*:\s*"bundle"/.test(head)) return 'stix'
    if (/^\{\s*"(Event|response)"/.test(head)) return 'misp'
    // NDJSON has a whole object on its first line (unless that line is longer than the head); a
    // pretty-printed document is a MISP event without its wrapper, or else read as STIX, whose
    // reader says what it expected instead of failing every line as JSON.
    const nl = head.indexOf('\n')
    const firstLine = nl < 0 ? head : head.slice(0, nl)
    if (isJsonLine(firstLine)) return MISP_EVENT.test(firstLine) && head.slice(firstLine.length).trim() === '' ? 'misp' : 'ndjson'
    if (MISP_EVENT.test(head)) return 'misp'
    return nl < 0 ? 'ndjson' : 'stix'
  }
  if (ext === '.json') return 'stix'
  return isCsvText(head.slice(0, 16384)) ? 'csv' : 'txt'
}
