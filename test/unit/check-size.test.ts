import { strict as assert } from 'node:assert'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkSizes, MAX_FILE_LINES, MAX_FUNCTION_LINES } from '../../scripts/check-size.ts'

/** A function of `lines` lines in all, braces included. */
function fn(name: string, lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i}`)
  return [`export function ${name}(): void {`, ...body, '}'].join('\n')
}

describe('scripts/check-size.ts', function () {
  this.timeout(60_000)
  let root: string

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'check-size-'))
    await mkdir(join(root, 'src', 'sim'), { recursive: true })
    await mkdir(join(root, 'scripts'), { recursive: true })
    await writeFile(
      join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['src', 'scripts'] }),
    )
    await writeFile(join(root, 'src', 'ok.ts'), `${fn('fits', MAX_FUNCTION_LINES)}\n`)
    const method = [
      'export class C {',
      '  m(): void {',
      ...Array.from({ length: MAX_FUNCTION_LINES }, () => '    void 0'),
      '  }',
      '}',
    ].join('\n')
    await writeFile(join(root, 'src', 'long.ts'), `${fn('tooLong', MAX_FUNCTION_LINES + 1)}\n${method}\n`)
    const filler = Array.from({ length: MAX_FILE_LINES + 1 }, (_, i) => `export const c${i} = ${i}`).join('\n')
    await writeFile(join(root, 'src', 'big.ts'), `${filler}\n`)
    // Outside src/: not checked.
    await writeFile(join(root, 'scripts', 'tool.ts'), `${fn('scriptsMayBeLong', MAX_FUNCTION_LINES + 20)}\n`)
  })
  after(() => rm(root, { recursive: true, force: true }))

  it('finds functions and methods over 80 lines and files over 350, nothing at the limits, only in src/', () => {
    const found = checkSizes(root)
      .map((f) => `${f.file}:${f.line} ${f.what} ${f.lines}${f.exempt === undefined ? '' : ' exempt'}`)
      .sort()
    assert.deepEqual(found, [
      `src/big.ts:1 file ${MAX_FILE_LINES + 1}`,
      `src/long.ts:1 function tooLong ${MAX_FUNCTION_LINES + 1}`,
      `src/long.ts:${MAX_FUNCTION_LINES + 3} function m ${MAX_FUNCTION_LINES + 2}`,
    ])
  })
})
