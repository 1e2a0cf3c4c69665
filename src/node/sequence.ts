import type { Store } from '../store/store.ts'

/**
 * The next sequence number for messages of one kind. Kept in the store and never below the clock
 * in milliseconds, so a restarted node's messages are never taken for replays.
 */
export async function nextSequence(store: Store, kind: string): Promise<number> {
  const key = `sequence/${kind}`
  const sequence = Math.max(((await store.state.get(key)) as number | undefined) ?? 0, Date.now()) + 1
  await store.state.put(key, sequence)
  return sequence
}
