import { normaliseForBlindIndex } from '../normalise.js';

export type UsccResult = { ok: true; normalised: string } | { ok: false; reason: 'format' | 'checkDigit' };

/** The 31 characters of GB 32100-2015: digits and capitals without I, O, S, V and Z. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The GB 32100 check character of the first 17 characters (all from the alphabet): (31 − Σ mod 31) mod 31. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Validates a unified social credit code (统一社会信用代码, GB 32100-2015): registration authority, entity
 * type, 6-digit administrative division, 9-character organisation code, check character. Input is
 * normalised like an ID number (full-width to ASCII, no spaces, upper case).
 */
export function validateUscc(input: string): UsccResult {
  const normalised = normaliseForBlindIndex(input, 'idNumber');
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(normalised)) {
    return { ok: false, reason: 'format' };
  }
  if (usccCheckChar(normalised) !== normalised[17]) return { ok: false, reason: 'checkDigit' };
  return { ok: true, normalised };
}
