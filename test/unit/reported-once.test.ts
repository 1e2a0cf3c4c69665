import { strict as assert } from 'node:assert'
import { ReportedOnce } from '../../src/node/reported-once.ts'
import { Budgets } from '../../src/psi/budgets.ts'
import { BudgetExceededError } from '../../src/psi/errors.ts'
import { Mode } from '../../src/psi/messages.ts'
import { DEFAULT_PSI_OPTIONS } from '../../src/psi/options.ts'

describe('refusals are counted once', () => {
  it('Budgets: a list refused again counts once; another list, mode or epoch counts again', () => {
    const budgets = new Budgets(DEFAULT_PSI_OPTIONS.budget)
    const limit = budgets.limit(Mode.Items, 10)
    const refuse = (epoch: number, mode: Mode, hash: string) =>
      assert.throws(() => budgets.charge('peer-a', epoch, mode, hash, limit + 1, 10), BudgetExceededError)
    for (let i = 0; i < 5; i++) refuse(1, Mode.Items, 'list-1')
    assert.equal(budgets.refusals[Mode.Items], 1)
    refuse(1, Mode.Items, 'list-2')
    assert.equal(budgets.refusals[Mode.Items], 2)
    refuse(2, Mode.Items, 'list-1')
    assert.equal(budgets.refusals[Mode.Items], 3)
    assert.throws(() => budgets.charge('peer-a', 1, Mode.Count, 'list-1', 1 << 30, 10), BudgetExceededError)
    assert.equal(budgets.refusals[Mode.Count], 1)
    // Nothing refused was charged: a list within the budget still goes through.
    assert.equal(budgets.charge('peer-a', 1, Mode.Items, 'list-3', limit, 10), 0)
  })

  it('ReportedOnce: first per epoch and parts; a new epoch reports afresh; retired epochs are forgotten', () => {
    const once = new ReportedOnce()
    assert.equal(once.first(1, 'peer', 'budget_exceeded'), true)
    assert.equal(once.first(1, 'peer', 'budget_exceeded'), false)
    assert.equal(once.first(1, 'peer', 'too_large'), true)
    assert.equal(once.first(1, 'peer2', 'budget_exceeded'), true)
    // Parts are length-prefixed: ('ab', 'c') is not ('a', 'bc').
    assert.equal(once.first(1, 'ab', 'c'), true)
    assert.equal(once.first(1, 'a', 'bc'), true)
    assert.equal(once.first(1, 'to', 'peer', new Uint8Array([1, 2])), true)
    assert.equal(once.first(1, 'to', 'peer', new Uint8Array([1, 2])), false)
    assert.equal(once.first(2, 'peer', 'budget_exceeded'), true)
    once.retireBefore(2)
    assert.equal(once.first(1, 'peer', 'budget_exceeded'), true)
    assert.equal(once.first(2, 'peer', 'budget_exceeded'), false)
  })
})
