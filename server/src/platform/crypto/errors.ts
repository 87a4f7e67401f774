/**
 * Thrown when ciphertext fails authentication: wrong key, wrong associated data, tampering or truncation.
 * Callers should treat it as "this value cannot be trusted", never as a transient failure.
 */
export class CryptoIntegrityError extends Error {
  override readonly name = 'CryptoIntegrityError';

  constructor(message = 'Ciphertext failed integrity check') {
    super(message);
  }
}
