import { sm2 as sm2Lib } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { CryptoIntegrityError } from './errors.js';
import {
  generateSm2KeyPair,
  sm2Decrypt,
  sm2Digest,
  sm2Encrypt,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
} from './sm2.js';
import vectors from './vectors/gm-standard-vectors.json' with { type: 'json' };

const example = vectors.sm2Signature[0]!;
const examplePublicKey = `04${example.publicKeyXHex}${example.publicKeyYHex}`;
const exampleSignature = Buffer.from(example.signatureRHex + example.signatureSHex, 'hex');
const userId = example.userIdAscii;
const CURVE_ORDER_HEX = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';

function flipBit(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

describe('SM2 signature, GM/T 0003.5 example', () => {
  it('derives the example public key from the example private key', () => {
    expect(sm2PublicKeyFromPrivate(example.privateKeyHex)).toBe(examplePublicKey);
  });

  it("verifies the example (r, s) over 'message digest', with the user ID explicit or defaulted", () => {
    expect(sm2Verify(example.messageAscii, exampleSignature, examplePublicKey, { userId })).toBe(true);
    expect(sm2Verify(example.messageAscii, exampleSignature, examplePublicKey)).toBe(true);
  });

  it('reproduces r and s exactly when signing with the example k', () => {
    // sm2Sign always draws a fresh random k and rightly offers no way to fix it. sm-crypto-v2's doSignature
    // accepts a `pointPool` of precomputed (k, x1 = x(kG)) pairs, so we feed it the standard's k and the
    // digest sm2Sign itself uses, with the same { hash: false, der: false } options sm2Sign passes.
    const k = BigInt(`0x${example.randomKHex}`);
    const x1 = BigInt(`0x${sm2PublicKeyFromPrivate(example.randomKHex).slice(2, 66)}`);
    const digest = sm2Digest(example.messageAscii, examplePublicKey, userId);
    const signatureHex = sm2Lib.doSignature(digest, example.privateKeyHex, {
      hash: false,
      der: false,
      pointPool: [{ k, x1 }],
    });
    expect(signatureHex).toBe(example.signatureRHex + example.signatureSHex);
  });

  it('rejects a changed message, a changed user ID and each flipped signature byte', () => {
    expect(sm2Verify('message digesT', exampleSignature, examplePublicKey, { userId })).toBe(false);
    expect(
      sm2Verify(example.messageAscii, exampleSignature, examplePublicKey, { userId: 'ALICE123@YAHOO.COM' }),
    ).toBe(false);
    for (const index of [0, 31, 32, 63]) {
      expect(sm2Verify(example.messageAscii, flipBit(exampleSignature, index), examplePublicKey)).toBe(false);
    }
  });
});

describe('sm2Sign / sm2Verify', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const message = Buffer.from('申请编号 2024-000123', 'utf8');

  it('generates well-formed key pairs whose public key matches the private key', () => {
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyFromPrivate(privateKey)).toBe(publicKey);
  });

  it('produces raw 64-byte r‖s signatures that verify, with a fresh k each time', () => {
    const first = sm2Sign(message, privateKey);
    const second = sm2Sign(message, privateKey);
    expect(first.length).toBe(64);
    expect(first.equals(second)).toBe(false);
    expect(sm2Verify(message, first, publicKey)).toBe(true);
    expect(sm2Verify(message, second, publicKey)).toBe(true);
  });

  it("matches sm-crypto-v2's own `hash: true, userId` mode", () => {
    const signature = sm2Sign(message, privateKey, { userId: 'alice@example.cn' });
    const signatureHex = signature.toString('hex');
    expect(
      sm2Lib.doVerifySignature(message, signatureHex, publicKey, { hash: true, userId: 'alice@example.cn' }),
    ).toBe(true);
    expect(sm2Verify(message, signature, publicKey, { userId: 'alice@example.cn' })).toBe(true);
    expect(sm2Verify(message, signature, publicKey)).toBe(false);
  });

  it('keeps verifying correctly once the public key has been precomputed and cached', () => {
    const signature = sm2Sign(message, privateKey);
    for (let use = 0; use < 4; use++) {
      expect(sm2Verify(message, signature, publicKey)).toBe(true);
      expect(sm2Verify(message, flipBit(signature, 40), publicKey)).toBe(false);
    }
  });

  it('accepts upper-case key hex', () => {
    const signature = sm2Sign(message, privateKey.toUpperCase());
    expect(sm2Verify(message, signature, `04${publicKey.slice(2).toUpperCase()}`)).toBe(true);
  });

  it('returns false instead of throwing for malformed signatures', () => {
    const signature = sm2Sign(message, privateKey);
    const zero = Buffer.alloc(32);
    const order = Buffer.from(CURVE_ORDER_HEX, 'hex');
    const malformed: unknown[] = [
      signature.subarray(0, 63),
      Buffer.concat([signature, Buffer.of(0)]),
      Buffer.alloc(0),
      Buffer.concat([zero, signature.subarray(32)]),
      Buffer.concat([signature.subarray(0, 32), zero]),
      Buffer.concat([order, signature.subarray(32)]),
      Buffer.concat([signature.subarray(0, 32), order]),
      Buffer.from(sm2Lib.doSignature(message, privateKey, { hash: true, der: true }), 'hex'),
      signature.toString('hex'),
      null,
    ];
    for (const bad of malformed) expect(sm2Verify(message, bad as Uint8Array, publicKey)).toBe(false);
  });

  it('returns false instead of throwing for malformed or wrong public keys', () => {
    const signature = sm2Sign(message, privateKey);
    const offCurve = `04${publicKey.slice(2, 129)}${publicKey.at(-1) === '0' ? '1' : '0'}`;
    const badKeys = [
      '',
      'zz',
      publicKey.slice(2),
      `05${publicKey.slice(2)}`,
      offCurve,
      generateSm2KeyPair().publicKey,
    ];
    for (const bad of badKeys) expect(sm2Verify(message, signature, bad)).toBe(false);
    expect(sm2Verify(message, signature, publicKey, { userId: 'x'.repeat(9000) })).toBe(false);
  });

  it('refuses malformed or out-of-range private keys', () => {
    expect(() => sm2Sign(message, 'abc')).toThrow(TypeError);
    expect(() => sm2PublicKeyFromPrivate('0'.repeat(64))).toThrow(RangeError);
    expect(() => sm2PublicKeyFromPrivate(CURVE_ORDER_HEX.replace(/23$/, '22'))).toThrow(RangeError);
  });
});

