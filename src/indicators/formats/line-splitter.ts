/** Longest line of a line-based input (NDJSON, CSV, plain lists) by default: far above any real row. */
export const DEFAULT_MAX_LINE_BYTES = 4 << 20

/** One line of input, or a line over the limit that was skipped without being held. */
export type Line = { line: number; text: string } | { line: number; tooLong: number }

const NEWLINE = 0x0a
const CR = 0x0d
const BOM = [0xef, 0xbb, 0xbf]

/**
 * Splits bytes into lines in linear time: each byte is looked at once (a newline byte never occurs
 * inside a UTF-8 sequence, so lines are found before decoding), and a partial line is kept as a
 * list of chunks, not re-joined per chunk. A line longer than `maxLineBytes` is not kept: its bytes
 * are counted and dropped up to its newline, and it comes out as `tooLong`. Handles \n and \r\n,
 * a last line without a newline and a UTF-8 byte order mark.
 */
export class LineSplitter {
  readonly #max: number
  readonly #decoder = new TextDecoder('utf-8')
  #pieces: Uint8Array[] = []
  #pending = 0
  #line = 0
  #first = true

  constructor(maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    this.#max = maxLineBytes
  }

  /** Lines completed by `chunk`. */
  *push(chunk: Uint8Array): Generator<Line> {
    let start = 0
    if (this.#first && chunk.length > 0) {
      this.#first = false
      if (BOM.every((b, i) => chunk[i] === b)) start = 3
    }
    for (let nl = chunk.indexOf(NEWLINE, start); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      this.#keep(chunk.subarray(start, nl))
      yield this.#take()
      start = nl + 1
    }
    if (start < chunk.length) this.#keep(chunk.subarray(start))
  }

  /** The last line, when the input does not end with a newline. */
  *end(): Generator<Line> {
    if (this.#pending > 0) yield this.#take()
  }

  #keep(part: Uint8Array): void {
    if (part.length === 0) return
    this.#pending += part.length
    // Past the limit nothing more is held: only the count grows.
    if (this.#pending > this.#max) this.#pieces = []
    else this.#pieces.push(part)
  }

  #take(): Line {
    const line = ++this.#line
    const length = this.#pending
    const pieces = this.#pieces
    this.#pieces = []
    this.#pending = 0
    if (length > this.#max) return { line, tooLong: length }
    let bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces)
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1)
    return { line, text: this.#decoder.decode(bytes) }
  }
}

/** The error reason of a line over the limit. */
export function tooLongReason(length: number, max: number): string {
  return `line of ${length} bytes is over the ${max}-byte line limit; it was skipped (split it, or raise maxLineBytes)`
}
