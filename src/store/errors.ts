import { UserError } from '../errors.ts'

/** The database was written by a newer Sightline whose layout this version cannot read. */
export class SchemaTooNewError extends UserError {
  override name = 'SchemaTooNewError'
}

/** Another process (a running node or import) holds the database. */
export class StoreLockedError extends UserError {
  override name = 'StoreLockedError'
}

/**
 * A write failed (a full disk, an I/O error) or was refused because the store is still failing.
 * Nothing of the failed write is stored; the store retries by itself (WriteSupervisor).
 */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError'
  /** HTTP status of a request that met it: the node is unavailable, not the request wrong. */
  readonly status = 503
}
