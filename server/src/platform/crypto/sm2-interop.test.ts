import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, sm2Decrypt, sm2Encrypt, sm2Sign, sm2Verify } from './sm2.js';

// sm-crypto (the original JS implementation, independent of sm-crypto-v2) as a second opinion.
const legacy = smCrypto.sm2;
const C1C3C2 = 1;

describe('SM2 interoperability with sm-crypto', () => {
  const ours = generateSm2KeyPair();
  const theirs = legacy.generateKeyPairHex();
  const message = Buffer.from('办件 Tongban ✓', 'utf8');

  for (const userId of [undefined, 'tongban@gov.cn']) {
    const label = userId ? `user ID ${userId}` : 'the default user ID';

    it(`lets sm-crypto verify our signatures (${label})`, () => {
      const signature = sm2Sign(message, ours.privateKey, { userId });
      const options = { hash: true, der: false, ...(userId ? { userId } : {}) };
      expect(
        legacy.doVerifySignature(Array.from(message), signature.toString('hex'), ours.publicKey, options),
      ).toBe(true);
      expect(
        legacy.doVerifySignature(Array.from(message), signature.toString('hex'), ours.publicKey, {}),
      ).toBe(!userId);
    });

    it(`verifies sm-crypto's signatures (${label})`, () => {
      const options = { hash: true, der: false, publicKey: theirs.publicKey, ...(userId ? { userId } : {}) };
      const signatureHex = legacy.doSignature(Array.from(message), theirs.privateKey, options);
      const signature = Buffer.from(signatureHex, 'hex');
      expect(sm2Verify(message, signature, theirs.publicKey, { userId })).toBe(true);
      expect(sm2Verify(Buffer.from('other'), signature, theirs.publicKey, { userId })).toBe(false);
    });
  }

  it('signs strings identically to their UTF-8 bytes on both sides', () => {
    const signatureHex = legacy.doSignature('身份证号', theirs.privateKey, { hash: true, der: false });
    expect(
      sm2Verify(Buffer.from('身份证号', 'utf8'), Buffer.from(signatureHex, 'hex'), theirs.publicKey),
    ).toBe(true);
    const ourSignature = sm2Sign('身份证号', ours.privateKey).toString('hex');
    expect(
      legacy.doVerifySignature('身份证号', ourSignature, ours.publicKey, { hash: true, der: false }),
    ).toBe(true);
  });

  it('lets sm-crypto decrypt our C1C3C2 ciphertext (after dropping the 04 of C1)', () => {
    const ciphertext = sm2Encrypt(message, theirs.publicKey);
    const legacyHex = ciphertext.subarray(1).toString('hex');
    expect(Buffer.from(legacy.doDecrypt(legacyHex, theirs.privateKey, C1C3C2, { output: 'array' }))).toEqual(
      message,
    );
  });

  it("decrypts sm-crypto's C1C3C2 ciphertext (after restoring the 04 of C1)", () => {
    const legacyHex = legacy.doEncrypt(Array.from(message), ours.publicKey, C1C3C2);
    expect(legacyHex.length).toBe((64 + 32 + message.length) * 2);
    expect(sm2Decrypt(Buffer.from(`04${legacyHex}`, 'hex'), ours.privateKey)).toEqual(message);
  });
});
