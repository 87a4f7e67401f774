// Minimal typings for the CommonJS package `sm-crypto` (v0.5), which ships none.
// It is a devDependency used only by the interoperability tests.
declare module 'sm-crypto' {
  interface LegacySm2SignatureOptions {
    /** Sign SM3(Z ‖ M) rather than M itself (default true since 0.4). */
    hash?: boolean;
    der?: boolean;
    userId?: string;
    publicKey?: string;
  }

  interface LegacySm2 {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(
      msg: string | ArrayLike<number>,
      privateKey: string,
      options?: LegacySm2SignatureOptions,
    ): string;
    doVerifySignature(
      msg: string | ArrayLike<number>,
      signHex: string,
      publicKey: string,
      options?: Omit<LegacySm2SignatureOptions, 'publicKey'>,
    ): boolean;
    /** cipherMode 1 = C1C3C2, 0 = C1C2C3. Hex output; C1 is x ‖ y without the 04 prefix. */
    doEncrypt(msg: string | ArrayLike<number>, publicKey: string, cipherMode?: 0 | 1): string;
    doDecrypt(
      encryptData: string,
      privateKey: string,
      cipherMode: 0 | 1,
      options: { output: 'array' },
    ): number[];
    doDecrypt(
      encryptData: string,
      privateKey: string,
      cipherMode?: 0 | 1,
      options?: { output?: 'string' },
    ): string;
  }

  const smCrypto: {
    sm2: LegacySm2;
    sm3(
      input: string | ArrayLike<number>,
      options?: { key: string | ArrayLike<number>; mode?: 'hmac' },
    ): string;
  };
  export default smCrypto;
}
