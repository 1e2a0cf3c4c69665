import { strict as assert } from 'node:assert'
import { DH_SUITE, TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { psiElement } from '../../src/indicators/element.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { PROTOCOLS } from '../../src/net/options.ts'
import { memberParts } from '../../src/node/internals.ts'
import type { SightlineNode } from '../../src/node/node.ts'
import { decode, encode, Mode, type RaiseResponse, Status } from '../../src/psi/messages.ts'
import { DEFAULT_PSI_OPTIONS } from '../../src/psi/options.ts'
import { connectedPair, settle } from '../helpers/community.ts'
import { perElementList, unshuffle } from '../helpers/red-attack.ts'
import { tempDir } from '../helpers/tmp.ts'

const MAX_REPLY = 1 << 20

describe('PSI attacks between member nodes on 127.0.0.1', function () {
  this.timeout(120_000)

  it('attack: raw RED questions with a scalar per element learn membership only up to the RED budget, then BUDGET_EXCEEDED', async () => {
    const { dir, cleanup } = await tempDir()
    const nodes: SightlineNode[] = []
    try {
      const red = Array.from({ length: 6 }, (_, i) => `red-${i}.victim.example`)
      const budget = { multiple: 0, floor: 48, cap: 48 }
      // A: the victim, with RED indicators and a small RED budget; B: the hostile member.
      const { nodeA: victim, nodeB: attacker } = await connectedPair(
        dir,
        nodes,
        red.map((value) => ({ value, tlp: 'red' as const })),
        [{ value: 'attacker.example', tlp: 'amber' }],
        { psi: { budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Count]: budget } } },
      )
      const { service, party } = memberParts(victim)
      const epoch = service.epoch
      // The honest exchange first: the attacker's own (padded) RED list is charged to the same budget.
      await settle(nodes, async () => party.budgets.used(attacker.peerId, epoch, Mode.Count) > 0)
      const spent = party.budgets.used(attacker.peerId, epoch, Mode.Count)
      const limit = party.budgets.limit(Mode.Count, red.length)
      assert.equal(limit, 48)

      // The victim's RED list, fetched by the hash its signed announcement carries, over the list stream.
      const listHash = party.own(epoch, Mode.Count).lists[0]?.hash as Uint8Array
      const { network } = memberParts(attacker)
      const listReply = decode(
        'ListResponse',
        await network.request(victim.peerId, PROTOCOLS.list, encode('ListRequest', { listHash }), undefined, MAX_REPLY),
        MAX_REPLY,
      )
      assert.equal(listReply.status, Status.Ok)

      let answered = 0
      let refused = 0
      for (let round = 0; round < 6; round++) {
        const guesses = Array.from(
          { length: 16 },
          (_, i) => (i % 4 === 0 ? red[(round + i) % red.length] : `miss-${round}-${i}.example`) as string,
        )
        const list = perElementList(
          guesses.map((g) => psiElement(normalize(g))),
          'test',
        )
        const request = encode('RaiseRequest', {
          suite: DH_SUITE,
          epoch,
          mode: Mode.Count,
          listHash: new Uint8Array(0),
          announcement: new Uint8Array(0),
          points: list.points,
        })
        const bytes: Uint8Array = await network.request(victim.peerId, PROTOCOLS.raise, request, undefined, MAX_REPLY)
        const reply: RaiseResponse = decode('RaiseResponse', bytes, MAX_REPLY)
        if (reply.status !== Status.Ok) {
          assert.equal(reply.status, Status.BudgetExceeded, reply.message)
          assert.equal(reply.tags.length, 0, 'a refusal carries no tags')
          refused++
          continue
        }
        assert.equal(reply.tags.length, guesses.length * TAG_BYTES)
        const learned = unshuffle(list, reply.tags, listReply.points, { attacker: attacker.peerId, victim: victim.peerId, epoch })
        assert.deepEqual(
          learned,
          guesses.map((g) => red.includes(g)),
          'the shuffle hides nothing from a scalar per element',
        )
        answered += guesses.length
      }
      assert.ok(spent + answered <= limit, `${spent} + ${answered} elements raised; the RED budget is ${limit}`)
      assert.equal(answered, Math.floor((limit - spent) / 16) * 16)
      assert.equal(refused, 6 - answered / 16)
      const counted = victim.model?.snapshot()
      assert.equal(counted?.budgetRefusals.count, refused)
      assert.equal(counted?.psi.refusedToMembers.budget_exceeded, refused)
    } finally {
      for (const node of nodes) await node.stop()
      await cleanup()
    }
  })
})
