import { createReadStream } from 'node:fs'

/**
 * Streams a file's lines with 1-based numbers, holding one chunk at a time. Handles \n and
 * \r\n, a final line without newline, and a UTF-8 byte order mark.
 */
export async function* readLines(file: string, onBytes?: (bytes: number) => void): AsyncGenerator<[string, number]> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })
  let rest = ''
  let line = 0
  let first = true
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      first = false
    }
    let start = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      yield [text.slice(start, end), ++line]
      start = nl + 1
    }
    rest = text.slice(start)
    onBytes?.(stream.bytesRead)
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++line]
}
