/**
 * The other members in peer-id order, starting after `self` and wrapping around. When every member
 * runs all its pairs at once (start, epoch rotation, reconcile), each then begins with different
 * members: in one common order every node would dial the same first few members together, and two
 * members that dial each other at the same moment open two connections where one would do.
 */
export function membersAfter(members: readonly string[], self: string): string[] {
  const others = [...new Set(members)].filter((peer) => peer !== self).sort()
  const start = others.findIndex((peer) => peer > self)
  return start <= 0 ? others : [...others.slice(start), ...others.slice(0, start)]
}
