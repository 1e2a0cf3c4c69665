import { createHash } from 'node:crypto'
import { type GossipsubOpts, StrictNoSign } from '@libp2p/gossipsub'
import { createTopicScoreParams } from '@libp2p/gossipsub/score'

/**
 * Gossipsub settings of the network: no gossipsub signature (our envelopes carry their own), and
 * peer scores in which only invalid messages on our `topics` count.
 */
export function gossipOptions(maxGossipBytes: number, topics: Iterable<string>): Partial<GossipsubOpts> {
  return {
    // Our envelopes carry their own signature: gossipsub's would be a second one.
    globalSignaturePolicy: StrictNoSign,
    msgIdFn: (msg) => createHash('sha256').update(msg.data).digest().subarray(0, 20),
    allowPublishToZeroTopicPeers: true,
    ignoreDuplicatePublishError: true,
    emitSelf: false,
    maxInboundDataLength: maxGossipBytes * 2,
    scoreParams: {
      IPColocationFactorWhitelist: new Set(['127.0.0.1']),
      // Only P4 (invalid messages) per topic: every REJECT verdict costs the sender score,
      // squared per topic, decaying by 10% a second; delivery-rate terms stay off.
      topics: Object.fromEntries(
        [...topics].map((t) => [
          t,
          createTopicScoreParams({
            topicWeight: 1,
            timeInMeshWeight: 0,
            firstMessageDeliveriesWeight: 0,
            meshMessageDeliveriesWeight: 0,
            meshFailurePenaltyWeight: 0,
            invalidMessageDeliveriesWeight: -10,
            invalidMessageDeliveriesDecay: 0.9,
          }),
        ]),
      ),
    },
  }
}
