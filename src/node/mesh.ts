/**
 * The gossip mesh of a node in production: with config `meshDegree` k, each member stays connected
 * to the k members nearest it on the ring of the roster's peer ids (sorted), k/2 on each side. Every
 * member computes the same ring from the same roster, so the links agree on both ends; every other
 * pair is dialed on demand for its PSI run and closed once idle. Unset: every member stays connected.
 */
export function ringNeighbours(members: readonly string[], self: string, degree: number): Set<string> {
  const ring = [...new Set([...members, self])].sort()
  const at = ring.indexOf(self)
  const out = new Set<string>()
  for (let d = 1; d <= Math.ceil(degree / 2) && out.size < ring.length - 1; d++) {
    out.add(ring[(at + d) % ring.length] as string)
    if (out.size < degree) out.add(ring[(at - d + ring.length) % ring.length] as string)
  }
  out.delete(self)
  return out
}

/** Whether to keep a connection to `peer` open, for a roster that may change (recomputed when it does). */
export function meshKeeper(members: () => readonly string[], self: string, degree: number): (peer: string) => boolean {
  let key = ''
  let mesh = new Set<string>()
  return (peer) => {
    const now = members()
    const nowKey = now.join(',')
    if (nowKey !== key) {
      key = nowKey
      mesh = ringNeighbours(now, self, degree)
    }
    return mesh.has(peer)
  }
}
