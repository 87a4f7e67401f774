import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, UnknownKeyIdError, unwrapKey, wrapKey } from './envelope.js';
import { CryptoIntegrityError } from './errors.js';

const kek = randomBytes(32);
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const idNumber = '460100199001011234';
const column = 'users.id_number';

/** Replaces the character at `index` with a different base64url character. */
function tamper(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('wrapKey / unwrapKey', () => {
  it('round-trips a data key as base64url text', () => {
    const wrapped = wrapKey(kek, k1, 'k1');
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(unwrapKey(kek, wrapped, 'k1')).toEqual(k1);
  });

  it('refuses to unwrap under a different key id, a different KEK or altered text', () => {
    const wrapped = wrapKey(kek, k1, 'k1');
    expect(() => unwrapKey(kek, wrapped, 'k2')).toThrow(CryptoIntegrityError);
    expect(() => unwrapKey(randomBytes(32), wrapped, 'k1')).toThrow(CryptoIntegrityError);
    expect(() => unwrapKey(kek, tamper(wrapped, 10), 'k1')).toThrow(CryptoIntegrityError);
    expect(() => unwrapKey(kek, `${wrapped}=`, 'k1')).toThrow(CryptoIntegrityError);
  });

  it('validates key ids and data key length', () => {
    expect(() => wrapKey(kek, k1, 'bad id')).toThrow(TypeError);
    expect(() => wrapKey(kek, k1, 'x'.repeat(33))).toThrow(TypeError);
    expect(() => wrapKey(kek, randomBytes(16), 'k1')).toThrow(RangeError);
  });
});

describe('FieldCipher', () => {
  const cipher = new FieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1' });

  it('round-trips text as "<keyId>.<base64url>" with a fresh ciphertext each time', () => {
    const first = cipher.encrypt('张三 𠮷', column);
    expect(first).toMatch(/^k1\.[A-Za-z0-9_-]+$/);
    expect(cipher.decrypt(first, column)).toBe('张三 𠮷');
    expect(cipher.encrypt('张三 𠮷', column)).not.toBe(first);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('keeps old values readable after rotation and re-encrypts them under the new key', () => {
    const old = cipher.encrypt(idNumber, column);
    const rotated = new FieldCipher({
      keys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      activeKeyId: 'k2',
    });
    expect(rotated.decrypt(old, column)).toBe(idNumber);
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.rotate(old, column);
    expect(fresh.startsWith('k2.')).toBe(true);
    expect(rotated.needsRotation(fresh)).toBe(false);
    expect(rotated.decrypt(fresh, column)).toBe(idNumber);
    expect(() => cipher.decrypt(fresh, column)).toThrow(UnknownKeyIdError);
  });

  it('fails when a value is read under another context (moved to another column)', () => {
    const value = cipher.encrypt(idNumber, column);
    expect(() => cipher.decrypt(value, 'users.phone')).toThrow(CryptoIntegrityError);
    expect(() => cipher.decrypt(value)).toThrow(CryptoIntegrityError);
  });

  it('detects tampering, including relabelling with another configured key id', () => {
    const value = cipher.encrypt(idNumber, column);
    expect(() => cipher.decrypt(tamper(value, value.indexOf('.') + 10), column)).toThrow(
      CryptoIntegrityError,
    );
    const both = new FieldCipher({
      keys: new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      activeKeyId: 'k1',
    });
    expect(() => both.decrypt(value.replace(/^k1\./, 'k2.'), column)).toThrow(CryptoIntegrityError);
  });

  it('rejects malformed ciphertexts', () => {
    for (const bad of ['', 'k1', '.abc', 'k1.', 'k 1.abcd', `k1.${'A'.repeat(80)}!`]) {
      expect(() => cipher.decrypt(bad)).toThrow(CryptoIntegrityError);
    }
  });

  it('names an unknown key id in a clear error', () => {
    const foreign = new FieldCipher({ keys: new Map([['retired-2023', k2]]), activeKeyId: 'retired-2023' });
    const value = foreign.encrypt(idNumber);
    expect(() => cipher.decrypt(value)).toThrow(/retired-2023/);
    expect(() => cipher.decrypt(value)).toThrow(UnknownKeyIdError);
  });

  it('validates its configuration', () => {
    expect(() => new FieldCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k2' })).toThrow(/k2/);
    expect(() => new FieldCipher({ keys: new Map([['k1', randomBytes(16)]]), activeKeyId: 'k1' })).toThrow(
      RangeError,
    );
    expect(() => new FieldCipher({ keys: new Map([['k.1', k1]]), activeKeyId: 'k.1' })).toThrow(TypeError);
  });

  it("is unaffected by later changes to the caller's key buffer", () => {
    const key = Buffer.from(k1);
    const own = new FieldCipher({ keys: new Map([['k1', key]]), activeKeyId: 'k1' });
    const value = own.encrypt(idNumber);
    key.fill(0);
    expect(own.decrypt(value)).toBe(idNumber);
  });

  it('works with a data key obtained from unwrapKey', () => {
    const dek = unwrapKey(kek, wrapKey(kek, k2, 'k2'), 'k2');
    const fromWrapped = new FieldCipher({ keys: new Map([['k2', dek]]), activeKeyId: 'k2' });
    const direct = new FieldCipher({ keys: new Map([['k2', k2]]), activeKeyId: 'k2' });
    expect(direct.decrypt(fromWrapped.encrypt(idNumber, column), column)).toBe(idNumber);
  });
});
