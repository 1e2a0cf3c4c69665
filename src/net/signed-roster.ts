import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'

/** A roster signed by a community admin key: newer versions replace older ones everywhere. */
export interface SignedRoster {
  community: string
  version: number
  issuedAt: string
  members: { peerId: string; organization: string }[]
  /** The admin's key as a peer id (Ed25519 public key inside). */
  admin: string
  /** Ed25519 signature, base64, over rosterSigningBytes(). */
  signature: string
}

export class RosterError extends Error {
  override name = 'RosterError'
  /** Not newer than the roster held: usually the same roster reaching us by two paths, nothing to report. */
  readonly stale: boolean

  constructor(message: string, options: { stale?: boolean } = {}) {
    super(message)
    this.stale = options.stale === true
  }
}

const DOMAIN = 'sightline/v1/roster'

/** Domain-separated, canonical bytes: fixed field order, members sorted by peer id. */
function signingBytes(r: Omit<SignedRoster, 'signature' | 'admin'> & { admin: string }): Uint8Array {
  const members = [...r.members]
    .sort((a, b) => (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0))
    .map((m) => [m.peerId, m.organization])
  return new TextEncoder().encode(`${DOMAIN}\u0000${JSON.stringify([r.community, r.version, r.issuedAt, r.admin, members])}`)
}

export async function signRoster(
  adminKey: PrivateKey,
  roster: { community: string; version: number; members: { peerId: string; organization: string }[] },
): Promise<SignedRoster> {
  if (!Number.isSafeInteger(roster.version) || roster.version < 1) throw new RosterError('roster version must be a positive integer')
  const seen = new Set<string>()
  for (const m of roster.members) {
    try {
      peerIdFromString(m.peerId)
    } catch {
      throw new RosterError(`member "${m.peerId}" is not a peer id`)
    }
    if (typeof m.organization !== 'string' || m.organization === '') throw new RosterError(`member ${m.peerId} has no organization`)
    if (seen.has(m.peerId)) throw new RosterError(`member ${m.peerId} is listed twice`)
    seen.add(m.peerId)
  }
  const unsigned = {
    community: roster.community,
    version: roster.version,
    issuedAt: new Date().toISOString(),
    members: roster.members,
    admin: peerIdFromPrivateKey(adminKey).toString(),
  }
  const signature = await adminKey.sign(signingBytes(unsigned))
  return { ...unsigned, signature: Buffer.from(signature).toString('base64') }
}

/**
 * Checks a signed roster: well formed, for our community, signed by one of the trusted admin
 * keys, and newer than the version we hold. Returns it, or throws RosterError saying why.
 */
export async function verifyRoster(
  input: unknown,
  expect: { community: string; trustedAdmins: readonly string[]; currentVersion: number },
): Promise<SignedRoster> {
  const r = input as Partial<SignedRoster>
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.community !== 'string' ||
    typeof r.version !== 'number' ||
    typeof r.issuedAt !== 'string' ||
    typeof r.admin !== 'string' ||
    typeof r.signature !== 'string' ||
    !Array.isArray(r.members) ||
    !r.members.every((m) => typeof m?.peerId === 'string' && typeof m?.organization === 'string')
  ) {
    throw new RosterError('not a signed roster (community, version, issuedAt, members, admin, signature)')
  }
  if (r.community !== expect.community) throw new RosterError(`roster is for community "${r.community}", not "${expect.community}"`)
  if (!expect.trustedAdmins.includes(r.admin))
    throw new RosterError(`roster signed by ${r.admin}, which is not a trusted admin key (config rosterAdmins)`)
  if (r.version <= expect.currentVersion)
    throw new RosterError(`roster version ${r.version} is not newer than the ${expect.currentVersion} held`, { stale: true })
  const key = peerIdFromString(r.admin).publicKey
  const roster = r as SignedRoster
  if (key === undefined || !(await key.verify(signingBytes(roster), Buffer.from(roster.signature, 'base64')))) {
    throw new RosterError('roster signature does not verify')
  }
  return roster
}
