import { strict as assert } from 'node:assert'
import { parseTime, toIndicatorRecord } from '../../src/indicators/record.ts'

describe('record fields', () => {
  it('reads ISO 8601 times, a time without zone as UTC, and epoch seconds or milliseconds', () => {
    assert.equal(parseTime('2024-03-05T12:00:00Z', 't'), Date.UTC(2024, 2, 5, 12))
    assert.equal(parseTime('2024-03-05 12:00:00', 't'), Date.UTC(2024, 2, 5, 12))
    assert.equal(parseTime('2024-03-05T12:00:00+02:00', 't'), Date.UTC(2024, 2, 5, 10))
    assert.equal(parseTime('2024-03-05', 't'), Date.UTC(2024, 2, 5))
    assert.equal(parseTime(1709640000, 't'), Date.UTC(2024, 2, 5, 12))
    assert.equal(parseTime('1709640000000', 't'), Date.UTC(2024, 2, 5, 12))
  })

  it('refuses loose or impossible times with the field name', () => {
    for (const bad of ['March 5', '2024-13-01T00:00:00Z', 'yesterday', '']) {
      assert.throws(
        () => parseTime(bad, 'first_seen'),
        (err: Error) => err.name === 'InvalidIndicatorError' && /first_seen/.test(err.message),
        bad,
      )
    }
  })

  it('refuses a confidence outside 0-100 and a count below 1', () => {
    const defaults = { tlp: 'amber' as const, source: 's', now: 0 }
    assert.throws(() => toIndicatorRecord({ kind: 'indicator', line: 1, value: '192.0.2.1', confidence: '101' }, defaults), /confidence/)
    assert.throws(() => toIndicatorRecord({ kind: 'indicator', line: 1, value: '192.0.2.1', count: 0 }, defaults), /count/)
    assert.equal(toIndicatorRecord({ kind: 'indicator', line: 1, value: '192.0.2.1', confidence: '55' }, defaults).confidence, 55)
  })
})
