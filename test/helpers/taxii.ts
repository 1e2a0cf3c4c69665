import { strict as assert } from 'node:assert'
import { HttpApi } from '../../src/api/server.ts'
import { TAXII_MEDIA_TYPE } from '../../src/api/taxii/media.ts'
import { taxiiPlugin } from '../../src/api/taxii/routes.ts'
import type { Store } from '../../src/store/store.ts'

export type TaxiiObject = { id: string; type: string; [k: string]: unknown }

/** A TAXII server over `store` for one call of `work` (base URL and auth headers given). */
export async function withTaxii<T>(store: Store, work: (get: (path: string) => Promise<Response>) => Promise<T>): Promise<T> {
  const api = new HttpApi({ host: '127.0.0.1', port: 0, token: 't', insecureBind: false, maxBodyBytes: 1 << 20 }, [
    taxiiPlugin({ store, community: 'test', peerId: '12D3KooWSelf', defaultTlp: 'amber', onLocalChange: () => {} }),
  ])
  await api.start()
  try {
    return await work((path) => fetch(`${api.url}${path}`, { headers: { authorization: 'Bearer t', accept: TAXII_MEDIA_TYPE } }))
  } finally {
    await api.stop()
  }
}

/** Every object of the TAXII matches collection, paged two at a time. */
export function taxiiMatches(store: Store): Promise<TaxiiObject[]> {
  return withTaxii(store, async (get) => {
    const objects: TaxiiObject[] = []
    let next: string | undefined
    for (let pages = 0; pages < 100; pages++) {
      const query = new URLSearchParams({ limit: '2', ...(next === undefined ? {} : { next }) })
      const response = await get(`/taxii2/sightline/collections/matches/objects/?${query}`)
      assert.equal(response.status, 200)
      const page = (await response.json()) as { more: boolean; next?: string; objects: TaxiiObject[] }
      objects.push(...page.objects)
      if (!page.more) return objects
      next = page.next
    }
    throw new Error('TAXII paging did not end')
  })
}
