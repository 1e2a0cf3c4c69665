import { publicKeyFromProtobuf, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import type { ConnectionEncrypter, MessageStream, PrivateKey, SecureConnectionOptions, SecuredConnection } from '@libp2p/interface'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'

/**
 * A MODEL of a connection encrypter, for simulations on the memory transport only, NOT secure:
 * each side states its public key and the connection then carries plaintext. It stands in for
 * noise where many members share one process, so that a 100-member community's 4,950 pairs fit
 * the time budget: the model counts noise's handshakes and per-frame encryption as free. Nothing
 * is authenticated (a peer could claim any key), so the simulator refuses it with adversaries.
 */
export function modeledEncrypter(privateKey: PrivateKey): ConnectionEncrypter {
  const secure = async (connection: MessageStream, options?: SecureConnectionOptions): Promise<SecuredConnection> => {
    const lp = lpStream(connection, { maxDataLength: 1024 })
    await lp.write(publicKeyToProtobuf(privateKey.publicKey), options)
    const remotePeer = peerIdFromPublicKey(publicKeyFromProtobuf((await lp.read(options)).subarray()))
    if (options?.remotePeer !== undefined && !options.remotePeer.equals(remotePeer))
      throw new Error(`expected ${options.remotePeer.toString()}, reached ${remotePeer.toString()}`)
    return { connection: lp.unwrap(), remotePeer }
  }
  return { protocol: '/sightline/modeled-plaintext/1.0.0', secureInbound: secure, secureOutbound: secure }
}
