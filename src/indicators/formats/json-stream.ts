import { createReadStream } from 'node:fs'
import chain from 'stream-chain'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamValues } from 'stream-json/streamers/stream-values.js'

/**
 * Streams the sub-values of a JSON document whose dotted path matches `filter`, one at a time,
 * so that a large bundle never sits whole in memory.
 */
export async function* pickJson(file: string, filter: RegExp, onBytes?: (bytes: number) => void): AsyncGenerator<unknown> {
  const input = createReadStream(file)
  const pipeline = chain([input, parser(), pick({ filter }), streamValues()])
  for await (const item of pipeline as AsyncIterable<{ value: unknown }>) {
    onBytes?.(input.bytesRead)
    yield item.value
  }
  onBytes?.(input.bytesRead)
}
