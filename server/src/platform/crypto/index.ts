export { type BlindIndexKind, blindIndex, normaliseForBlindIndex } from './blind-index.js';
export { FieldCipher, type FieldCipherOptions, UnknownKeyIdError, unwrapKey, wrapKey } from './envelope.js';
export { CryptoIntegrityError } from './errors.js';
export { maskBankCard, maskEmail, maskIdNumber, maskName, maskPhone } from './mask.js';
export {
  generateSm2KeyPair,
  SM2_DEFAULT_USER_ID,
  type Sm2KeyPair,
  type Sm2SignOptions,
  sm2Decrypt,
  sm2Digest,
  sm2Encrypt,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
} from './sm2.js';
export { hmacSm3, sm3, sm3Hex, timingSafeEqualBytes } from './sm3.js';
export { sm4DecryptBlock, sm4EncryptBlock, sm4Open, sm4Seal } from './sm4.js';
