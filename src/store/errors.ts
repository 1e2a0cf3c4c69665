/** The database was written by a newer Sightline whose layout this version cannot read. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
}

/** Another process (a running node or import) holds the database. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError'
}
