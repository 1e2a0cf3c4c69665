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

/** Like pickJson, with the dotted path of each value (`response.1.Event.Tag.0`). */
export async function* pickJsonWithPaths(
  file: string,
  filter: RegExp,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<{ path: string; value: unknown }> {
  // The filter sees each value's path as it starts; values come out whole, in the same order.
  const paths: string[] = []
  const matches = (stack: readonly unknown[]): boolean => {
    const path = stack.join('.')
    if (!filter.test(path)) return false
    paths.push(path)
    return true
  }
  const input = createReadStream(file)
  const pipeline = chain([input, parser(), pick({ filter: matches }), streamValues()])
  for await (const item of pipeline as AsyncIterable<{ value: unknown }>) {
    onBytes?.(input.bytesRead)
    yield { path: paths.shift() as string, value: item.value }
  }
  onBytes?.(input.bytesRead)
}
