import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** SM3 digest (GB/T 32905). Strings are hashed as UTF-8. */
export function sm3(data: Uint8Array | string): Buffer {
  return createHash('sm3').update(data).digest();
}

export function sm3Hex(data: Uint8Array | string): string {
  return createHash('sm3').update(data).digest('hex');
}

/** HMAC (RFC 2104) instantiated with SM3, as used by GM/T 0042 and our encrypt-then-MAC. */
export function hmacSm3(key: Uint8Array, data: Uint8Array | string): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/**
 * Constant-time equality for secrets such as MAC tags. Unlike node's timingSafeEqual it accepts
 * inputs of different lengths (returning false) instead of throwing; only the length leaks.
 */
export function timingSafeEqualBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    // Still do the work so a length mismatch is not distinguishable by an early return alone.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}
