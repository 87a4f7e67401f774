import { describe, expect, it } from 'vitest';
import { blindIndex, normaliseForBlindIndex } from './blind-index.js';
import { hmacSm3 } from './sm3.js';

const key = Buffer.alloc(32, 0x5a);

describe('blindIndex', () => {
  it('gives the same index for an ID number typed with spaces, a lower-case x or full-width digits', () => {
    const expected = blindIndex(key, '46010019900101123X', 'idNumber');
    for (const typed of [
      ' 46010019900101123x ',
      '460100 19900101 123X',
      '４６０１００１９９００１０１１２３Ｘ',
    ]) {
      expect(blindIndex(key, typed, 'idNumber')).toBe(expected);
    }
    expect(blindIndex(key, '460100199001011234', 'idNumber')).not.toBe(expected);
  });

  it('gives the same index for a phone number with spaces, hyphens, +86 or 0086', () => {
    const expected = blindIndex(key, '13812345678', 'phone');
    for (const typed of [
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+8613812345678',
      '0086-13812345678',
    ]) {
      expect(blindIndex(key, typed, 'phone')).toBe(expected);
    }
    expect(blindIndex(key, '13812345679', 'phone')).not.toBe(expected);
  });

  it('trims and NFKC-normalises text', () => {
    expect(normaliseForBlindIndex('  ＡＢＣ１２３ 张三\u3000', 'text')).toBe('ABC123 张三');
    expect(blindIndex(key, ' 张三 ', 'text')).toBe(blindIndex(key, '张三', 'text'));
    expect(blindIndex(key, 'ｆｕｌｌ', 'text')).toBe(blindIndex(key, 'full', 'text'));
    expect(blindIndex(key, 'Full', 'text')).not.toBe(blindIndex(key, 'full', 'text'));
  });

  it('never collides across kinds for the same string', () => {
    const value = '13812345678';
    const indexes = new Set([
      blindIndex(key, value, 'idNumber'),
      blindIndex(key, value, 'phone'),
      blindIndex(key, value, 'text'),
    ]);
    expect(indexes.size).toBe(3);
  });

  it('is a keyed HMAC-SM3 hex digest of the kind label and the normalised value', () => {
    const index = blindIndex(key, '+86 138-1234-5678', 'phone');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(index).toBe(hmacSm3(key, 'tongban/blind-index/v1/phone\u000013812345678').toString('hex'));
    expect(blindIndex(Buffer.alloc(32, 0x5b), '13812345678', 'phone')).not.toBe(index);
  });

  it('refuses short keys and unknown kinds', () => {
    expect(() => blindIndex(Buffer.alloc(8), 'x', 'text')).toThrow(RangeError);
    expect(() => blindIndex(key, 'x', 'email' as 'text')).toThrow(TypeError);
  });
});
