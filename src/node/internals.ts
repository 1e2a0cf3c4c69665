import type { Member } from './member-parts.ts'
import type { SightlineNode } from './node.ts'

export type { Member } from './member-parts.ts'

/** The member parts of each node that joins its community; set by the node itself when it builds them. */
const parts = new WeakMap<SightlineNode, Member>()

/** Called by SightlineNode's constructor only: keeps the parts it built out of its public surface. */
export function keepMemberParts(node: SightlineNode, member: Member): void {
  parts.set(node, member)
}

/**
 * The member parts of `node` themselves (network, member service, PSI party, match engine...):
 * for the adversary simulation (a member that tampers through its own network and keys) and this
 * repository's tests only; everything else reads the node through `node.model`.
 */
export function memberParts(node: SightlineNode): Member {
  const member = parts.get(node)
  if (member === undefined) throw new Error(`node ${node.peerId} has no member parts: it was created without network features`)
  return member
}
