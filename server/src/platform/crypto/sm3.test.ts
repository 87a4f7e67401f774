import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3, sm3, sm3Hex, timingSafeEqualBytes } from './sm3.js';
import vectors from './vectors/gm-standard-vectors.json' with { type: 'json' };

const SM3_BLOCK_BYTES = 64;

/** HMAC written out from RFC 2104, to check hmacSm3 against something that is not node's HMAC. */
function referenceHmacSm3(key: Uint8Array, message: Uint8Array): Buffer {
  const shortKey = key.length > SM3_BLOCK_BYTES ? sm3(key) : Buffer.from(key);
  const block = Buffer.alloc(SM3_BLOCK_BYTES);
  shortKey.copy(block);
  const innerPad = block.map((byte) => byte ^ 0x36);
  const outerPad = block.map((byte) => byte ^ 0x5c);
  return sm3(Buffer.concat([outerPad, sm3(Buffer.concat([innerPad, message]))]));
}

describe('sm3', () => {
  const [abc, abcd16] = vectors.sm3;

  it('hashes "abc" to the GB/T 32905 example 1 digest', () => {
    expect(sm3(abc!.messageAscii).toString('hex')).toBe(abc!.digestHex);
    expect(sm3Hex(Buffer.from('abc', 'ascii'))).toBe(abc!.digestHex);
  });

  it('hashes "abcd" x16 to the GB/T 32905 example 2 digest', () => {
    const message = Buffer.from(abcd16!.messageHex!, 'hex');
    expect(message.toString('ascii')).toBe('abcd'.repeat(16));
    expect(sm3Hex(message)).toBe(abcd16!.digestHex);
  });

  it('hashes strings as UTF-8', () => {
    expect(sm3Hex('张三')).toBe(sm3Hex(Buffer.from('张三', 'utf8')));
    expect(sm3Hex('张三')).toBe(smCrypto.sm3('张三'));
  });
});

describe('hmacSm3', () => {
  const cases = [
    { name: 'short key', key: Buffer.from('key'), message: Buffer.from('The quick brown fox') },
    { name: 'key longer than a block', key: Buffer.alloc(100, 0xab), message: Buffer.from('abc') },
    { name: 'empty message', key: Buffer.alloc(32, 7), message: Buffer.alloc(0) },
  ];

  for (const { name, key, message } of cases) {
    it(`equals a hand-built ipad/opad HMAC over SM3 (${name})`, () => {
      expect(hmacSm3(key, message).equals(referenceHmacSm3(key, message))).toBe(true);
    });

    it(`agrees with sm-crypto's HMAC-SM3 (${name})`, () => {
      expect(hmacSm3(key, message).toString('hex')).toBe(smCrypto.sm3(message, { key: key.toString('hex') }));
    });
  }

  it('treats a string message as UTF-8', () => {
    const key = Buffer.alloc(32, 1);
    expect(hmacSm3(key, '身份证')).toEqual(hmacSm3(key, Buffer.from('身份证', 'utf8')));
  });
});

describe('timingSafeEqualBytes', () => {
  it('accepts equal bytes and rejects a single differing bit', () => {
    const a = Buffer.from('00112233', 'hex');
    expect(timingSafeEqualBytes(a, Buffer.from(a))).toBe(true);
    expect(timingSafeEqualBytes(a, Buffer.from('00112232', 'hex'))).toBe(false);
  });

  it('returns false instead of throwing for different lengths', () => {
    expect(timingSafeEqualBytes(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
    expect(timingSafeEqualBytes(Buffer.alloc(0), Buffer.alloc(1))).toBe(false);
    expect(timingSafeEqualBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
