import type { Store } from '../store/store.ts'

/** Where sequence numbers are kept: the store's state (tests pass a map). */
export interface SequenceStore {
  state: Pick<Store['state'], 'get' | 'put'>
}

/**
 * The next sequence number for messages of one kind. Kept in the store and never below the clock
 * in milliseconds, so a restarted node's messages are never taken for replays.
 */
export async function nextSequence(store: SequenceStore, kind: string): Promise<number> {
  const key = `sequence/${kind}`
  const sequence = Math.max(((await store.state.get(key)) as number | undefined) ?? 0, Date.now()) + 1
  await store.state.put(key, sequence)
  return sequence
}
