import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { DH_SUITE, POINT_BYTES, TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { x25519Backend } from '../../src/crypto/x25519-backend.ts'
import { BadMessageError, BudgetExceededError, WrongSuiteError } from '../../src/psi/errors.ts'
import { encode, Mode } from '../../src/psi/messages.ts'
import { announcementOf, exchange } from '../../src/psi/mutual.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions, paddedSize } from '../../src/psi/options.ts'
import { PsiParty } from '../../src/psi/party.ts'

const engine = new InlineDhEngine(x25519Backend())
const EPOCH = 1000

function party(name: string, options: Partial<PsiOptions> = {}): PsiParty {
  const seed = createHash('sha256').update(name).digest()
  return new PsiParty(name, { ...DEFAULT_PSI_OPTIONS, community: 'test', ...options }, { engine, seed })
}

function items(prefix: string, n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`sightline/v1ipv4\0${prefix}.${i}`))
}

describe('DH-PSI core (sightline-dhpsi-x25519-v1)', () => {
  it('both members learn exactly the intersection of their items, from one raise each way', async () => {
    const a = party('A')
    const b = party('B')
    const shared = items('shared', 25)
    const aItems = [...items('a', 100), ...shared]
    const bItems = [...shared, ...items('b', 60)]
    const la = await a.publish(EPOCH, Mode.Items, aItems)
    const lb = await b.publish(EPOCH, Mode.Items, bItems)
    const result = await exchange(a, b, { a: [la], b: [lb] })
    assert.deepEqual(
      result.aFound.sort((x, y) => x - y),
      Array.from({ length: 25 }, (_, i) => 100 + i),
    )
    assert.deepEqual(
      result.bFound.sort((x, y) => x - y),
      Array.from({ length: 25 }, (_, i) => i),
    )
    // About 32 bytes of list and 8 of tags per padded element and side.
    const padded = la.items.length + lb.items.length
    assert.ok(result.bytes < padded * (POINT_BYTES + TAG_BYTES) + 200, `${result.bytes} bytes for ${padded} points`)
  })

  it('count mode (RED) learns how many, from shuffled tags', async () => {
    const a = party('A')
    const b = party('B')
    const shared = items('red', 7)
    const la = await a.publish(EPOCH, Mode.Count, [...items('a', 30), ...shared])
    const lb = await b.publish(EPOCH, Mode.Count, [...shared, ...items('b', 3)])
    const result = await exchange(a, b, { a: [la], b: [lb] })
    assert.equal(result.aCount, 7)
    assert.equal(result.bCount, 7)
    assert.deepEqual(result.aFound, [])
  })

  it('deltas: 200 single-item additions all match, and the sender folds before the receiver limit', async () => {
    const a = party('A', { maxDeltas: 50 })
    const b = party('B', { maxDeltas: 50 })
    const aAll = items('a', 10)
    const aLists = [await a.publish(EPOCH, Mode.Items, aAll)]
    const bShared = items('late', 200)
    const lb = await b.publish(EPOCH, Mode.Items, [...items('b', 5), ...bShared])
    const found = new Set<string>()
    const note = (numbers: number[]) => {
      for (const n of numbers) found.add(Buffer.from(aAll[n] as Uint8Array).toString())
    }
    note((await exchange(a, b, { a: aLists, b: [lb] })).aFound)
    for (const item of bShared) {
      aAll.push(item)
      const list = await a.add(EPOCH, Mode.Items, [item], () => aAll)
      assert.ok(list.index <= 50, `delta ${list.index} over the limit`)
      b.checkAnnouncement('A', announcementOf(list))
      note((await exchange(a, b, { a: [list], b: [] })).aFound)
    }
    assert.equal(found.size, 200)
    assert.ok(a.own(EPOCH, Mode.Items).generation >= 3, 'folded into new generations')
  })

  it('every list pads to a bucket: no announcement carries an exact item count', async () => {
    const a = party('A')
    for (const n of [0, 1, 15, 17, 100, 1000, 1025]) {
      const list = await a.publish(EPOCH, Mode.Items, items(`n${n}`, n))
      assert.equal(list.items.length, paddedSize(n, 16))
      assert.ok(list.items.length <= Math.max(16, n + n / 8), `overhead at ${n}`)
      assert.equal(list.items.filter((i) => i < 0).length, list.items.length - n)
    }
    assert.equal(paddedSize(100, 16), 104)
    assert.equal(paddedSize(101, 16), 104)
    assert.equal(paddedSize(1025, 16), 1152)
  })

  it('no PSI message carries an exact set size: announcements, lists, deltas and questions show only the bucket', async () => {
    const sizes = [0, 1, 2, 15, 16, 17, 31, 33, 100, 101, 103, 104, 105, 255, 257, 1000, 1025]
    for (const mode of [Mode.Items, Mode.Count]) {
      const bucketOf = new Map<number, number[]>()
      for (const n of sizes) {
        const a = party(`S${n}`)
        const list = await a.publish(EPOCH, mode, items(`s${n}`, n))
        const announced = announcementOf(list)
        const bucket = paddedSize(n, 16)
        assert.equal(announced.points, bucket, `announced points for ${n} items`)
        assert.equal(list.points.length, bucket * POINT_BYTES, `list bytes for ${n} items`)
        const wire = encode('ListResponse', { status: 0, points: list.points, message: '' }).length
        assert.equal(wire, encode('ListResponse', { status: 0, points: new Uint8Array(bucket * POINT_BYTES), message: '' }).length)
        const delta = await a.add(EPOCH, mode, items(`d${n}`, 3), () => [])
        assert.equal(announcementOf(delta).points, 16, 'a delta of 3 items is padded too')
        const question = await a.prepareQuery(EPOCH, mode, items(`q${n}`, n))
        assert.equal(question.points.length, bucket * POINT_BYTES, 'an ad-hoc question is padded too')
        bucketOf.set(bucket, [...(bucketOf.get(bucket) ?? []), n])
      }
      // Sizes that share a bucket cannot be told apart by any message.
      assert.deepEqual(bucketOf.get(16), [0, 1, 2, 15, 16])
      assert.deepEqual(bucketOf.get(104), [100, 101, 103, 104])
    }
    // Two members of 100 and 101 items: lists, announcements and list responses of the same length.
    const [hundred, hundredOne] = await Promise.all([
      party('H').publish(EPOCH, Mode.Items, items('h', 100)),
      party('I').publish(EPOCH, Mode.Items, items('i', 101)),
    ])
    assert.equal(hundred.points.length, hundredOne.points.length)
    assert.equal(encode('ListAnnouncement', announcementOf(hundred)).length, encode('ListAnnouncement', announcementOf(hundredOne)).length)
    assert.equal(announcementOf(hundred).points, announcementOf(hundredOne).points)
  })

  it('the same items give the same list (a restart is not a new list for the budget)', async () => {
    const one = await party('A').publish(EPOCH, Mode.Items, items('x', 40))
    const two = await party('A').publish(EPOCH, Mode.Items, items('x', 40))
    assert.deepEqual(one.hash, two.hash)
  })

  it('attack: republishing new lists cannot go past the budget', async () => {
    const victim = party('V', { budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Items]: { multiple: 2, floor: 100, cap: 1000 } } })
    await victim.publish(EPOCH, Mode.Items, items('v', 10))
    const attacker = party('M')
    let raised = 0
    let refused = 0
    for (let round = 0; round < 10; round++) {
      const list = await attacker.publish(EPOCH, Mode.Items, items(`guess${round}`, 30))
      try {
        await victim.raisePeerList('M', announcementOf(list), list.points)
        raised += list.items.length
      } catch (err) {
        assert.ok(err instanceof BudgetExceededError)
        refused++
      }
    }
    assert.ok(raised <= 100, `raised ${raised} of a budget of 100`)
    assert.equal(refused, 10 - raised / 30)
    assert.equal(victim.budgets.refusals[Mode.Items], refused)
  })

  it('attack: a member that holds none of our items cannot make us record a match', async () => {
    const a = party('A')
    const m = party('M')
    const la = await a.publish(EPOCH, Mode.Items, items('a', 50))
    const lm = await m.publish(EPOCH, Mode.Items, items('m', 50))
    await a.raisePeerList('M', announcementOf(lm), lm.points)
    await m.raisePeerList('A', announcementOf(la), la.points)
    const mine = a.tagsFor('M', EPOCH, Mode.Items, lm.hash)
    // Forgeries: random tags; the tags A computed over M's list (which M could learn by echo);
    // M's honest tags shuffled. None may confirm a match.
    const forged = [randomBytes(la.items.length * TAG_BYTES), mine.subarray(0, la.items.length * TAG_BYTES)]
    const honest = m.tagsFor('A', EPOCH, Mode.Items, la.hash)
    forged.push(Buffer.from(honest).reverse())
    for (const tags of forged) {
      const fresh = party('A')
      const list = await fresh.publish(EPOCH, Mode.Items, items('a', 50))
      await fresh.raisePeerList('M', announcementOf(lm), lm.points)
      try {
        assert.deepEqual(fresh.acceptOwnTags('M', list, tags), [])
      } catch (err) {
        assert.ok(err instanceof BadMessageError, String(err))
      }
    }
    assert.deepEqual(a.acceptOwnTags('M', la, honest), [])
  })

  it('refuses another suite with both names, a list that does not match its hash, and oversize lists', async () => {
    const a = party('A', { maxListPoints: 64 })
    await a.publish(EPOCH, Mode.Items, items('a', 5))
    const lb = await party('B').publish(EPOCH, Mode.Items, items('b', 5))
    const ann = announcementOf(lb)
    await assert.rejects(a.raisePeerList('B', { ...ann, suite: 'sightline-oprf-ristretto255-v1' }, lb.points), (err: Error) => {
      assert.ok(err instanceof WrongSuiteError, err.message)
      assert.match(err.message, /sightline-oprf-ristretto255-v1/)
      assert.match(err.message, new RegExp(DH_SUITE))
      return true
    })
    const tampered = lb.points.slice()
    tampered[0] = (tampered[0] as number) ^ 1
    await assert.rejects(a.raisePeerList('B', ann, tampered), BadMessageError)
    assert.throws(() => a.checkAnnouncement('B', { ...ann, points: 65 }), /at most 64/)
  })
})
