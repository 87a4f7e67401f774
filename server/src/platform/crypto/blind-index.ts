import { createHmac } from 'node:crypto';

export type BlindIndexKind = 'idNumber' | 'phone' | 'text';

const MIN_KEY_BYTES = 16;

/**
 * Canonical form of a value before indexing, so the same person typed differently finds the same row.
 * NFKC first turns full-width digits and letters (common with Chinese input methods) into ASCII.
 */
export function normaliseForBlindIndex(value: string, kind: BlindIndexKind): string {
  switch (kind) {
    case 'idNumber':
      // ID numbers are digits plus a possible final check character X; stray spaces are never meaningful.
      return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    case 'phone':
      return value
        .normalize('NFKC')
        .replace(/[\s-]+/g, '')
        .replace(/^(?:\+86|0086)/, '');
    case 'text':
      return value.normalize('NFKC').trim();
    default:
      throw new TypeError(`Unknown blind index kind: ${String(kind)}`);
  }
}

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
