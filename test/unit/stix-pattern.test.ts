import { strict as assert } from 'node:assert'
import { parseSimplePattern, UnsupportedPatternError } from '../../src/indicators/formats/stix-pattern.ts'

function rejects(pattern: string, reason: RegExp): void {
  assert.throws(
    () => parseSimplePattern(pattern),
    (err: unknown) => {
      assert.ok(err instanceof UnsupportedPatternError, `${pattern}: threw ${String(err)}`)
      assert.equal(err.name, 'UnsupportedPatternError')
      assert.match(err.message, reason)
      return true
    },
  )
}

describe('parseSimplePattern', () => {
  it('reads one equality comparison', () => {
    assert.deepEqual(parseSimplePattern("[ipv4-addr:value = '1.2.3.4']"), [{ type: 'ip', value: '1.2.3.4' }])
  })

  it('allows whitespace anywhere between tokens, and none', () => {
    assert.deepEqual(parseSimplePattern("[ ipv4-addr:value='10.0.0.0' ]"), [{ type: 'ip', value: '10.0.0.0' }])
    assert.deepEqual(parseSimplePattern("\n[\tdomain-name:value  =  'evil.example'\n]\n"), [{ type: 'domain', value: 'evil.example' }])
  })

  it('maps each object path to a type', () => {
    const cases: [string, string][] = [
      ['ipv4-addr:value', 'ip'],
      ['ipv6-addr:value', 'ip'],
      ['domain-name:value', 'domain'],
      ['url:value', 'url'],
      ['email-addr:value', 'email'],
      ['email-message:from_ref.value', 'email'],
      ['email-message:sender_ref.value', 'email'],
    ]
    for (const [path, type] of cases) {
      assert.deepEqual(parseSimplePattern(`[${path} = 'x']`), [{ type, value: 'x' }], path)
    }
  })

  it("reads file hashes: quoted 'SHA-256' and bare MD5, SHA-1 and SHA-512, in any case", () => {
    assert.deepEqual(parseSimplePattern("[file:hashes.'SHA-256' = 'aa']"), [{ type: 'sha256', value: 'aa' }])
    assert.deepEqual(parseSimplePattern("[file:hashes.MD5 = 'bb']"), [{ type: 'md5', value: 'bb' }])
    assert.deepEqual(parseSimplePattern("[file:hashes.md5 = 'bb']"), [{ type: 'md5', value: 'bb' }])
    assert.deepEqual(parseSimplePattern("[file:hashes.'SHA-1' = 'cc']"), [{ type: 'sha1', value: 'cc' }])
    assert.deepEqual(parseSimplePattern('[file:hashes."SHA-512" = \'dd\']'), [{ type: 'sha512', value: 'dd' }])
    assert.deepEqual(parseSimplePattern("[artifact:hashes.'SHA-256' = 'ee']"), [{ type: 'sha256', value: 'ee' }])
  })

  it('reads OR inside an observation expression', () => {
    assert.deepEqual(
      parseSimplePattern("[domain-name:value = 'a.example' OR ipv4-addr:value = '192.0.2.1' OR url:value = 'http://a.example/']"),
      [
        { type: 'domain', value: 'a.example' },
        { type: 'ip', value: '192.0.2.1' },
        { type: 'url', value: 'http://a.example/' },
      ],
    )
  })

  it('reads OR between observation expressions, mixed with OR inside them', () => {
    assert.deepEqual(
      parseSimplePattern(
        "[file:hashes.'SHA-256' = 'aa'] OR [file:hashes.MD5 = 'bb' OR file:hashes.'SHA-1' = 'cc'] OR [ipv6-addr:value = '2001:db8::1']",
      ),
      [
        { type: 'sha256', value: 'aa' },
        { type: 'md5', value: 'bb' },
        { type: 'sha1', value: 'cc' },
        { type: 'ip', value: '2001:db8::1' },
      ],
    )
  })

  it('unescapes quotes and backslashes in string literals', () => {
    assert.deepEqual(parseSimplePattern("[url:value = 'http://evil.example/it\\'s']"), [{ type: 'url', value: "http://evil.example/it's" }])
    assert.deepEqual(parseSimplePattern("[url:value = 'http://evil.example/a\\\\b']"), [{ type: 'url', value: 'http://evil.example/a\\b' }])
    assert.deepEqual(parseSimplePattern("[url:value = 'x OR ] AND [ = \\'']"), [{ type: 'url', value: "x OR ] AND [ = '" }])
  })

  it('keeps the hash or address of a conjunction, the other comparisons as its context', () => {
    const sha = 'a'.repeat(64)
    assert.deepEqual(parseSimplePattern(`[file:name = 'invoice.exe' AND file:hashes.'SHA-256' = '${sha}']`), [
      { type: 'sha256', value: sha, context: ["file:name = 'invoice.exe'"] },
    ])
    assert.deepEqual(
      parseSimplePattern(
        "[network-traffic:dst_port = 8443 AND network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.0.2.7']",
      ),
      [{ type: 'ip', value: '192.0.2.7', context: ['network-traffic:dst_port = 8443', "network-traffic:dst_ref.type = 'ipv4-addr'"] }],
    )
    assert.deepEqual(parseSimplePattern("[domain-name:value = 'a.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.3']"), [
      { type: 'domain', value: 'a.example' },
      { type: 'ip', value: '198.51.100.3' },
    ])
  })

  it('distributes AND over OR and parentheses into conjunctions', () => {
    assert.deepEqual(parseSimplePattern("[(file:hashes.MD5 = 'bb' OR file:hashes.'SHA-1' = 'cc') AND file:size = 10]"), [
      { type: 'md5', value: 'bb', context: ['file:size = 10'] },
      { type: 'sha1', value: 'cc', context: ['file:size = 10'] },
    ])
  })

  it('expands IN lists into their values', () => {
    assert.deepEqual(parseSimplePattern("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]"), [
      { type: 'ip', value: '192.0.2.1' },
      { type: 'ip', value: '192.0.2.2' },
    ])
  })

  it('rejects a conjunction that carries no value we hold, and AND between observation expressions', () => {
    rejects("[file:name = 'invoice.exe' AND file:size = 10]", /no comparison carries a value Sightline holds \(object path file:name/)
    rejects("[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'evil.example']", /"AND" is not supported/)
  })

  it('rejects FOLLOWEDBY', () => {
    rejects("[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'evil.example']", /"FOLLOWEDBY" is not supported/)
  })

  it('rejects qualifiers: WITHIN, REPEATS, START/STOP', () => {
    rejects("[ipv4-addr:value = '1.2.3.4'] WITHIN 300 SECONDS", /"WITHIN" is not supported/)
    rejects("[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES", /"REPEATS" is not supported/)
    rejects("[ipv4-addr:value = '1.2.3.4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", /"START" is not supported/)
  })

  it('rejects operators other than = and IN on the value itself', () => {
    rejects("[ipv4-addr:value != '1.2.3.4']", /ipv4-addr:value != '1.2.3.4' is not an exact value/)
    rejects("[email-message:subject MATCHES '^Invoice']", /email-message:subject/)
    rejects("[domain-name:value LIKE 'evil%']", /domain-name:value LIKE 'evil%' is not an exact value/)
    rejects("[ipv4-addr:value NOT = '1.2.3.4']", /ipv4-addr:value NOT = '1.2.3.4' is not an exact value/)
    rejects("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", /ISSUBSET '10.0.0.0\/8' is not an exact value/)
    rejects('[file:size > 1000]', /file:size/)
    rejects("[ipv4-addr:value == '1.2.3.4']", /expected a literal but found "="/)
  })

  it('rejects object paths that are not exact-match observables we hold', () => {
    rejects("[file:name = 'invoice.exe']", /object path file:name is not an exact-match observable/)
    rejects("[x509-certificate:issuer = 'CN=WEBMAIL']", /x509-certificate:issuer/)
    rejects("[file:hashes.'SSDEEP' = '3:abc:def']", /file:hashes.'SSDEEP'/)
    rejects("[email-message:to_refs[*].value = 'a@evil.example']", /email-message:to_refs\[\*\]\.value/)
    rejects("[network-traffic:dst_port = '443']", /network-traffic:dst_port/)
  })

  it('rejects unterminated strings, including one ended by an escaped quote', () => {
    rejects("[ipv4-addr:value = '1.2.3.4]", /unterminated string literal/)
    rejects("[ipv4-addr:value = '1.2.3.4\\']", /unterminated string literal/)
    rejects("[ipv4-addr:value = '1.2.3.4\\", /unterminated string literal/)
  })

  it('rejects broken structure', () => {
    rejects('', /expected \[ but found end of pattern/)
    rejects("ipv4-addr:value = '1.2.3.4'", /expected \[ but found "ipv4-addr:value"/)
    rejects("[ipv4-addr:value = '1.2.3.4'", /expected \] but found end of pattern/)
    rejects("[ipv4-addr:value = '1.2.3.4']]", /expected OR but found "\]"/)
    rejects("[ipv4-addr:value = '1.2.3.4'] OR", /expected \[ but found end of pattern/)
    rejects('[]', /expected path but found "\]"/)
    rejects('[ipv4-addr:value = 1234]', /ipv4-addr:value = 1234 is not an exact value/)
    rejects("([ipv4-addr:value = '1.2.3.4'])", /expected \[ but found "\("/)
    rejects("[ipv4-addr:value = '1.2.3.4' OR]", /expected path but found "\]"/)
  })
})
