import { strict as assert } from 'node:assert'
import { configureLogging, errorSummary, forComponent, type LogOptions, redact, safe } from '../../src/logger.ts'

/** A sink that keeps the lines it was given. */
function capture(isTTY = false) {
  const lines: string[] = []
  return { lines, sink: { isTTY, write: (line: string) => lines.push(line) } }
}

const NOW = () => new Date('2026-11-30T12:00:00.000Z')
/** A protected (TLP:AMBER) indicator value the tests try to leak. */
const RAW = '203.0.113.77'

describe('logger', () => {
  let savedEnv: string | undefined
  beforeEach(() => {
    savedEnv = process.env.SIGHTLINE_LOG_LEVEL
    delete process.env.SIGHTLINE_LOG_LEVEL
  })
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.SIGHTLINE_LOG_LEVEL
    else process.env.SIGHTLINE_LOG_LEVEL = savedEnv
    configureLogging({})
  })

  function logger(options: LogOptions = {}) {
    const out = capture()
    return { out, log: forComponent('sightline:test', { sink: out.sink, now: NOW, ...options }) }
  }

  it('writes info and above by default, and what SIGHTLINE_LOG_LEVEL or the level option asks for', () => {
    const levels = (options: LogOptions = {}) => {
      const { out, log } = logger(options)
      log.error('e')
      log.warn('w')
      log.info('i')
      log.debug('d')
      return out.lines.map((l) => (JSON.parse(l) as { level: string }).level)
    }
    assert.deepEqual(levels(), ['error', 'warn', 'info'])
    process.env.SIGHTLINE_LOG_LEVEL = 'debug'
    assert.deepEqual(levels(), ['error', 'warn', 'info', 'debug'])
    process.env.SIGHTLINE_LOG_LEVEL = ' WARN '
    assert.deepEqual(levels(), ['error', 'warn'])
    process.env.SIGHTLINE_LOG_LEVEL = 'loud'
    assert.deepEqual(levels(), ['error', 'warn', 'info'], 'an unknown level is info')
    assert.deepEqual(levels({ level: 'error' }), ['error'], 'the option wins over the environment')
    assert.deepEqual(levels({ level: 'silent' }), [])
    const { log } = logger({ level: 'warn' })
    assert.equal(log.enabled('warn'), true)
    assert.equal(log.enabled('info'), false)
  })

  it('writes NDJSON when the sink is not a terminal', () => {
    const { out, log } = logger()
    log.warn('list refused', { peer: safe('12D3KooWPeer'), points: 4096, red: false, modes: [0, 1] })
    assert.equal(out.lines.length, 1)
    assert.match(out.lines[0] as string, /\n$/)
    assert.deepEqual(JSON.parse(out.lines[0] as string), {
      time: '2026-11-30T12:00:00.000Z',
      level: 'warn',
      component: 'sightline:test',
      msg: 'list refused',
      peer: '12D3KooWPeer',
      points: 4096,
      red: false,
      modes: [0, 1],
    })
  })

  it('writes a line for a person on a terminal', () => {
    const out = capture(true)
    const log = forComponent('sightline:psi', { sink: out.sink, now: NOW })
    log.info('published', { mode: 1, file: safe('/var/lib/my node/x') })
    assert.deepEqual(out.lines, ['2026-11-30T12:00:00.000Z INFO  sightline:psi published mode=1 file="/var/lib/my node/x"\n'])
  })

  it('follows configureLogging, also in loggers made before it', () => {
    const out = capture()
    const log = forComponent('sightline:late')
    configureLogging({ level: 'debug', sink: out.sink, format: 'json' })
    log.debug('now visible', { err: new Error('boom') })
    assert.equal(out.lines.length, 1)
    assert.equal((JSON.parse(out.lines[0] as string) as { err: string }).err, 'Error: boom')
  })

  describe('protected values never reach info level or above', () => {
    it('refuses, in the types, messages built at run time and plain text or errors as fields', () => {
      const { out, log } = logger({ level: 'info' })
      const raw: string = RAW // as values read at run time are typed
      // Each call below is a type error (tsc fails if one ever compiles); at run time the value is still kept out.
      // @ts-expect-error a message built at run time
      log.info(`matched ${raw}`)
      // @ts-expect-error a raw value as a field
      log.info('matched', { value: raw })
      // @ts-expect-error an error (its message may quote the value)
      log.warn('import failed', { err: new Error(`bad row ${raw}`) })
      // @ts-expect-error an object
      log.error('record', { record: { value: raw } })
      const sneaky: Record<string, unknown> = { value: raw, list: [raw] }
      // @ts-expect-error untyped fields
      log.info('matched', sneaky)
      assert.equal(out.lines.length, 5)
      for (const line of out.lines.slice(1)) assert.doesNotMatch(line, /203\.0\.113\.77/)
      assert.deepEqual(JSON.parse(out.lines[4] as string).list, ['[redacted]'])
      // The first line shows why the message must be a constant: the types are the guard there.
      assert.match(out.lines[0] as string, /203\.0\.113\.77/)
    })

    it('redact() gives a keyed token: stable in this process, different per value, not the value or its plain hash', async () => {
      const { createHash } = await import('node:crypto')
      const token = redact(RAW).toString()
      assert.match(token, /^redacted:[0-9a-f]{12}$/)
      assert.equal(redact(RAW).toString(), token)
      assert.notEqual(redact('203.0.113.78').toString(), token)
      assert.equal(token.includes(createHash('sha256').update(RAW).digest('hex').slice(0, 12)), false)
      const { out, log } = logger()
      log.info('match recorded', { indicator: redact(RAW) })
      assert.doesNotMatch(out.lines[0] as string, /203\.0\.113\.77/)
      assert.equal(JSON.parse(out.lines[0] as string).indicator, token)
    })

    it('errorSummary() keeps the class and code of an error, never its message', () => {
      class StoreWriteError extends Error {
        override name = 'StoreWriteError'
        readonly code = 'ENOSPC'
      }
      assert.equal(errorSummary(new StoreWriteError(`writing ${RAW}`)).toString(), 'StoreWriteError (ENOSPC)')
      assert.equal(errorSummary(new TypeError(RAW)).toString(), 'TypeError')
      assert.equal(errorSummary(RAW).toString(), 'string')
    })

    it('debug, off by default, takes anything', () => {
      const { out, log } = logger()
      log.debug('normalizing', { value: RAW })
      assert.deepEqual(out.lines, [])
      const debug = logger({ level: 'debug' })
      debug.log.debug(`normalizing ${RAW}`, { err: new RangeError('x'), n: 10n })
      const line = JSON.parse(debug.out.lines[0] as string)
      assert.equal(line.msg, `normalizing ${RAW}`)
      assert.equal(line.err, 'RangeError: x')
      assert.equal(line.n, '10')
    })
  })
})
