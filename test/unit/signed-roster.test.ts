import { strict as assert } from 'node:assert'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { RosterError, signRoster, verifyRoster } from '../../src/net/signed-roster.ts'

describe('signed rosters', () => {
  async function setup() {
    const admin = await generateKeyPair('Ed25519')
    const adminId = peerIdFromPrivateKey(admin).toString()
    const members = await Promise.all(
      [1, 2].map(async (i) => ({ peerId: peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString(), organization: `Org ${i}` })),
    )
    return { admin, adminId, members }
  }
  const isRosterError =
    (pattern: RegExp, stale = false) =>
    (err: Error) =>
      err instanceof RosterError && err.stale === stale && pattern.test(err.message)

  it('verifies a roster signed by a trusted admin key', async () => {
    const { admin, adminId, members } = await setup()
    const signed = await signRoster(admin, { community: 'isac', version: 2, members })
    const roster = await verifyRoster(JSON.parse(JSON.stringify(signed)), {
      community: 'isac',
      trustedAdmins: [adminId],
      currentVersion: 1,
    })
    assert.deepEqual(roster.members, members)
  })

  it('refuses an untrusted admin, another community, an older version and any tampering', async () => {
    const { admin, adminId, members } = await setup()
    const signed = await signRoster(admin, { community: 'isac', version: 2, members })
    const expect = { community: 'isac', trustedAdmins: [adminId], currentVersion: 1 }
    await assert.rejects(verifyRoster(signed, { ...expect, trustedAdmins: [] }), isRosterError(/not a trusted admin/))
    await assert.rejects(verifyRoster(signed, { ...expect, community: 'other' }), isRosterError(/community/))
    await assert.rejects(verifyRoster(signed, { ...expect, currentVersion: 2 }), isRosterError(/not newer/, true))
    const added = { ...signed, members: [...signed.members, { peerId: signed.members[0]?.peerId as string, organization: 'Mallory' }] }
    await assert.rejects(verifyRoster(added, expect), isRosterError(/signature does not verify/))
    await assert.rejects(verifyRoster({ ...signed, version: 3 }, expect), isRosterError(/signature does not verify/))
    await assert.rejects(verifyRoster({ nonsense: true }, expect), isRosterError(/not a signed roster/))
  })

  it('refuses to sign duplicates, bad peer ids and a version below 1', async () => {
    const { admin, members } = await setup()
    await assert.rejects(
      signRoster(admin, { community: 'c', version: 1, members: [...members, members[0] as (typeof members)[number]] }),
      isRosterError(/twice/),
    )
    await assert.rejects(
      signRoster(admin, { community: 'c', version: 1, members: [{ peerId: 'nope', organization: 'x' }] }),
      isRosterError(/not a peer id/),
    )
    await assert.rejects(signRoster(admin, { community: 'c', version: 0, members }), isRosterError(/positive integer/))
  })
})
