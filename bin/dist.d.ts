export function sourceFiles(dir: string): string[]
export function buildInputs(): string[]
export function freshDistMain(): string | undefined
