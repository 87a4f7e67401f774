import { fromBase64Url, toBase64Url } from './encoding.js';
import { CryptoIntegrityError } from './errors.js';
import { sm4Open, sm4Seal } from './sm4.js';

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const DATA_KEY_BYTES = 32;

/** A ciphertext names a key the cipher was not given: usually a retired key removed too early. */
export class UnknownKeyIdError extends Error {
  override readonly name = 'UnknownKeyIdError';

  constructor(readonly keyId: string) {
    super(
      `No field-encryption key with id "${keyId}" is configured; keep retired keys until every value ` +
        'written under them has been rotated',
    );
  }
}

function assertKeyId(keyId: string): void {
  if (typeof keyId !== 'string' || !KEY_ID_PATTERN.test(keyId)) {
    throw new TypeError(`Key id must match ${KEY_ID_PATTERN}, got ${JSON.stringify(keyId)}`);
  }
}

// Domain-separated associated data: a wrapped key can never be opened as a field value, or vice versa.
function wrapAad(keyId: string): Buffer {
  return Buffer.from(`tongban/wrap/v1\0${keyId}`, 'utf8');
}

function fieldAad(keyId: string, context: string): Buffer {
  return Buffer.from(`tongban/field/v1\0${keyId}\0${context}`, 'utf8');
}

/** Encrypts a 32-byte data key under a key-encryption key, bound to its key id. Returns base64url text. */
export function wrapKey(kek32: Uint8Array, dek32: Uint8Array, keyId: string): string {
  assertKeyId(keyId);
  if (!(dek32 instanceof Uint8Array) || dek32.length !== DATA_KEY_BYTES) {
    throw new RangeError(`Data key must be ${DATA_KEY_BYTES} bytes`);
  }
  return toBase64Url(sm4Seal(kek32, dek32, wrapAad(keyId)));
}

/** Reverses wrapKey; throws CryptoIntegrityError for a wrong KEK, wrong key id or altered text. */
export function unwrapKey(kek32: Uint8Array, wrapped: string, keyId: string): Buffer {
  assertKeyId(keyId);
  const sealed = fromBase64Url(wrapped);
  if (!sealed) throw new CryptoIntegrityError('Wrapped key is not canonical base64url');
  const dek = sm4Open(kek32, sealed, wrapAad(keyId));
  if (dek.length !== DATA_KEY_BYTES) throw new CryptoIntegrityError('Wrapped key has the wrong length');
  return dek;
}

export interface FieldCipherOptions {
  /** Every key that may still appear in stored values, by key id; each 32 bytes. */
  keys: ReadonlyMap<string, Uint8Array>;
  /** The key new values are written under. */
  activeKeyId: string;
}

function parseFieldCiphertext(ciphertext: string): { keyId: string; sealed: Buffer } {
  const dot = typeof ciphertext === 'string' ? ciphertext.indexOf('.') : -1;
  const keyId = dot > 0 ? ciphertext.slice(0, dot) : '';
  const sealed = dot > 0 ? fromBase64Url(ciphertext.slice(dot + 1)) : undefined;
  if (!KEY_ID_PATTERN.test(keyId) || !sealed) {
    throw new CryptoIntegrityError('Field ciphertext is not in the form <keyId>.<base64url>');
  }
  return { keyId, sealed };
}

/**
 * Encrypts personal fields as "<keyId>.<base64url(sm4Seal)>". The optional context (e.g. 'users.id_number')
 * is authenticated, so a value copied into another column does not decrypt there.
 */
export class FieldCipher {
  readonly activeKeyId: string;
  readonly #keys = new Map<string, Buffer>();

  constructor({ keys, activeKeyId }: FieldCipherOptions) {
    for (const [keyId, key] of keys) {
      assertKeyId(keyId);
      if (!(key instanceof Uint8Array) || key.length !== DATA_KEY_BYTES) {
        throw new RangeError(`Field key "${keyId}" must be ${DATA_KEY_BYTES} bytes`);
      }
      // Copy, so later changes to the caller's buffers cannot alter our keys.
      this.#keys.set(keyId, Buffer.from(key));
    }
    assertKeyId(activeKeyId);
    if (!this.#keys.has(activeKeyId)) {
      throw new Error(`Active key id "${activeKeyId}" is not among the configured field keys`);
    }
    this.activeKeyId = activeKeyId;
  }

  encrypt(plain: string, context = ''): string {
    const key = this.#keys.get(this.activeKeyId)!;
    const sealed = sm4Seal(key, Buffer.from(plain, 'utf8'), fieldAad(this.activeKeyId, context));
    return `${this.activeKeyId}.${toBase64Url(sealed)}`;
  }

  /** Decrypts with whichever configured key the value names, so values survive key rotation. */
  decrypt(ciphertext: string, context = ''): string {
    const { keyId, sealed } = parseFieldCiphertext(ciphertext);
    const key = this.#keys.get(keyId);
    if (!key) throw new UnknownKeyIdError(keyId);
    return sm4Open(key, sealed, fieldAad(keyId, context)).toString('utf8');
  }

  needsRotation(ciphertext: string): boolean {
    return parseFieldCiphertext(ciphertext).keyId !== this.activeKeyId;
  }

  /** Re-encrypts under the active key (after authenticating the old value). */
  rotate(ciphertext: string, context = ''): string {
    return this.encrypt(this.decrypt(ciphertext, context), context);
  }
}
