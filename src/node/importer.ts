import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { InvalidIndicatorError } from '../indicators/errors.ts'
import { detectFormat, READERS } from '../indicators/formats/detect.ts'
import type { Format, ParsedRow, ReadItem } from '../indicators/formats/row.ts'
import { type RecordDefaults, toIndicatorRecord, toSightingRecord } from '../indicators/record.ts'
import type { Tlp } from '../indicators/tlp.ts'
import type { IndicatorRecord, SightingRecord } from '../indicators/types.ts'
import type { Warninglists } from '../indicators/warninglist.ts'
import { forComponent } from '../logger.ts'
import { StoreWriteError } from '../store/errors.ts'
import type { Store } from '../store/store.ts'

const log = forComponent('sightline:import')

export interface ImportOptions {
  format: Format | 'auto'
  /** TLP for rows that carry none (default amber: protected unless said otherwise). */
  tlp: Tlp
  /** Source name for rows that carry none (default: the file's base name). */
  source?: string
  /** Rows of txt, csv and ndjson files are sightings. */
  sightings: boolean
  warninglists?: Warninglists
  /** A repeated row does not add to an indicator's count (API submissions a client may retry). */
  idempotent?: boolean
  /** Let other work on the event loop (API reads) run every this many rows (default: never). */
  yieldEvery?: number
  /** Rows per atomic batch (default 4096). */
  batchSize?: number
  /** Errors listed in the report; the rest are only counted (default 1000). */
  maxErrors?: number
  signal?: AbortSignal
  /** Called after every durable batch: everything counted in `progress` is on disk. */
  onCommit?: (progress: ImportProgress) => void
  /** Called as bytes are read, for a progress bar. */
  onBytes?: (file: string, bytesRead: number, bytesTotal: number) => void
}

export interface ImportError {
  file: string
  /** 1-based line, or null in JSON documents (see `pointer`). */
  line: number | null
  pointer?: string
  reason: string
}

export interface ImportProgress {
  file: string
  /** Rows of this file read and settled (imported, duplicate, rejected or skipped). */
  rows: number
  imported: number
  duplicates: number
  rejected: number
}

export interface ImportReport {
  imported: number
  duplicates: number
  rejected: number
  /** Objects that are not indicators (STIX malware, MISP comments): neither kept nor errors. */
  skipped: number
  /** Imported indicators that are on a warninglist (kept, not alerted on by default). */
  warninglisted: number
  /** Imported indicators by the warninglist that holds them: which lists this import hit. */
  warninglists: Record<string, number>
  errors: ImportError[]
  /** Errors counted in `rejected` but not listed, past maxErrors. */
  errorsOmitted: number
  /** Files that could not be read at all. */
  failedFiles: number
  /**
   * Set when the store stopped writing (a full disk): the import ended there. Every row counted
   * above is on disk; the rest of the input was not imported.
   */
  interrupted?: string
}

/** The store could not write: `report` says how far the import got (all of it on disk). */
export class ImportInterruptedError extends Error {
  override name = 'ImportInterruptedError'
  readonly report: ImportReport
  constructor(report: ImportReport, cause: StoreWriteError) {
    super(`import interrupted after ${report.imported + report.duplicates} stored rows: ${cause.message}`, { cause })
    this.report = report
    report.interrupted = cause.message
  }
}

function emptyReport(): ImportReport {
  return {
    imported: 0,
    duplicates: 0,
    rejected: 0,
    skipped: 0,
    warninglisted: 0,
    warninglists: {},
    errors: [],
    errorsOmitted: 0,
    failedFiles: 0,
  }
}

function rejecter(report: ImportReport, maxErrors: number): (error: ImportError) => void {
  return (error) => {
    report.rejected++
    if (report.errors.length < maxErrors) report.errors.push(error)
    else report.errorsOmitted++
  }
}

/** Imports files into the store in durable batches; see ImportOptions. */
export async function importFiles(store: Store, files: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport()
  const reject = rejecter(report, options.maxErrors ?? 1000)
  for (const file of files) {
    options.signal?.throwIfAborted()
    let size: number
    let format: Format
    try {
      const info = await stat(file)
      if (!info.isFile()) throw new Error('not a regular file')
      size = info.size
      await assertText(file)
      format = options.format === 'auto' ? await detectFormat(file) : options.format
    } catch (err) {
      // A file that cannot be read is one failed file, not a rejected row.
      report.failedFiles++
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
      if (report.errors.length < (options.maxErrors ?? 1000))
        report.errors.push({ file, line: null, reason: `cannot read file: ${reason}` })
      else report.errorsOmitted++
      continue
    }
    const onBytes = (bytes: number): void => options.onBytes?.(file, bytes, size)
    const reader = READERS[format](file, { sightings: options.sightings, onBytes })
    await interruptible(report, importOne(store, file, format, reader, options, report, reject))
  }
  return report
}

/**
 * Refuses a binary file up front (a NUL byte in its first 8 KiB), with one error instead of a
 * thousand rows of control characters.
 */
