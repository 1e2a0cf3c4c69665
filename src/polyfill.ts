// libp2p 3 uses Promise.withResolvers (Node 22+). On Node 20 add it before libp2p is used.
if (typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void
      let reject!: (reason?: unknown) => void
      const promise = new Promise<T>((res, rej) => {
        resolve = res
        reject = rej
      })
      return { promise, resolve, reject }
    },
  })
}

// @libp2p/websockets dials with the global WebSocket (Node 22+); Node 20 has none without a flag.
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket !== 'function') {
  const { WebSocket } = await import('ws')
  Object.defineProperty(globalThis, 'WebSocket', { configurable: true, writable: true, value: WebSocket })
}
