/** TAXII 2.1: the media types of TAXII resources and of STIX content. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1'
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1'

interface MediaRange {
  type: string
  params: Map<string, string>
}

function parseMediaRange(text: string): MediaRange {
  const [type = '', ...params] = text.split(';').map((part) => part.trim())
  const map = new Map<string, string>()
  for (const param of params) {
    const at = param.indexOf('=')
    if (at > 0)
      map.set(
        param.slice(0, at).trim().toLowerCase(),
        param
          .slice(at + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      )
  }
  return { type: type.toLowerCase(), params: map }
}

/** `application/taxii+json`, with no version or version 2.1: the only TAXII this server speaks. */
function isTaxii21(range: MediaRange): boolean {
  const version = range.params.get('version')
  return range.type === 'application/taxii+json' && (version === undefined || version === '2.1')
}

/**
 * Whether an Accept header admits TAXII 2.1 JSON. Clients must send
 * `application/taxii+json;version=2.1`; `*\/*` and `application/*` (what curl and fetch send by
 * default) are let through too, while any other type or another TAXII version is refused (406).
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true
  return accept.split(',').some((item) => {
    const range = parseMediaRange(item)
    if (range.params.get('q') !== undefined && Number(range.params.get('q')) === 0) return false
    return range.type === '*/*' || range.type === 'application/*' || isTaxii21(range)
  })
}

/** Whether a POST body is TAXII 2.1 JSON (Add Objects takes an envelope); anything else is a 415. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && isTaxii21(parseMediaRange(contentType))
}
