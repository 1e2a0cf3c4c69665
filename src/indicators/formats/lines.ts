import { createReadStream } from 'node:fs'
import { DEFAULT_MAX_LINE_BYTES, type Line, LineSplitter } from './line-splitter.ts'

/**
 * Streams a file's lines with 1-based numbers, holding one chunk (and at most one line of up to
 * `maxLineBytes`) at a time; see LineSplitter. A longer line comes out as `tooLong`.
 */
export async function* readLines(
  file: string,
  onBytes?: (bytes: number) => void,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<Line> {
  const stream = createReadStream(file, { highWaterMark: 1 << 16 })
  const splitter = new LineSplitter(maxLineBytes)
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    yield* splitter.push(chunk)
    onBytes?.(stream.bytesRead)
  }
  yield* splitter.end()
}
