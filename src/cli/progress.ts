/** A one-line progress bar on a terminal's stderr, redrawn at most ten times a second. */
export class ProgressBar {
  readonly #stream: NodeJS.WriteStream
  #last = 0
  #drawn = false

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream
  }

  update(label: string, done: number, total: number, detail: string, force = false): void {
    const now = Date.now()
    if (!force && now - this.#last < 100) return
    this.#last = now
    const width = 24
    const fraction = total > 0 ? Math.min(1, done / total) : 0
    const filled = Math.round(fraction * width)
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`
    const text = `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${detail} ${label}`
    const columns = this.#stream.columns ?? 100
    this.#stream.write(`\r${text.slice(0, columns - 1).padEnd(Math.min(columns - 1, text.length))}\u001b[K`)
    this.#drawn = true
  }

  done(): void {
    if (this.#drawn) this.#stream.write('\r\u001b[K')
    this.#drawn = false
  }
}

/** `auto`: a bar on a terminal unless --json; `lines`: one JSON object per durable batch on stderr. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none'

export function resolveProgress(mode: ProgressMode, json: boolean): 'bar' | 'lines' | 'none' {
  if (mode !== 'auto') return mode
  return !json && process.stderr.isTTY === true ? 'bar' : 'none'
}
