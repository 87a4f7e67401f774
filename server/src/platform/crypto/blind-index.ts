import { createHmac } from 'node:crypto';
import { type BlindIndexKind, normaliseForBlindIndex } from '../../shared/normalise.js';

export type { BlindIndexKind };
export { normaliseForBlindIndex };

const MIN_KEY_BYTES = 16;

/**
 * Deterministic keyed index (hex HMAC-SM3) for equality search over encrypted columns. The kind is a domain
 * separator, so an ID number and a text field holding the same characters never share an index.
 */
export function blindIndex(key: Uint8Array, value: string, kind: BlindIndexKind): string {
  if (!(key instanceof Uint8Array) || key.length < MIN_KEY_BYTES) {
    throw new RangeError(`Blind index key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  const normalised = normaliseForBlindIndex(value, kind);
  return createHmac('sm3', key).update(`tongban/blind-index/v1/${kind}\0`).update(normalised).digest('hex');
}
