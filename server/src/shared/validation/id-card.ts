import { normaliseForBlindIndex } from '../normalise.js';

/** Why an ID number was refused, in the order the rules are checked. */
export type IdCardFailure = 'format' | 'checkDigit' | 'region' | 'birthDate';

export type IdCardResult =
  | { ok: true; normalised: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; reason: IdCardFailure };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (the first two digits): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65,
 * Taiwan 71, Hong Kong 81, Macao 82. Numbers in between (16, 24, …) were never assigned.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

/** The GB 11643 check character of the first 17 digits: ISO 7064 MOD 11-2. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-digit citizen ID number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence (odd for men), check character. Input is normalised first: full-width characters
 * become ASCII, spaces go, a lowercase x becomes X. `today` is the day in China (UTC+8) by default.
 */
export function validateIdCard(input: string, today: Date = new Date()): IdCardResult {
  const normalised = normaliseForBlindIndex(input, 'idNumber');
  if (!/^\d{17}[\dX]$/.test(normalised)) return { ok: false, reason: 'format' };
  if (idCardCheckChar(normalised) !== normalised[17]) return { ok: false, reason: 'checkDigit' };
  if (!PROVINCES.has(Number(normalised.slice(0, 2)))) return { ok: false, reason: 'region' };
  const birth = normalised.slice(6, 14);
  if (!isRealDate(birth) || birth < '19000101' || birth > chinaDate(today)) {
    return { ok: false, reason: 'birthDate' };
  }
  return {
    ok: true,
    normalised,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    sex: Number(normalised[16]) % 2 === 1 ? 'male' : 'female',
  };
}

function isRealDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

/** YYYYMMDD of `at` in China Standard Time (UTC+8, no daylight saving). */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
