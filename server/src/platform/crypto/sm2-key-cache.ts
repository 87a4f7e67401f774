import { sm2 } from 'sm-crypto-v2';

export type Sm2Point = ReturnType<typeof sm2.precomputePublicKey>;

// Measured on one core: window 4 takes ~4 ms and ~70 KiB per key and lifts verify from ~345/s to ~1500/s;
// the library default of 8 takes ~32 ms and ~650 KiB per key for ~2100/s. 64 keys x 70 KiB stays small.
const PRECOMPUTE_WINDOW = 4;
const MAX_CACHED_KEYS = 64;

// LRU by insertion order. `null` marks a key seen once: a one-off key is not worth a precomputation,
// so tables are only built from the second use on.
const cache = new Map<string, Sm2Point | null>();

function remember(publicKeyHex: string, value: Sm2Point | null): void {
  cache.delete(publicKeyHex);
  cache.set(publicKeyHex, value);
  if (cache.size > MAX_CACHED_KEYS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/**
 * The public key in the form sm-crypto-v2 multiplies fastest: the hex string on first sight,
 * a point with precomputed multiples once the key has been seen before. Expects lower-case '04'‖x‖y
 * hex; throws if it is not a point on the curve.
 */
export function publicKeyOperand(publicKeyHex: string): string | Sm2Point {
  const cached = cache.get(publicKeyHex);
  if (cached === undefined) {
    remember(publicKeyHex, null);
    return publicKeyHex;
  }
  const point = cached ?? sm2.precomputePublicKey(publicKeyHex, PRECOMPUTE_WINDOW);
  remember(publicKeyHex, point);
  return point;
}

/** Forget all cached keys (tests and benchmarks). */
export function clearSm2PublicKeyCache(): void {
  cache.clear();
}
