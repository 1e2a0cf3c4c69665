import { createHash, randomBytes } from 'node:crypto'
import { DH_SUITE, dhPsiDst, POINT_BYTES, TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { tagContext, tagsOf } from '../../src/crypto/dh-tags.ts'
import { hashToU } from '../../src/crypto/hash-to-u.ts'
import { x25519Backend } from '../../src/crypto/x25519-backend.ts'
import { type ListAnnouncement, Mode } from '../../src/psi/messages.ts'

/**
 * The attack of SECURITY.md on RED (count mode), written as a hostile member would run it: each
 * guessed element is raised with its OWN scalar, so the victim's shuffled tags can be put back in
 * order offline. Built from the project's crypto functions only, not from PsiParty.
 */
const backend = x25519Backend()

export interface PerElementList {
  /** n * 32 bytes: guess i raised to scalars[i]. */
  points: Uint8Array
  scalars: Uint8Array[]
  hash: Uint8Array
}

export function perElementList(guesses: readonly Uint8Array[], community: string): PerElementList {
  const dst = dhPsiDst(community, Mode.Count)
  const scalars = guesses.map(() => new Uint8Array(randomBytes(32)))
  const points = new Uint8Array(guesses.length * POINT_BYTES)
  guesses.forEach((guess, i) => {
    points.set(backend.raise(scalars[i] as Uint8Array, hashToU(guess, dst)), i * POINT_BYTES)
  })
  return { points, scalars, hash: createHash('sha256').update(points).digest() }
}

/** The announcement a hostile member signs for such a list (count mode). */
export function countAnnouncement(list: PerElementList, epoch: number, generation: number): ListAnnouncement {
  return {
    version: 2,
    suite: DH_SUITE,
    epoch,
    mode: Mode.Count,
    windowSeconds: 0,
    generation,
    index: 0,
    listHash: list.hash,
    points: list.points.length / POINT_BYTES,
  }
}

/**
 * Un-shuffles the victim's answer: guess i is held when raising the victim's published count
 * list with scalar i, tagged for the attacker as learner, gives one of the returned tags.
 */
export function unshuffle(
  list: PerElementList,
  returned: Uint8Array,
  victimList: Uint8Array,
  ids: { attacker: string; victim: string; epoch: number },
): boolean[] {
  const context = tagContext(ids.attacker, ids.victim, ids.epoch, Mode.Count)
  const answered = new Set<string>()
  for (let i = 0; i < returned.length; i += TAG_BYTES) answered.add(Buffer.from(returned.subarray(i, i + TAG_BYTES)).toString('hex'))
  return list.scalars.map((scalar) => {
    const tags = tagsOf(backend.raise(scalar, victimList), context)
    for (let i = 0; i < tags.length; i += TAG_BYTES)
      if (answered.has(Buffer.from(tags.subarray(i, i + TAG_BYTES)).toString('hex'))) return true
    return false
  })
}
