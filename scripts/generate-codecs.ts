/**
 * Generates the wire codecs from proto/*.proto with protobufjs-cli: static code (no reflection,
 * no .proto read at run time) as an ES module, plus its TypeScript declarations.
 *
 *   npm run generate            writes proto/gen/<name>.js and proto/gen/<name>.d.ts
 *   npm run generate -- DIR     writes them to DIR instead (the freshness test compares the two)
 *
 * Each schema gets its own protobufjs root name, so the three modules never overwrite each other's
 * namespace in protobufjs' shared registry of roots.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pbjs } from 'protobufjs-cli'

export const PROTO_DIR = fileURLToPath(new URL('../proto/', import.meta.url))
export const GENERATED_DIR = join(PROTO_DIR, 'gen')
export const SCHEMAS = ['net', 'psi', 'sightline'] as const

const OPTIONS = [
  ['--target', 'static-module'],
  ['--wrap', 'esm'],
  ['--dependency', 'protobufjs/minimal.js'],
  // Only what the codecs use: typed classes with encode and decode.
  ['--no-verify', '--no-convert', '--no-delimited', '--no-typeurl', '--no-service'],
].flat()

function run(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    pbjs.main(args, (err) => (err ? fail(err) : done()))
  })
}

async function prependHeader(file: string, schema: string): Promise<void> {
  const text = await readFile(file, 'utf8')
  const header = `// Generated from proto/${schema}.proto by \`npm run generate\` (protobufjs-cli). Do not edit.\n`
  await writeFile(file, header + text)
}

/** Writes `<schema>.js` and `<schema>.d.ts` for every schema into `outDir` (which must exist). */
export async function generateCodecs(outDir: string = GENERATED_DIR): Promise<string[]> {
  const written: string[] = []
  for (const schema of SCHEMAS) {
    const js = join(outDir, `${schema}.js`)
    await run([...OPTIONS, '--root', `sightline-${schema}`, '--dts', '--out', js, join(PROTO_DIR, `${schema}.proto`)])
    const dts = join(outDir, `${schema}.d.ts`)
    for (const file of [js, dts]) await prependHeader(file, schema)
    written.push(js, dts)
  }
  return written
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await generateCodecs(process.argv[2] === undefined ? GENERATED_DIR : resolve(process.argv[2]))
  for (const file of files) console.log(`wrote ${file}`)
}
