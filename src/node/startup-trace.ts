/**
 * With SIGHTLINE_STARTUP_TRACE=1, `sightline start` writes one NDJSON line per startup phase on
 * stderr: `{"startup": phase, "at": wall-clock ms, "uptimeMs": ms since the process started, "cpuMs":
 * CPU time of the process so far, every thread}`.
 * `npm run bench:net` reads them to report where the time from spawn to the first match goes.
 */
export type StartupPhase = 'ready' | 'node-loaded' | 'listening' | 'connected' | 'published'

export function traceStartup(phase: StartupPhase): void {
  if (process.env.SIGHTLINE_STARTUP_TRACE !== '1') return
  process.stderr.write(`${JSON.stringify({ startup: phase, at: Date.now(), uptimeMs: Math.round(performance.now()), cpuMs: cpuMs() })}\n`)
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return Math.round((user + system) / 1000)
}
