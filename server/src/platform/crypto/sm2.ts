import { createHash, randomBytes } from 'node:crypto';
import { kdf, sm2 as sm2Lib } from 'sm-crypto-v2';
import { CryptoIntegrityError } from './errors.js';
import { publicKeyOperand } from './sm2-key-cache.js';
import { timingSafeEqualBytes } from './sm3.js';

/** The user ID GB/T 35276 prescribes when the parties agreed on none. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const CURVE_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const PRIVATE_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
const PUBLIC_KEY_PATTERN = /^04[0-9a-fA-F]{128}$/;
const POINT_BYTES = 65;
const C3_BYTES = 32;
// ENTL in Z is a 16-bit count of ID bits.
const MAX_USER_ID_BYTES = 0xffff >> 3;

export interface Sm2KeyPair {
  /** 64 hex digits. */
  privateKey: string;
  /** Uncompressed point, '04' ‖ x ‖ y, 130 hex digits. */
  publicKey: string;
}

export interface Sm2SignOptions {
  userId?: string;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Returns the lower-case key; GB/T 32918.1 wants d in [1, n-2] so that 1 + d is invertible when signing. */
function checkedPrivateKey(privateKeyHex: string): string {
  if (typeof privateKeyHex !== 'string' || !PRIVATE_KEY_PATTERN.test(privateKeyHex)) {
    throw new TypeError('SM2 private key must be 64 hex digits');
  }
  const d = BigInt(`0x${privateKeyHex}`);
  if (d < 1n || d > CURVE_ORDER - 2n) throw new RangeError('SM2 private key is out of range');
  return privateKeyHex.toLowerCase();
}

function checkedPublicKey(publicKeyHex: string): string {
  if (typeof publicKeyHex !== 'string' || !PUBLIC_KEY_PATTERN.test(publicKeyHex)) {
    throw new TypeError("SM2 public key must be '04' followed by 128 hex digits");
  }
  return publicKeyHex.toLowerCase();
}

export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const candidate = randomBytes(32);
    const d = bytesToBigInt(candidate);
    // Rejection sampling keeps d uniform in [1, n-2]; a retry happens with probability ~2^-32.
    if (d >= 1n && d <= CURVE_ORDER - 2n) {
      const privateKey = candidate.toString('hex');
      return { privateKey, publicKey: sm2PublicKeyFromPrivate(privateKey) };
    }
  }
}

export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  return sm2Lib.getPublicKeyFromPrivateKey(checkedPrivateKey(privateKeyHex)).toLowerCase();
}

/**
 * e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), the value GB/T 32918.2 signs.
 * We hash M ourselves (native SM3, no hex round trip) and hand sm-crypto-v2 the digest with `hash: false`;
 * that is equivalent to its `hash: true, userId` mode, which the tests check.
 */
export function sm2Digest(
  message: Uint8Array | string,
  publicKeyHex: string,
  userId = SM2_DEFAULT_USER_ID,
): Buffer {
  if (Buffer.byteLength(userId, 'utf8') > MAX_USER_ID_BYTES) throw new RangeError('SM2 user ID is too long');
  const z = sm2Lib.getZ(checkedPublicKey(publicKeyHex), userId);
  return createHash('sm3').update(z).update(message).digest();
}

/** GB/T 32918.2 signature over SM3(Z ‖ message), returned as raw r ‖ s (64 bytes, not DER). */
export function sm2Sign(
  message: Uint8Array | string,
  privateKeyHex: string,
  opts: Sm2SignOptions = {},
): Buffer {
  const privateKey = checkedPrivateKey(privateKeyHex);
  const digest = sm2Digest(message, publicKeyOf(privateKey), opts.userId);
  const signatureHex = sm2Lib.doSignature(digest, privateKey, { hash: false, der: false });
  return Buffer.from(signatureHex, 'hex');
}

// Deriving the public key (needed for Z) is a scalar multiplication; signing keys are few, so remember them.
const derivedPublicKeys = new Map<string, string>();

