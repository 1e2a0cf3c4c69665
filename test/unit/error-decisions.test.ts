import { strict as assert } from 'node:assert'
import {
  ConnectionClosedError,
  ConnectionClosingError,
  MuxerClosedError,
  NotStartedError,
  StreamResetError,
  StreamStateError,
  TimeoutError,
} from '@libp2p/interface'
import { UnexpectedEOFError } from '@libp2p/utils'
import { CommanderError } from 'commander'
import { InsecureBindError } from '../../src/api/errors.ts'
import { reportError, UsageError } from '../../src/cli/errors.ts'
import { UserError } from '../../src/errors.ts'
import { InvalidIndicatorError } from '../../src/indicators/errors.ts'
import { toIndicatorRecord } from '../../src/indicators/record.ts'
import { InvalidTlpError } from '../../src/indicators/tlp.ts'
import { LinkClosedError, linkErrorOf } from '../../src/net/link-errors.ts'
import { RosterError } from '../../src/net/signed-roster.ts'
import { AddressExchange } from '../../src/node/address-exchange.ts'
import { ConfigError } from '../../src/node/config.ts'
import { DataDirError } from '../../src/node/data-dir.ts'
import { InsecureKeyFileError } from '../../src/node/identity.ts'
import { RosterRelay } from '../../src/node/roster-relay.ts'
import { ScenarioError } from '../../src/sim/scenario.ts'
import { SchemaTooNewError, StoreLockedError, StoreWriteError } from '../../src/store/errors.ts'

/** Runs reportError with stderr captured. */
function report(err: unknown, env: { debug?: boolean } = {}): { code: number; text: string } {
  const write = process.stderr.write
  const saved = process.env.SIGHTLINE_DEBUG
  let text = ''
  process.stderr.write = ((chunk: string) => {
    text += chunk
    return true
  }) as typeof process.stderr.write
  if (env.debug === true) process.env.SIGHTLINE_DEBUG = '1'
  else delete process.env.SIGHTLINE_DEBUG
  try {
    return { code: reportError(err), text }
  } finally {
    process.stderr.write = write
    if (saved === undefined) delete process.env.SIGHTLINE_DEBUG
    else process.env.SIGHTLINE_DEBUG = saved
  }
}

