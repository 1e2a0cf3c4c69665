import { randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { UserError } from '../errors.ts'

export class InsecureKeyFileError extends UserError {
  override name = 'InsecureKeyFileError'
}

export interface Identity {
  privateKey: PrivateKey
  /** The libp2p peer id (base58btc), derived from the Ed25519 public key. */
  peerId: string
}

/** Creates the node's Ed25519 libp2p key; fails if the file exists. Mode 0600. */
export async function createIdentity(file: string): Promise<Identity> {
  const privateKey = await generateKeyPair('Ed25519')
  await writeFile(file, privateKeyToProtobuf(privateKey), { mode: 0o600, flag: 'wx' })
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey).toString() }
}

/** Loads the key and refuses one that others can read, as ssh does. */
export async function loadIdentity(file: string): Promise<Identity> {
  const info = await stat(file)
  if ((info.mode & 0o077) !== 0) {
    throw new InsecureKeyFileError(
      `identity key ${file} is accessible by other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
    )
  }
  const privateKey = privateKeyFromProtobuf(await readFile(file))
  if (privateKey.type !== 'Ed25519') throw new InsecureKeyFileError(`identity key ${file} is ${privateKey.type}, expected Ed25519`)
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey).toString() }
}

/** A bearer token for the local API: 256 random bits, base64url. Mode 0600. */
export async function createApiToken(file: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
  return token
}
