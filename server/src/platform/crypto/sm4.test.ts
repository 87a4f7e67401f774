import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3 } from './sm3.js';
import { CryptoIntegrityError, sm4DecryptBlock, sm4EncryptBlock, sm4Open, sm4Seal } from './sm4.js';
import vectors from './vectors/gm-standard-vectors.json' with { type: 'json' };

const [oneBlock, millionRounds] = vectors.sm4;
const key = Buffer.alloc(32, 0x42);
const otherKey = Buffer.alloc(32, 0x43);
const plaintext = Buffer.from('460100199001011234 张三', 'utf8');
const aad = Buffer.from('users.id_number');

function flipBit(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

describe('sm4 block cipher', () => {
  it('encrypts the GB/T 32907 example 1 block', () => {
    const out = sm4EncryptBlock(
      Buffer.from(oneBlock!.keyHex, 'hex'),
      Buffer.from(oneBlock!.plaintextHex, 'hex'),
    );
    expect(out.toString('hex')).toBe(oneBlock!.ciphertextHex);
  });

  it('decrypts the GB/T 32907 example 1 block', () => {
    const out = sm4DecryptBlock(
      Buffer.from(oneBlock!.keyHex, 'hex'),
      Buffer.from(oneBlock!.ciphertextHex, 'hex'),
    );
    expect(out.toString('hex')).toBe(oneBlock!.plaintextHex);
  });

  it('reaches the GB/T 32907 example 2 result after 1,000,000 encryptions', () => {
    // One ECB cipher object, no padding: each update() encrypts exactly one block.
    const cipher = createCipheriv('sm4-ecb', Buffer.from(millionRounds!.keyHex, 'hex'), null);
    cipher.setAutoPadding(false);
    let block = Buffer.from(millionRounds!.plaintextHex, 'hex');
    for (let round = 0; round < millionRounds!.rounds!; round++) block = cipher.update(block);
    expect(block.toString('hex')).toBe(millionRounds!.ciphertextHex);
  }, 30_000);

  it('rejects keys and blocks that are not 16 bytes', () => {
    expect(() => sm4EncryptBlock(Buffer.alloc(15), Buffer.alloc(16))).toThrow(RangeError);
    expect(() => sm4EncryptBlock(Buffer.alloc(16), Buffer.alloc(17))).toThrow(RangeError);
  });
});

describe('sm4Seal / sm4Open', () => {
  it('round-trips with and without aad, including empty and large plaintexts', () => {
    expect(sm4Open(key, sm4Seal(key, plaintext, aad), aad)).toEqual(plaintext);
    expect(sm4Open(key, sm4Seal(key, plaintext))).toEqual(plaintext);
    expect(sm4Open(key, sm4Seal(key, new Uint8Array(0)))).toEqual(Buffer.alloc(0));
    const large = Buffer.alloc(1 << 20, 0xa5);
    expect(sm4Open(key, sm4Seal(key, large, aad), aad).equals(large)).toBe(true);
  });

  it('lays out version ‖ iv ‖ ciphertext ‖ tag exactly as documented', () => {
    const sealed = sm4Seal(key, plaintext, aad);
    expect(sealed.length).toBe(1 + 16 + plaintext.length + 32);
    expect(sealed[0]).toBe(1);
    const iv = sealed.subarray(1, 17);
    const ciphertext = sealed.subarray(17, sealed.length - 32);
    const encKey = hmacSm3(key, 'tongban/sm4-seal/v1/enc').subarray(0, 16);
    const macKey = hmacSm3(key, 'tongban/sm4-seal/v1/mac');
    const decipher = createDecipheriv('sm4-ctr', encKey, iv);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()])).toEqual(plaintext);
    const aadLength = Buffer.alloc(8);
    aadLength.writeBigUInt64BE(BigInt(aad.length));
    const tag = createHmac('sm3', macKey).update(sealed.subarray(0, 17)).update(aadLength).update(aad);
    expect(tag.update(ciphertext).digest()).toEqual(sealed.subarray(sealed.length - 32));
  });

  it('uses a fresh IV, so equal plaintexts give different ciphertexts', () => {
    const first = sm4Seal(key, plaintext);
    const second = sm4Seal(key, plaintext);
    expect(first.subarray(1, 17).equals(second.subarray(1, 17))).toBe(false);
    expect(first.includes(plaintext)).toBe(false);
  });

  const sealed = sm4Seal(key, plaintext, aad);
  const tamperings: Array<[string, number]> = [
    ['version byte', 0],
    ['iv', 5],
    ['ciphertext', 17 + 3],
    ['tag', sealed.length - 1],
  ];
  for (const [part, index] of tamperings) {
    it(`detects a flipped bit in the ${part}`, () => {
      expect(() => sm4Open(key, flipBit(sealed, index), aad)).toThrow(CryptoIntegrityError);
    });
  }

  it('rejects wrong or missing aad', () => {
    expect(() => sm4Open(key, sealed, Buffer.from('users.phone'))).toThrow(CryptoIntegrityError);
    expect(() => sm4Open(key, sealed)).toThrow(CryptoIntegrityError);
  });

  it('rejects truncated input', () => {
    expect(() => sm4Open(key, sealed.subarray(0, sealed.length - 1), aad)).toThrow(CryptoIntegrityError);
    expect(() => sm4Open(key, sealed.subarray(0, 48), aad)).toThrow(CryptoIntegrityError);
    expect(() => sm4Open(key, new Uint8Array(0), aad)).toThrow(CryptoIntegrityError);
  });

  it('rejects a different key', () => {
    expect(() => sm4Open(otherKey, sealed, aad)).toThrow(CryptoIntegrityError);
  });

  it('names the error CryptoIntegrityError', () => {
    const error = (() => {
      try {
        sm4Open(otherKey, sealed, aad);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('CryptoIntegrityError');
  });

  it('insists on a 32-byte key', () => {
    expect(() => sm4Seal(Buffer.alloc(16), plaintext)).toThrow(RangeError);
    expect(() => sm4Open(Buffer.alloc(16), sealed)).toThrow(RangeError);
  });
});
