import type { SharedStore } from '../cache/shared-store.js';
import { hmacSm3, sm3Hex, timingSafeEqualBytes } from '../crypto/sm3.js';
import { DomainError, defineErrors } from './errors.js';

/**
 * 签名请求 — how machines (department business systems, code-scanning terminals) call Tongban: every request
 * carries its access key, the time, a nonce and an HMAC-SM3 of the canonical request under the caller's
 * secret. The canonical request is five lines:
 *
 *   METHOD            upper case, e.g. POST
 *   PATH              the path with its query string exactly as sent, e.g. /api/v1/exchange/cases?x=1
 *   TIMESTAMP         seconds since the epoch, the X-Tb-Timestamp header
 *   NONCE             the X-Tb-Nonce header: 16–64 letters, digits, - or _, never reused within the window
 *   SM3(BODY)         lower-case hex SM3 of the raw body bytes (of the empty string when there is none)
 *
 * joined by "\n"; the X-Tb-Signature header is the lower-case hex HMAC-SM3 of it. A timestamp more than
 * `SKEW_SECONDS` away → 401 STALE_REQUEST; a nonce seen before (remembered across nodes in the shared
 * store for twice the skew) → 401 REPLAY; a wrong signature or unknown key → 401 BAD_SIGNATURE; a disabled
 * caller → 403 CALLER_DISABLED.
 */
export const SignedRequestErrors = defineErrors({
  STALE_REQUEST: {
    status: 401,
    'zh-CN': '请求时间戳超出允许范围，请校准时钟后重试',
    'en-US': 'The request timestamp is too far from the server time',
  },
  REPLAY: {
    status: 401,
    'zh-CN': '重复的请求（随机数已使用）',
    'en-US': 'The request nonce was already used',
  },
  BAD_SIGNATURE: { status: 401, 'zh-CN': '请求签名无效', 'en-US': 'The request signature is not valid' },
  CALLER_DISABLED: { status: 403, 'zh-CN': '调用方已停用', 'en-US': 'This caller is disabled' },
});

export const SKEW_SECONDS = 300;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

export const SIGNATURE_HEADERS = {
  key: 'x-tb-key',
  timestamp: 'x-tb-timestamp',
  nonce: 'x-tb-nonce',
  signature: 'x-tb-signature',
} as const;

export interface RequestToSign {
  method: string;
  /** Path and query string exactly as sent. */
  path: string;
  body?: Uint8Array | string;
}

export function canonicalRequest(request: RequestToSign, timestamp: number, nonce: string): string {
  return [
    request.method.toUpperCase(),
    request.path,
    String(timestamp),
    nonce,
    sm3Hex(request.body ?? ''),
  ].join('\n');
}

/** The headers of a signed request (what a caller's SDK does). */
export function signRequest(
  credentials: { accessKey: string; secret: string },
  request: RequestToSign,
  options: { timestamp?: number; nonce?: string } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? crypto.randomUUID().replaceAll('-', '');
  const signature = hmacSm3(
    Buffer.from(credentials.secret, 'utf8'),
    canonicalRequest(request, timestamp, nonce),
  ).toString('hex');
  return {
    [SIGNATURE_HEADERS.key]: credentials.accessKey,
    [SIGNATURE_HEADERS.timestamp]: String(timestamp),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

export interface Caller {
  accessKey: string;
  secret: string;
  enabled: boolean;
}

/**
 * Checks a signed request; returns the caller's access key. `findCaller` looks the key up (null: unknown).
 * The nonce is remembered only once everything else checked out, so a forged request cannot burn a nonce.
 */
export async function verifySignedRequest(
  headers: Record<string, string | string[] | undefined>,
  request: RequestToSign,
  findCaller: (accessKey: string) => Promise<Caller | null>,
  store: SharedStore,
  now = Date.now(),
): Promise<string> {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const accessKey = header(SIGNATURE_HEADERS.key);
  const timestampText = header(SIGNATURE_HEADERS.timestamp);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  const signature = header(SIGNATURE_HEADERS.signature);
  if (
    !accessKey ||
    !timestampText ||
    !nonce ||
    !signature ||
    !NONCE.test(nonce) ||
    !/^\d{1,12}$/.test(timestampText)
  )
    throw new DomainError('BAD_SIGNATURE', {}, 'missing or malformed signature headers');
  const timestamp = Number(timestampText);
  if (Math.abs(now / 1000 - timestamp) > SKEW_SECONDS) throw new DomainError('STALE_REQUEST');
  const caller = await findCaller(accessKey);
  const expected = caller
    ? hmacSm3(Buffer.from(caller.secret, 'utf8'), canonicalRequest(request, timestamp, nonce))
    : Buffer.alloc(32);
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (!caller || !timingSafeEqualBytes(expected, given)) throw new DomainError('BAD_SIGNATURE');
  if (!caller.enabled) throw new DomainError('CALLER_DISABLED');
  const fresh = await store.setIfAbsent(`signed-nonce:${accessKey}:${nonce}`, '1', SKEW_SECONDS * 2);
  if (!fresh) throw new DomainError('REPLAY');
  return accessKey;
}
