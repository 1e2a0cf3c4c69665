import { strict as assert } from 'node:assert'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GENERATED_DIR, generateCodecs, SCHEMAS } from '../../scripts/generate-codecs.ts'
import { tempDir } from '../helpers/tmp.ts'

/** The committed codecs in proto/gen must be what `npm run generate` makes of proto/ today. */
describe('generated codecs are up to date with proto/', () => {
  it('regenerating into a temporary directory gives the committed files, byte for byte', async function () {
    // pbjs and its .d.ts step (jsdoc) take seconds, more on a busy machine.
    this.timeout(120_000)
    const { dir, cleanup } = await tempDir('sightline-codegen-')
    try {
      const written = await generateCodecs(dir)
      assert.equal(written.length, SCHEMAS.length * 2)
      const committed = (await readdir(GENERATED_DIR)).sort()
      assert.deepEqual(committed, (await readdir(dir)).sort(), 'proto/gen holds exactly the generated files')
      for (const name of committed) {
        const fresh = await readFile(join(dir, name), 'utf8')
        const kept = await readFile(join(GENERATED_DIR, name), 'utf8')
        assert.ok(fresh.length > 0, `${name} was generated`)
        assert.ok(fresh === kept, `proto/gen/${name} is out of date with proto/: run \`npm run generate\` and commit the result`)
      }
    } finally {
      await cleanup()
    }
  })
})