describe('decisions on typed errors', () => {
  describe('the CLI: a user error is one line, anything else is a bug', () => {
    const userErrors = [
      new ConfigError('bad config'),
      new DataDirError('bad dir'),
      new InsecureBindError('bind'),
      new InsecureKeyFileError('key'),
      new InvalidIndicatorError('bad value'),
      new InvalidTlpError('bad tlp'),
      new ScenarioError('s.json', ['bad']),
      new SchemaTooNewError('too new'),
      new StoreLockedError('locked'),
    ]

    it('prints each user error as one line and exits 1, with no stack trace', () => {
      for (const err of userErrors) {
        assert.ok(err instanceof UserError, err.name)
        const { code, text } = report(err)
        assert.equal(code, 1, err.name)
        assert.equal(text, `sightline: ${err.message}\n`, err.name)
      }
    })

    it('decides on the class, not on the name: a renamed user error is still one, a plain Error named like one is not', () => {
      const renamed = new ConfigError('bad config')
      renamed.name = 'SomethingElse'
      assert.equal(report(renamed).code, 1)
      const impostor = new Error('looks like config')
      impostor.name = 'ConfigError'
      const { code, text } = report(impostor)
      assert.equal(code, 70)
      assert.match(text, /internal error: looks like config/)
      assert.match(text, /Please report this as a bug/)
    })

    it('adds the stack of a user error only with SIGHTLINE_DEBUG=1', () => {
      const { code, text } = report(new StoreLockedError('locked'), { debug: true })
      assert.equal(code, 1)
      assert.match(text, /^sightline: locked\nStoreLockedError: locked\n\s+at /)
    })

    it("uses the exit code an error carries, and treats system errors (ENOENT) as the user's", () => {
      assert.deepEqual(report(new UsageError('no such flag')), { code: 1, text: 'sightline: no such flag\n' })
      assert.equal(report(new CommanderError(2, 'commander.unknownOption', 'unknown option')).code, 2)
      const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' })
      assert.deepEqual(report(enoent), { code: 1, text: 'sightline: no such file\n' })
    })

    it('reports an internal error, or a store that cannot write, as a bug with exit 70', () => {
      assert.equal(report(new TypeError('x is undefined')).code, 70)
      assert.equal(report(new StoreWriteError('disk full')).code, 70)
      assert.equal(report('a string').code, 70)
    })
  })

  describe('a refused value is named once', () => {
    const defaults = { tlp: 'amber' as const, source: 's', now: 0 }
    const reason = (value: string, type?: string): string => {
      try {
        toIndicatorRecord({ kind: 'indicator', line: 1, value, ...(type === undefined ? {} : { type }) }, defaults)
      } catch (err) {
        assert.ok(err instanceof InvalidIndicatorError)
        return err.message
      }
      assert.fail(`${value} was accepted`)
    }

    it('names the value when the reason does not quote it', () => {
      assert.equal(reason('not an indicator'), '"not an indicator" has whitespace inside: not one indicator')
      assert.equal(reason('999.1.1.1', 'ipv4'), 'not an IPv4 address (octets are 0-255, written without leading zeros): "999.1.1.1"')
      // The reason quotes a part of it only (a label): the value is named too.
      assert.equal(reason('-bad.example', 'domain'), 'invalid domain label "-bad": "-bad.example"')
      assert.equal(reason('zz', 'md5'), 'hash is not hexadecimal: "zz"')
    })

    it('does not name it again when the reason quotes it (the error says what it quotes)', () => {
      assert.equal(reason('192.0.2.1:8080'), '"192.0.2.1:8080" is an IPv4 address with port 8080, not one address')
      assert.equal(reason('aaaa.1', 'domain'), '"aaaa.1" is not a domain (numeric top-level label)')
      const quoted = new InvalidIndicatorError('"x" is odd', { quoted: 'x' })
      assert.equal(quoted.quoted, 'x')
      assert.equal(new InvalidIndicatorError('odd').quoted, undefined)
    })

    it('names a long value shortened to 80 characters even when the reason quotes all of it', () => {
      const long = `${'a'.repeat(100)}.123`
      const message = reason(long, 'domain')
      assert.ok(message.endsWith(`: "${'a'.repeat(80)}..."`), message)
    })
  })

  describe('the roster relay reports a refused roster unless it is only stale', () => {
    function relay(applySigned: () => Promise<unknown>) {
      const errors: string[] = []
      const published: Uint8Array[] = []
      let enforced = 0
      const r = new RosterRelay('c', {
        network: {
          subscribe: () => undefined,
          unsubscribe: () => undefined,
          publish: async (_topic, data) => {
            published.push(data)
          },
          enforceRoster: async () => {
            enforced++
          },
        },
        roster: { acceptable: async () => true, applySigned: applySigned as never, signed: undefined },
        onError: (message) => errors.push(message),
      })
      return { r, errors, published, enforced: () => enforced }
    }
    const bytes = new TextEncoder().encode('{"version":2}')

    it('stays quiet about a roster that is not newer than the one held', async () => {
      const t = relay(async () => {
        throw new RosterError('roster version 2 is not newer than the 2 held', { stale: true })
      })
      await t.r.accept(bytes)
      assert.deepEqual(t.errors, [])
      assert.equal(t.published.length, 0)
    })

    it('reports any other refusal, even one whose text says "not newer"', async () => {
      const t = relay(async () => {
        throw new RosterError('roster signature does not verify (version not newer)')
      })
      await t.r.accept(bytes)
      assert.deepEqual(t.errors, ['roster: roster signature does not verify (version not newer)'])
      const other = relay(async () => {
        throw new TypeError('boom')
      })
      await other.r.accept(bytes)
      assert.deepEqual(other.errors, ['roster: boom'])
    })

    it('applies a roster, enforces it and passes it on', async () => {
      const t = relay(async () => ({}))
      await t.r.accept(bytes)
      assert.deepEqual(t.errors, [])
      assert.equal(t.enforced(), 1)
      assert.deepEqual(t.published, [bytes])
    })
  })

  describe('a link that closed is no error for the status page', () => {
    it('takes libp2p errors of a closed stream, connection or node for LinkClosedError, by class and nothing else', () => {
      const closed = [
        new StreamStateError('Cannot write to a stream that is closed'),
        new UnexpectedEOFError('Unexpected EOF - stream closed while reading 0/1 bytes'),
        new ConnectionClosedError(),
        new ConnectionClosingError(),
        new MuxerClosedError(),
        new NotStartedError(),
      ]
      for (const err of closed) {
        const mapped = linkErrorOf(err)
        assert.ok(mapped instanceof LinkClosedError, err.name)
        assert.equal(mapped.message, err.message)
        assert.equal(mapped.cause, err)
      }
      const named = Object.assign(new Error('Cannot write to a stream that is closed'), { name: 'StreamStateError' })
      for (const err of [new StreamResetError('reset by the member'), new TimeoutError(), new TypeError('boom'), named])
        assert.equal(linkErrorOf(err), err, err.name)
    })

    it('address exchange: a link closed mid-exchange is logged at debug only; any other failure is reported', async () => {
      const errors: string[] = []
      let failure: Error = new LinkClosedError('Cannot write to a stream that is closed')
      const exchange = new AddressExchange({
        network: {
          handle: () => undefined,
          unhandle: () => undefined,
          connectedPeers: () => ['p1'],
          request: async () => {
            throw failure
          },
        },
        book: { records: () => [], acceptRecords: async () => 0 },
        isMember: () => true,
        onError: (message) => errors.push(message),
      })
      const settled = async () => {
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
      }
      exchange.refresh('missing')
      await settled()
      assert.deepEqual(errors, [])
      failure = new TypeError('malformed peer records')
      exchange.refresh('missing')
      await settled()
      assert.deepEqual(errors, ['address exchange with p1: malformed peer records'])
    })
  })
})
