import { strict as assert } from 'node:assert'
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { alertDestinations } from '../../src/node/alert-sinks/from-config.ts'
import { resolveConfig } from '../../src/node/config.ts'
import { tempDir } from '../helpers/tmp.ts'

describe('alerts config', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir())
  })
  afterEach(() => cleanup())

  async function load(alerts: unknown, env: NodeJS.ProcessEnv = {}, mode = 0o600) {
    const file = join(dir, 'config.json')
    await writeFile(file, JSON.stringify({ alerts }))
    await chmod(file, mode)
    return resolveConfig({ dataDir: dir }, env)
  }

  async function refused(alerts: unknown, pattern: RegExp, env: NodeJS.ProcessEnv = {}, mode = 0o600) {
    await assert.rejects(load(alerts, env, mode), (err: Error) => {
      assert.equal(err.name, 'ConfigError')
      assert.match(err.message, pattern)
      return true
    })
  }

  it('reads webhooks, file and syslog with default names, and builds one destination each', async () => {
    const config = await load({
      webhooks: [{ url: 'https://siem.example/hook', secret: 'sixteen-chars-min', headers: { Authorization: 'Bearer x' } }],
      file: 'alerts.ndjson',
      syslog: [
        { host: '127.0.0.1', port: 514, protocol: 'udp' },
        { name: 'qradar', host: 'qr.example', port: 6514, protocol: 'tcp' },
      ],
      maxAttempts: 5,
    })
    assert.deepEqual(config.alerts, {
      webhooks: [
        { name: 'webhook-1', url: 'https://siem.example/hook', secret: 'sixteen-chars-min', headers: { Authorization: 'Bearer x' } },
      ],
      file: join(dir, 'alerts.ndjson'),
      syslog: [
        { name: 'syslog-1', host: '127.0.0.1', port: 514, protocol: 'udp', framing: 'octet-counting', facility: 16 },
        { name: 'qradar', host: 'qr.example', port: 6514, protocol: 'tcp', framing: 'octet-counting', facility: 16 },
      ],
      maxAttempts: 5,
    })
    assert.deepEqual(
      alertDestinations(config.alerts).map((d) => d.name),
      ['webhook-1', 'file', 'syslog-1', 'qradar'],
    )
    assert.equal(resolveConfig({ dataDir: join(dir, 'none') }, {}).alerts, undefined, 'no alerts unless configured')
  })

  it('takes the webhook secret from SIGHTLINE_WEBHOOK_SECRET when the file has none', async () => {
    const config = await load({ webhooks: [{ url: 'http://127.0.0.1:9/x' }] }, { SIGHTLINE_WEBHOOK_SECRET: 'from-the-environment' }, 0o644)
    assert.equal(config.alerts?.webhooks[0]?.secret, 'from-the-environment')
  })

  it('refuses bad settings with messages that name them', async () => {
    await refused({ webhooks: [{ url: 'ftp://x.example/', secret: 'sixteen-chars-min' }] }, /webhooks\[0\]\.url must be an http\(s\) URL/)
    await refused({ webhooks: [{ url: 'not a url', secret: 'sixteen-chars-min' }] }, /url must be an http\(s\) URL/)
    await refused({ webhooks: [{ url: 'https://x.example/' }] }, /secret is missing/)
    await refused({ webhooks: [{ url: 'https://x.example/', secret: 'short' }] }, /at least 16 characters/)
    await refused(
      { webhooks: [{ url: 'https://x.example/', secret: 'sixteen-chars-min', headers: { 'X-Sightline-Signature': 'x' } }] },
      /is set by Sightline/,
    )
    await refused({ syslog: [{ host: 'h', port: 70000, protocol: 'udp' }] }, /port must be a port number/)
    await refused({ syslog: [{ host: 'h', port: 514, protocol: 'http' }] }, /protocol must be "udp" or "tcp"/)
    await refused(
      {
        webhooks: [{ name: 'a', url: 'https://x.example/', secret: 'sixteen-chars-min' }],
        syslog: [{ name: 'a', host: 'h', port: 514, protocol: 'udp' }],
      },
      /"a" is used twice/,
    )
    await refused({ webhooks: [{ name: 'a/b', url: 'https://x.example/', secret: 'sixteen-chars-min' }] }, /name must be/)
    await refused({ maxAttempts: 0 }, /maxAttempts/)
    await refused({ email: 'soc@x.example' }, /unknown setting "email"/)
  })

  it('refuses a config file that holds a webhook secret and other users can read', async () => {
    await refused({ webhooks: [{ url: 'https://x.example/', secret: 'sixteen-chars-min' }] }, /chmod 600/, {}, 0o644)
  })
})
