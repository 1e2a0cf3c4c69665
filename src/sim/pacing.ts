/** Runs `work` over `items`, `width` at a time. */
export async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>, width = 8): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work))
}

/** Waits `ms` (at least 0), or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', abort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', abort, { once: true })
  })
}
