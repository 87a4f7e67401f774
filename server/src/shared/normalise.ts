// Pure and browser-safe: part of server/src/shared, which the web app imports too.

export type BlindIndexKind = 'idNumber' | 'phone' | 'text';

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