describe('sm2Encrypt / sm2Decrypt', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();

  it('round-trips messages of several lengths in C1C3C2 layout', () => {
    for (const length of [0, 1, 31, 32, 33, 1000]) {
      const plaintext = Buffer.alloc(length, length % 251);
      const ciphertext = sm2Encrypt(plaintext, publicKey);
      expect(ciphertext.length).toBe(65 + 32 + length);
      expect(ciphertext[0]).toBe(0x04);
      expect(sm2Decrypt(ciphertext, privateKey)).toEqual(plaintext);
    }
  });

  const plaintext = Buffer.from('银行卡 6222021234567891234', 'utf8');
  const ciphertext = sm2Encrypt(plaintext, publicKey);
  const tamperings: Array<[string, number]> = [
    ['C1 prefix', 0],
    ['C1 point', 10],
    ['C3 hash', 70],
    ['C2 body', ciphertext.length - 1],
  ];
  for (const [part, index] of tamperings) {
    it(`detects a flipped bit in the ${part}`, () => {
      expect(() => sm2Decrypt(flipBit(ciphertext, index), privateKey)).toThrow(CryptoIntegrityError);
    });
  }

  it('rejects the wrong private key and truncated input', () => {
    expect(() => sm2Decrypt(ciphertext, generateSm2KeyPair().privateKey)).toThrow(CryptoIntegrityError);
    expect(() => sm2Decrypt(ciphertext.subarray(0, 96), privateKey)).toThrow(CryptoIntegrityError);
    expect(() => sm2Decrypt(ciphertext.subarray(0, ciphertext.length - 1), privateKey)).toThrow(
      CryptoIntegrityError,
    );
    expect(() => sm2Decrypt(ciphertext.subarray(1), privateKey)).toThrow(CryptoIntegrityError);
  });

  it('refuses to encrypt to a malformed or off-curve public key', () => {
    expect(() => sm2Encrypt(plaintext, publicKey.slice(2))).toThrow(TypeError);
    const offCurve = `04${publicKey.slice(2, 129)}${publicKey.at(-1) === '0' ? '1' : '0'}`;
    expect(() => sm2Encrypt(plaintext, offCurve)).toThrow(TypeError);
  });
});
