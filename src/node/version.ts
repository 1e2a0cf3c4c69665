import pkg from '../../package.json' with { type: 'json' }

/** The running Sightline's version (User-Agent of webhooks, CEF device version). */
export const SIGHTLINE_VERSION: string = pkg.version