async function assertText(file: string): Promise<void> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0)
    const nul = buffer.subarray(0, bytesRead).indexOf(0)
    if (nul >= 0)
      throw new Error(
        `not a text file (a NUL byte at offset ${nul}); Sightline imports text: plain lists, CSV, NDJSON, STIX or MISP JSON in UTF-8`,
      )
  } finally {
    await handle.close()
  }
}

/** A failed write ends the import with what it stored so far. */
async function interruptible(report: ImportReport, work: Promise<void>): Promise<void> {
  try {
    await work
  } catch (err) {
    throw err instanceof StoreWriteError ? new ImportInterruptedError(report, err) : err
  }
}

/**
 * Imports items read from anything but a file (an API request body) with the same batching and
 * durability as importFiles; `label` names the input in errors and is the default source.
 */
export async function importItems(
  store: Store,
  label: string,
  items: AsyncIterable<ReadItem>,
  options: Omit<ImportOptions, 'format' | 'onBytes'>,
): Promise<ImportReport> {
  const report = emptyReport()
  await interruptible(
    report,
    importOne(store, label, 'ndjson', items, { ...options, format: 'ndjson' }, report, rejecter(report, options.maxErrors ?? 1000)),
  )
  return report
}

async function importOne(
  store: Store,
  file: string,
  format: Format,
  reader: AsyncIterable<ReadItem>,
  options: ImportOptions,
  report: ImportReport,
  reject: (e: ImportError) => void,
): Promise<void> {
  const defaults: RecordDefaults = {
    tlp: options.tlp,
    source: options.source ?? basename(file),
    now: Date.now(),
    ...(options.warninglists === undefined ? {} : { warninglists: options.warninglists }),
  }
  const batchSize = options.batchSize ?? 4096
  const progress: ImportProgress = { file, rows: 0, imported: 0, duplicates: 0, rejected: 0 }
  let indicators: IndicatorRecord[] = []
  let sightings: SightingRecord[] = []
  let settled = 0
  let pending: Promise<void> = Promise.resolve()

  // Normalizing the next batch overlaps with writing the previous one; counts are published
  // only once the write that holds them has resolved, so a reported row is a durable row.
  const flush = async (): Promise<void> => {
    const batch = { indicators, sightings, rows: settled }
    indicators = []
    sightings = []
    settled = 0
    await pending
    pending = store.ingest(batch.indicators, batch.sightings, { idempotent: options.idempotent === true }).then((result) => {
      report.imported += result.inserted
      report.duplicates += result.merged
      progress.imported += result.inserted
      progress.duplicates += result.merged
      progress.rows += batch.rows
      options.onCommit?.({ ...progress })
    })
    // A failed write is rethrown where `pending` is next awaited; until then it must not count as
    // unhandled, which would end the process instead of rejecting importFiles.
    pending.catch((err: unknown) => log.debug('store write failed (rethrown where the import next waits)', { err }))
  }

  try {
    const yieldEvery = options.yieldEvery ?? Number.POSITIVE_INFINITY
    let sinceYield = 0
    for await (const item of reader) {
      settled++
      if (++sinceYield >= yieldEvery) {
        sinceYield = 0
        await new Promise((resolve) => setImmediate(resolve))
      }
      if (item.kind === 'skip') {
        report.skipped++
      } else {
        // A row the reader refused, or one that is not a valid record.
        const reason = item.kind === 'error' ? item.reason : addRow(item, defaults, indicators, sightings, report)
        if (reason !== undefined) {
          progress.rejected++
          reject({ file, line: item.line, ...(item.pointer === undefined ? {} : { pointer: item.pointer }), reason })
        }
      }
      if (indicators.length + sightings.length >= batchSize || settled >= batchSize * 4) {
        options.signal?.throwIfAborted()
        await flush()
      }
    }
  } catch (err) {
    if (options.signal?.aborted || err instanceof StoreWriteError) {
      // What was handed to the store before stays counted as far as it was written.
      await pending.catch((err: unknown) => log.debug('store write failed while the import stopped', { err }))
      throw err
    }
    // The reader could not go on (broken JSON or CSV structure): keep what was read before.
    progress.rejected++
    reject({ file, line: null, reason: `cannot read ${format}: ${(err as Error).message}` })
  }
  await flush()
  await pending
}

function addRow(
  row: ParsedRow,
  defaults: RecordDefaults,
  indicators: IndicatorRecord[],
  sightings: SightingRecord[],
  report: ImportReport,
): string | undefined {
  try {
    if (row.kind === 'sighting') {
      sightings.push(toSightingRecord(row, defaults))
    } else {
      const record = toIndicatorRecord(row, defaults)
      if (record.warninglist !== undefined) {
        report.warninglisted++
        report.warninglists[record.warninglist] = (report.warninglists[record.warninglist] ?? 0) + 1
      }
      indicators.push(record)
    }
    return undefined
  } catch (err) {
    if (err instanceof InvalidIndicatorError) return err.message
    throw err
  }
}
