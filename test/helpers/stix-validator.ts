import { strict as assert } from 'node:assert'
import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ValidateFunction } from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const SCHEMAS = join(resolve(REPO, '..', 'shared', 'stix2.1'), 'schemas')
const BUNDLE_SCHEMA = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json'

/** Ajv with every OASIS STIX 2.1 schema added under its $id, so that their relative $refs resolve. */
async function loadSchemas() {
  const ajv = new Ajv2020.default({ strict: false, unicodeRegExp: false, allErrors: true })
  addFormats.default(ajv)
  // ajv-formats has no IDN hostname check; only SCOs (which we do not export) use it.
  ajv.addFormat('idn-hostname', true)
  const files = (await readdir(SCHEMAS, { recursive: true })).filter((f) => f.endsWith('.json'))
  assert.ok(files.length > 50, `schemas found in ${SCHEMAS}`)
  const ids = new Map<string, string>()
  for (const file of files) {
    const schema = JSON.parse(await readFile(join(SCHEMAS, file), 'utf8')) as { $id: string }
    ajv.addSchema(schema)
    ids.set(file, schema.$id)
  }
  return { ajv, ids }
}

/** The OASIS STIX 2.1 bundle schema. */
export async function stixBundleValidator() {
  const { ajv } = await loadSchemas()
  const validate = ajv.getSchema(BUNDLE_SCHEMA)
  assert.ok(validate !== undefined, 'bundle schema loaded')
  return validate
}

/**
 * Asserts that objects are valid STIX 2.1: each against the schema of its type (an SDO, SRO,
 * SCO or the marking definition), else against the bundle schema, which tries them all.
 */
export async function stixObjectsAsserter(): Promise<(objects: readonly unknown[], what: string) => void> {
  const { ajv, ids } = await loadSchemas()
  const byType = new Map<string, ValidateFunction>()
  for (const [file, id] of ids) {
    const [folder, name] = file.split(/[\\/]/)
    if (name === undefined) continue
    if (['sdos', 'sros', 'observables'].includes(folder as string) || name === 'marking-definition.json') {
      byType.set(name.replace(/\.json$/, ''), ajv.getSchema(id) as ValidateFunction)
    }
  }
  assert.ok(byType.has('indicator') && byType.has('sighting') && byType.has('marking-definition'), 'type schemas loaded')
  const bundle = ajv.getSchema(BUNDLE_SCHEMA) as ValidateFunction
  return (objects, what) => {
    for (const [i, object] of objects.entries()) {
      const validate = byType.get(String((object as { type?: unknown }).type)) ?? bundle
      const value = validate === bundle ? { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [object] } : object
      assert.ok(
        validate(value),
        `${what}, object ${i}, fails the OASIS STIX 2.1 schemas:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`,
      )
    }
  }
}
