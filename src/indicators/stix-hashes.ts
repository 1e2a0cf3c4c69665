import type { IndicatorType } from './types.ts'

type HashType = 'md5' | 'sha1' | 'sha256' | 'sha512'

/** STIX 2.1 hash algorithm names (hashing-algorithm-ov) of our hash types: export and import read this one table. */
export const STIX_HASH_NAMES: Readonly<Record<HashType, string>> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' }

/** The pattern object path of a hash type; a name with a hyphen is quoted (STIX 2.1 section 9.3). */
export function stixHashPath(type: HashType): string {
  const name = STIX_HASH_NAMES[type]
  return `file:hashes.${name.includes('-') ? `'${name}'` : name}`
}

/** Our type of a STIX hash name, in any case, with or without its hyphen (`SHA-256`, `sha256`). */
export function hashTypeOfStixName(name: string): IndicatorType | undefined {
  const wanted = name.toLowerCase()
  for (const [type, stix] of Object.entries(STIX_HASH_NAMES)) {
    const lower = stix.toLowerCase()
    if (wanted === lower || wanted === lower.replace('-', '')) return type as HashType
  }
  return undefined
}