function publicKeyOf(privateKey: string): string {
  let publicKey = derivedPublicKeys.get(privateKey);
  if (!publicKey) {
    publicKey = sm2PublicKeyFromPrivate(privateKey);
    if (derivedPublicKeys.size >= 64) derivedPublicKeys.delete(derivedPublicKeys.keys().next().value!);
    derivedPublicKeys.set(privateKey, publicKey);
  }
  return publicKey;
}

/** Checks a raw r ‖ s signature. Any malformed input (signature, key, user ID) yields false, never a throw. */
export function sm2Verify(
  message: Uint8Array | string,
  signature: Uint8Array,
  publicKeyHex: string,
  opts: Sm2SignOptions = {},
): boolean {
  try {
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    const r = bytesToBigInt(signature.subarray(0, 32));
    const s = bytesToBigInt(signature.subarray(32));
    // sm-crypto-v2 does not range-check r and s itself.
    if (r < 1n || r >= CURVE_ORDER || s < 1n || s >= CURVE_ORDER) return false;
    const publicKey = checkedPublicKey(publicKeyHex);
    const digest = sm2Digest(message, publicKey, opts.userId);
    const signatureHex = Buffer.from(signature).toString('hex');
    return sm2Lib.doVerifySignature(digest, signatureHex, publicKeyOperand(publicKey), {
      hash: false,
      der: false,
    });
  } catch {
    return false;
  }
}

/** GB/T 32918.4 public-key encryption, output C1 ‖ C3 ‖ C2 with C1 = 04 ‖ x1 ‖ y1 (65 bytes). */
export function sm2Encrypt(plaintext: Uint8Array, publicKeyHex: string): Buffer {
  const publicKey = checkedPublicKey(publicKeyHex);
  let c1c3c2Hex: string;
  try {
    // cipherMode 1 = C1C3C2; the library leaves the 04 prefix off C1.
    c1c3c2Hex = sm2Lib.doEncrypt(plaintext, publicKeyOperand(publicKey), 1);
  } catch (cause) {
    throw new TypeError('SM2 public key is not a point on the curve', { cause });
  }
  return Buffer.from(`04${c1c3c2Hex}`, 'hex');
}

/**
 * Decrypts C1 ‖ C3 ‖ C2. Implemented on sm-crypto-v2's ECDH and KDF rather than its doDecrypt, which
 * signals failure by returning an empty value (indistinguishable from an empty plaintext) and compares
 * C3 as strings. Throws CryptoIntegrityError for malformed, tampered or wrongly keyed ciphertext.
 */
export function sm2Decrypt(ciphertext: Uint8Array, privateKeyHex: string): Buffer {
  const privateKey = checkedPrivateKey(privateKeyHex);
  if (ciphertext.length < POINT_BYTES + C3_BYTES || ciphertext[0] !== 0x04) {
    throw new CryptoIntegrityError('SM2 ciphertext is malformed');
  }
  const c1 = ciphertext.subarray(0, POINT_BYTES);
  const c3 = ciphertext.subarray(POINT_BYTES, POINT_BYTES + C3_BYTES);
  const c2 = ciphertext.subarray(POINT_BYTES + C3_BYTES);
  let sharedPoint: Uint8Array;
  try {
    sharedPoint = sm2Lib.ecdh(privateKey, c1, false); // validates that C1 is on the curve
  } catch {
    throw new CryptoIntegrityError('SM2 ciphertext has an invalid C1 point');
  }
  const x2 = sharedPoint.subarray(1, 33);
  const y2 = sharedPoint.subarray(33, 65);
  const keystream = kdf(sharedPoint.subarray(1), c2.length);
  const plaintext = Buffer.alloc(c2.length);
  let keystreamBits = 0;
  for (let i = 0; i < c2.length; i++) {
    const k = keystream[i]!;
    keystreamBits |= k;
    plaintext[i] = c2[i]! ^ k;
  }
  // GB/T 32918.4 step B4: an all-zero keystream means the ciphertext must be rejected.
  const allZeroKeystream = c2.length > 0 && keystreamBits === 0;
  const expectedC3 = createHash('sm3').update(x2).update(plaintext).update(y2).digest();
  if (!timingSafeEqualBytes(expectedC3, c3) || allZeroKeystream) {
    throw new CryptoIntegrityError('SM2 ciphertext failed integrity check (wrong key or tampered)');
  }
  return plaintext;
}
