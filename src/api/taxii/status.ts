import { randomUUID } from 'node:crypto'
import { unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Tlp } from '../../indicators/tlp.ts'
import type { Warninglists } from '../../indicators/warninglist.ts'
import { forComponent } from '../../logger.ts'
import { importFiles } from '../../node/importer.ts'
import type { Store } from '../../store/store.ts'
import { HttpError } from '../errors.ts'

const log = forComponent('sightline:taxii')

/** TAXII 2.1 status details: what became of each object of one POST. */
export interface StatusDetails {
  id: string
  version: string
  message?: string
}

/** The TAXII 2.1 status resource. Imports finish within the request, so a status is always complete. */
export interface StatusResource {
  id: string
  status: 'complete' | 'pending'
  request_timestamp: string
  total_count: number
  success_count: number
  successes: StatusDetails[]
  failure_count: number
  failures: StatusDetails[]
  pending_count: number
}

/** Status resources live in the store's state, so GET status works after a restart. */
export function statusKey(id: string): string {
  return `taxii/status/${id}`
}

export interface LocalIntake {
  store: Store
  defaultTlp: Tlp
  warninglists?: Warninglists | undefined
  /** Called once something was imported: the node re-evaluates what it holds. */
  onLocalChange: () => void
}

/** Object types the importer keeps; anything else is read for references only. */
const KEPT = new Set(['indicator', 'sighting', 'observed-data'])

/**
 * Imports the objects of a POSTed envelope with the STIX importer (through a 0600 temporary
 * file, removed afterwards) and records the status resource. Failures name the object and the
 * importer's reason; objects of types we do not keep succeed with a message saying so.
 */
export async function importEnvelope(
  intake: LocalIntake,
  objects: readonly unknown[],
  /** Objects refused before import (by index), with the reason. */
  refused: ReadonlyMap<number, string> = new Map(),
): Promise<StatusResource> {
  const requestTimestamp = new Date().toISOString()
  const reasons = new Map<number, string[]>([...refused].map(([i, reason]) => [i, [reason]]))
  const kept = objects.flatMap((_, i) => (refused.has(i) ? [] : [i]))
  let imported = 0
  if (kept.length > 0) {
    const file = join(tmpdir(), `sightline-taxii-${randomUUID()}.json`)
    await writeFile(file, JSON.stringify({ objects: kept.map((i) => objects[i]) }), { mode: 0o600, flag: 'wx' })
    try {
      const report = await importFiles(intake.store, [file], {
        format: 'stix',
        tlp: intake.defaultTlp,
        source: 'taxii',
        sightings: false,
        maxErrors: objects.length * 4 + 16,
        ...(intake.warninglists === undefined ? {} : { warninglists: intake.warninglists }),
      })
      imported = report.imported + report.duplicates
      for (const error of report.errors) {
        const index = kept[Number(/^\/objects\/(\d+)$/.exec(error.pointer ?? '')?.[1] ?? Number.NaN)]
        if (index === undefined) throw new HttpError(400, 'bad_request', `the envelope cannot be read: ${error.reason}`)
        reasons.set(index, [...(reasons.get(index) ?? []), error.reason])
      }
    } finally {
      await unlink(file).catch((err: unknown) => log.debug('temporary envelope file not removed', { file, err }))
    }
  }

  const successes: StatusDetails[] = []
  const failures: StatusDetails[] = []
  objects.forEach((value, index) => {
    const object = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
    const id = typeof object.id === 'string' ? object.id : `/objects/${index}`
    const version = [object.modified, object.created].find((v) => typeof v === 'string') ?? requestTimestamp
    const failed = reasons.get(index)
    if (failed !== undefined) failures.push({ id, version: String(version), message: [...new Set(failed)].join('; ') })
    else if (KEPT.has(String(object.type))) successes.push({ id, version: String(version) })
    else successes.push({ id, version: String(version), message: 'accepted, not stored: Sightline keeps indicators and sightings' })
  })
  const status: StatusResource = {
    id: randomUUID(),
    status: 'complete',
    request_timestamp: requestTimestamp,
    total_count: objects.length,
    success_count: successes.length,
    successes,
    failure_count: failures.length,
    failures,
    pending_count: 0,
  }
  await intake.store.state.put(statusKey(status.id), status)
  if (imported > 0) intake.onLocalChange()
  return status
}
