import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { CryptoIntegrityError } from './errors.js';
import { hmacSm3, timingSafeEqualBytes } from './sm3.js';

export { CryptoIntegrityError } from './errors.js';

const SM4_KEY_BYTES = 16;
const SM4_BLOCK_BYTES = 16;
const SEAL_KEY_BYTES = 32;
const SEAL_VERSION = 1;
const IV_BYTES = 16;
const TAG_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES;
// Distinct labels give independent encryption and MAC keys from one 32-byte master key.
const ENC_KEY_LABEL = 'tongban/sm4-seal/v1/enc';
const MAC_KEY_LABEL = 'tongban/sm4-seal/v1/mac';
const NO_AAD = new Uint8Array(0);

function assertByteLength(what: string, bytes: Uint8Array, expected: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== expected) {
    throw new RangeError(`${what} must be ${expected} bytes`);
  }
}

function transformBlock(key: Uint8Array, block: Uint8Array, encrypt: boolean): Buffer {
  assertByteLength('SM4 key', key, SM4_KEY_BYTES);
  assertByteLength('SM4 block', block, SM4_BLOCK_BYTES);
  const cipher = encrypt ? createCipheriv('sm4-ecb', key, null) : createDecipheriv('sm4-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** Raw SM4 (GB/T 32907) on one 16-byte block. No mode, no padding: for test vectors and building blocks. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return transformBlock(key, block, true);
}

export function sm4DecryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  return transformBlock(key, block, false);
}

function deriveSealKeys(key: Uint8Array): { encKey: Buffer; macKey: Buffer } {
  assertByteLength('Seal key', key, SEAL_KEY_BYTES);
  return {
    encKey: hmacSm3(key, ENC_KEY_LABEL).subarray(0, SM4_KEY_BYTES),
    macKey: hmacSm3(key, MAC_KEY_LABEL),
  };
}

/** Tag over version ‖ iv ‖ len64(aad) ‖ aad ‖ ciphertext; the length prefix keeps aad/ciphertext unambiguous. */
function computeTag(macKey: Uint8Array, header: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Buffer {
  const aadLength = Buffer.alloc(8);
  aadLength.writeBigUInt64BE(BigInt(aad.length));
  return createHmac('sm3', macKey).update(header).update(aadLength).update(aad).update(ciphertext).digest();
}

/**
 * Authenticated encryption: SM4-CTR with a random IV, then HMAC-SM3 over everything (encrypt-then-MAC).
 * Layout: version (1) ‖ iv (16) ‖ ciphertext ‖ tag (32). `aad` is authenticated but not stored.
 */
export function sm4Seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = NO_AAD): Buffer {
  const { encKey, macKey } = deriveSealKeys(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-ctr', encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.concat([Buffer.of(SEAL_VERSION), iv]);
  return Buffer.concat([header, ciphertext, computeTag(macKey, header, aad, ciphertext)]);
}

/** Reverses sm4Seal. Verifies the tag before decrypting; throws CryptoIntegrityError on any mismatch. */
export function sm4Open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = NO_AAD): Buffer {
  const { encKey, macKey } = deriveSealKeys(key);
  if (sealed.length < HEADER_BYTES + TAG_BYTES) {
    throw new CryptoIntegrityError('Sealed data is truncated');
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  if (header[0] !== SEAL_VERSION) {
    throw new CryptoIntegrityError('Sealed data has an unsupported version');
  }
  const ciphertext = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  if (!timingSafeEqualBytes(computeTag(macKey, header, aad, ciphertext), tag)) {
    throw new CryptoIntegrityError('Sealed data failed authentication (wrong key, wrong aad or tampered)');
  }
  const decipher = createDecipheriv('sm4-ctr', encKey, header.subarray(1));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
