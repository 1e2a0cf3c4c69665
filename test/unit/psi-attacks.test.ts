import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { InlineDhEngine } from '../../src/crypto/dh-inline.ts'
import { TAG_BYTES } from '../../src/crypto/dh-suite.ts'
import { x25519Backend } from '../../src/crypto/x25519-backend.ts'
import { psiElement } from '../../src/indicators/element.ts'
import { normalize } from '../../src/indicators/normalize.ts'
import { BudgetExceededError, UnknownListError } from '../../src/psi/errors.ts'
import { Mode } from '../../src/psi/messages.ts'
import { DEFAULT_PSI_OPTIONS, type PsiOptions } from '../../src/psi/options.ts'
import { PsiParty } from '../../src/psi/party.ts'
import { countAnnouncement, perElementList, unshuffle } from '../helpers/red-attack.ts'

const engine = new InlineDhEngine(x25519Backend())
const EPOCH = 1000
const COMMUNITY = 'test'

function party(name: string, options: Partial<PsiOptions> = {}): PsiParty {
  const seed = createHash('sha256').update(name).digest()
  return new PsiParty(name, { ...DEFAULT_PSI_OPTIONS, community: COMMUNITY, ...options }, { engine, seed })
}

const element = (value: string) => psiElement(normalize(value))

/** The victim's RED indicators, and candidates the attacker guesses: every third one is held. */
const RED = Array.from({ length: 10 }, (_, i) => `red-${i}.victim.example`)
const candidates = (n: number) =>
  Array.from({ length: n }, (_, i) => (i % 3 === 0 ? RED[(i / 3) % RED.length] : `miss-${i}.example`) as string)

describe('DH-PSI attacks by a malicious member (RED, count mode)', () => {
  it('attack: a scalar per element un-shuffles RED answers: the attacker learns exactly which guesses the victim holds', async () => {
    const victim = party('V')
    const published = await victim.publish(EPOCH, Mode.Count, RED.map(element))
    const guesses = candidates(12)
    const list = perElementList(guesses.map(element), COMMUNITY)
    assert.deepEqual(await victim.raisePeerList('M', countAnnouncement(list, EPOCH, 0), list.points), [], 'count mode names no item')
    const returned = victim.tagsFor('M', EPOCH, Mode.Count, list.hash)
    const learned = unshuffle(list, returned, published.points, { attacker: 'M', victim: 'V', epoch: EPOCH })
    // The degradation SECURITY.md documents: the shuffle hides nothing from a scalar per element.
    assert.deepEqual(
      learned,
      guesses.map((g) => RED.includes(g)),
    )
    assert.equal(learned.filter(Boolean).length, 4)
  })

  it('attack: guesses past the RED budget are refused and learn nothing, however many lists the attacker publishes', async () => {
    const budget = { multiple: 2, floor: 40, cap: 40 }
    const victim = party('V', { budget: { ...DEFAULT_PSI_OPTIONS.budget, [Mode.Count]: budget } })
    const published = await victim.publish(EPOCH, Mode.Count, RED.map(element))
    const limit = victim.budgets.limit(Mode.Count, RED.length)
    assert.equal(limit, 40)
    const pool = candidates(400)
    let next = 0
    let size = 16
    let answered = 0
    let refused = 0
    // 30 lists, each new (fresh scalars, new hash, new generation); on a refusal the attacker
    // tries smaller lists to squeeze every last guess out of the budget.
    for (let generation = 0; generation < 30; generation++) {
      const guesses = pool.slice(next, next + size)
      next += size
      const list = perElementList(guesses.map(element), COMMUNITY)
      try {
        await victim.raisePeerList('M', countAnnouncement(list, EPOCH, generation), list.points)
      } catch (err) {
        assert.ok(err instanceof BudgetExceededError, String(err))
        assert.throws(() => victim.tagsFor('M', EPOCH, Mode.Count, list.hash), UnknownListError, 'a refused list has no answer')
        refused++
        size = Math.max(1, size >> 1)
        continue
      }
      const returned = victim.tagsFor('M', EPOCH, Mode.Count, list.hash)
      assert.equal(returned.length, guesses.length * TAG_BYTES)
      const learned = unshuffle(list, returned, published.points, { attacker: 'M', victim: 'V', epoch: EPOCH })
      assert.deepEqual(
        learned,
        guesses.map((g) => RED.includes(g)),
      )
      answered += guesses.length
    }
    assert.ok(answered <= limit, `${answered} guesses answered; the RED budget is ${limit}`)
    // The bound is tight: an attacker that shrinks its lists spends the whole budget, no more.
    assert.equal(answered, limit)
    assert.equal(victim.budgets.used('M', EPOCH, Mode.Count), limit)
    assert.equal(victim.budgets.refusals[Mode.Count], refused)
    assert.ok(refused >= 20, `${refused} lists refused`)
  })
})
