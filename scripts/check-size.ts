// Lists files in src/ over MAX_FILE_LINES lines and functions over MAX_FUNCTION_LINES lines, read
// with the TypeScript compiler API; exits 1 when it finds any outside the exemptions below.
// Run by `npm run lint`. Usage: node --import=tsx scripts/check-size.ts [--all]
// (--all also lists what the exemptions hide).
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast'
import { API } from 'typescript/unstable/sync'

export const MAX_FILE_LINES = 350
export const MAX_FUNCTION_LINES = 80

// Exemptions: generated code and schema literals only, each with its reason.
const EXEMPT_FILES: ReadonlyMap<string, string> = new Map([])

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
])

export interface Finding {
  file: string
  line: number
  lines: number
  what: string
}

function lineOf(sf: SourceFile, pos: number): number {
  const starts = sf.getLineStarts()
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] ?? 0) <= pos) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

function nameOf(node: Node, sf: SourceFile): string {
  const named = node as Node & { name?: Node }
  if (named.name) return named.name.getText(sf)
  if (node.kind === SyntaxKind.Constructor) return 'constructor'
  const parent = node.parent as Node & { name?: Node }
  if (parent?.name) return parent.name.getText(sf)
  return '(anonymous)'
}

/** The oversized file and functions of one parsed source file. */
export function findingsOf(sf: SourceFile, file: string): Finding[] {
  const found: Finding[] = []
  const fileLines = lineOf(sf, sf.end) - (sf.text.endsWith('\n') ? 1 : 0)
  if (fileLines > MAX_FILE_LINES) found.push({ file, line: 1, lines: fileLines, what: 'file' })
  const visit = (node: Node): void => {
    if (FUNCTION_KINDS.has(node.kind)) {
      const start = lineOf(sf, node.getStart(sf))
      const lines = lineOf(sf, node.end) - start + 1
      if (lines > MAX_FUNCTION_LINES) found.push({ file, line: start, lines, what: `function ${nameOf(node, sf)}` })
    }
    node.forEachChild(visit)
  }
  sf.forEachChild(visit)
  return found
}

/** Every file of the project at `root` (its tsconfig.json) in src/ over the limits, exempt or not. */
export function checkSizes(root: string): (Finding & { exempt?: string })[] {
  const api = new API({ cwd: root })
  try {
    const project = api.updateSnapshot({ openProject: join(root, 'tsconfig.json') }).getProjects()[0]
    if (!project) throw new Error('check-size: tsconfig.json did not open')
    const found: (Finding & { exempt?: string })[] = []
    for (const fileName of project.program.getSourceFileNames()) {
      const file = relative(root, fileName)
      if (!file.startsWith('src/') || !file.endsWith('.ts')) continue
      const sf = project.program.getSourceFile(fileName)
      if (!sf) continue
      const exempt = EXEMPT_FILES.get(file)
      for (const f of findingsOf(sf, file)) found.push(exempt === undefined ? f : { ...f, exempt })
    }
    return found
  } finally {
    api.close()
  }
}

function main(): void {
  const all = process.argv.includes('--all')
  let failed = 0
  for (const f of checkSizes(process.cwd())) {
    const limit = f.what === 'file' ? MAX_FILE_LINES : MAX_FUNCTION_LINES
    if (f.exempt !== undefined) {
      if (all) console.log(`${f.file}:${f.line} ${f.what}: ${f.lines} lines > ${limit} (exempt: ${f.exempt})`)
      continue
    }
    console.log(`${f.file}:${f.line} ${f.what}: ${f.lines} lines > ${limit}`)
    failed++
  }
  if (failed > 0) {
    console.log(`check-size: ${failed} over the limits (files ${MAX_FILE_LINES} lines, functions ${MAX_FUNCTION_LINES})`)
    process.exitCode = 1
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main()
