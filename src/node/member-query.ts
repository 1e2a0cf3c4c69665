import { PsiError } from '../psi/errors.ts'
import { isCountMode, type Mode } from '../psi/messages.ts'
import type { PsiExchange } from './psi-exchange.ts'

/** One member's answers to an analyst's question, per mode asked. */
export interface AskAnswer {
  peer: string
  modes: { mode: Mode; matched?: number[]; count?: number; error?: string }[]
}

/**
 * Asks every member about `elements` now (an analyst's question), in each mode: per item, or for
 * count modes only how many. A member that fails is reported with its reason, not fatal.
 */
export function askMembers(
  exchange: Pick<PsiExchange, 'ask'>,
  peers: readonly string[],
  modes: readonly Mode[],
  elements: Uint8Array[],
): Promise<AskAnswer[]> {
  return Promise.all(
    peers.map(async (peer) => ({
      peer,
      modes: await Promise.all(
        modes.map(async (mode): Promise<AskAnswer['modes'][number]> => {
          try {
            const { found, count } = await exchange.ask(peer, mode, elements)
            return isCountMode(mode) ? { mode, count } : { mode, matched: found, count }
          } catch (err) {
            return { mode, error: err instanceof PsiError ? `${err.code}: ${err.message}` : (err as Error).message }
          }
        }),
      ),
    })),
  )
}
