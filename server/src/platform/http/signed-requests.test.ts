import { describe, expect, it } from 'vitest';
import { openSharedStore } from '../cache/shared-store.js';
import { DomainError } from './errors.js';
import { type Caller, canonicalRequest, signRequest, verifySignedRequest } from './signed-requests.js';

const CALLER: Caller = { accessKey: 'dept-hkwjw', secret: 's3cret-of-the-department', enabled: true };
const find = async (key: string) => (key === CALLER.accessKey ? CALLER : null);
const REQUEST = { method: 'POST', path: '/api/v1/exchange/cases/123/progress?v=1', body: '{"step":"审查"}' };
const NOW = 1_795_000_000_000;

async function code(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('signed requests (HMAC-SM3)', () => {
  it('has a documented canonical form', () => {
    // SM3("abc") is the GB/T 32905 example
    expect(
      canonicalRequest({ method: 'post', path: '/a?b=1', body: 'abc' }, 1_795_000_000, 'abcdefghijklmnop'),
    ).toBe(
      'POST\n/a?b=1\n1795000000\nabcdefghijklmnop\n66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(canonicalRequest({ method: 'get', path: '/x' }, 1, 'n'.repeat(16)).split('\n')).toEqual([
      'GET',
      '/x',
      '1',
      'n'.repeat(16),
      // SM3 of the empty string
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    ]);
  });

  it('accepts a well-signed request once, and refuses its replay', async () => {
    const store = await openSharedStore(null);
    const headers = signRequest(CALLER, REQUEST, { timestamp: NOW / 1000, nonce: 'nonce-0000000001' });
    expect(await verifySignedRequest(headers, REQUEST, find, store, NOW)).toBe('dept-hkwjw');
    expect(await code(verifySignedRequest(headers, REQUEST, find, store, NOW))).toBe('REPLAY');
  });

  it('refuses stale times, altered bodies and paths, wrong keys, bad headers and disabled callers', async () => {
    const store = await openSharedStore(null);
    const sign = (nonce: string, timestamp = NOW / 1000) =>
      signRequest(CALLER, REQUEST, { timestamp, nonce });
    expect(
      await code(verifySignedRequest(sign('nonce-stale-00001', NOW / 1000 - 301), REQUEST, find, store, NOW)),
    ).toBe('STALE_REQUEST');
    expect(
      await code(verifySignedRequest(sign('nonce-future-0001', NOW / 1000 + 301), REQUEST, find, store, NOW)),
    ).toBe('STALE_REQUEST');
    expect(
      await code(
        verifySignedRequest(
          sign('nonce-body-000001'),
          { ...REQUEST, body: '{"step":"审批"}' },
          find,
          store,
          NOW,
        ),
      ),
    ).toBe('BAD_SIGNATURE');
    expect(
      await code(
        verifySignedRequest(
          sign('nonce-path-000001'),
          { ...REQUEST, path: '/api/v1/exchange/cases/124/progress?v=1' },
          find,
          store,
          NOW,
        ),
      ),
    ).toBe('BAD_SIGNATURE');
    const other = signRequest({ accessKey: 'dept-hkwjw', secret: 'guessed' }, REQUEST, {
      timestamp: NOW / 1000,
      nonce: 'nonce-guess-00001',
    });
    expect(await code(verifySignedRequest(other, REQUEST, find, store, NOW))).toBe('BAD_SIGNATURE');
    const unknown = signRequest({ accessKey: 'nobody', secret: 'x' }, REQUEST, {
      timestamp: NOW / 1000,
      nonce: 'nonce-unknown-001',
    });
    expect(await code(verifySignedRequest(unknown, REQUEST, find, store, NOW))).toBe('BAD_SIGNATURE');
    expect(
      await code(verifySignedRequest({ ...sign('short'), 'x-tb-nonce': 'short' }, REQUEST, find, store, NOW)),
    ).toBe('BAD_SIGNATURE');
    const disabled = async () => ({ ...CALLER, enabled: false });
    expect(await code(verifySignedRequest(sign('nonce-disabled-01'), REQUEST, disabled, store, NOW))).toBe(
      'CALLER_DISABLED',
    );
    // a refused request does not use up its nonce
    expect(await verifySignedRequest(sign('nonce-body-000001'), REQUEST, find, store, NOW)).toBe(
      'dept-hkwjw',
    );
  });

  it('flips of any single bit of the signature are refused', async () => {
    const store = await openSharedStore(null);
    const headers = signRequest(CALLER, REQUEST, { timestamp: NOW / 1000, nonce: 'nonce-flip-000000' });
    const signature = Buffer.from(headers['x-tb-signature']!, 'hex');
    for (let bit = 0; bit < signature.length * 8; bit += 7) {
      const flipped = Buffer.from(signature);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const forged = { ...headers, 'x-tb-signature': flipped.toString('hex') };
      expect(await code(verifySignedRequest(forged, REQUEST, find, store, NOW))).toBe('BAD_SIGNATURE');
    }
  });
});
