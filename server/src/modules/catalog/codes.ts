import { type ItemType, itemTypeOf } from './vocabulary.js';

/**
 * 事项编码 — the two code rules of the catalogue (documented in README.md):
 *
 * - basic code (基本编码) = item-type digits (2, `vocabulary.ts`) + serial (7 digits), e.g. `010000012`
 *   for the 12th 行政许可. Supplied codes must follow the rule and start with their type's digits.
 * - implementation code (实施编码) = basic code + `-` + the implementing department's region code
 *   (6 or 9 digits) + `-` + the department's code (letters and digits only, upper case) + `-` + a
 *   2-digit sequence among that department's lists of the same basic item, e.g.
 *   `010000012-460100-HKWJW-01`. It is assigned by the server and never changes.
 */
export const BASIC_CODE = /^(\d{2})(\d{7})$/;
export const IMPLEMENTATION_CODE = /^(\d{9})-(\d{6}(?:\d{3})?)-([0-9A-Z]{2,20})-(\d{2})$/;

/** Whether `code` is a well-formed basic code of `type`. */
export function basicCodeFits(code: string, type: ItemType): boolean {
  const match = BASIC_CODE.exec(code);
  return match != null && match[1] === itemTypeOf(type)?.digits;
}

/** The basic code with the given serial (1 … 9,999,999) for `type`. */
export function basicCode(type: ItemType, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 9_999_999) throw new Error(`bad serial ${serial}`);
  return `${itemTypeOf(type)!.digits}${String(serial).padStart(7, '0')}`;
}

/** A department's code as it appears inside implementation codes, or null if it has none usable. */
export function departmentCodePart(code: string | null): string | null {
  const part = (code ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return part.length >= 2 && part.length <= 20 ? part : null;
}

export interface ImplementationCodeParts {
  basicCode: string;
  regionCode: string;
  departmentCode: string;
  sequence: number;
}

export function implementationCode(parts: ImplementationCodeParts): string {
  if (parts.sequence < 1 || parts.sequence > 99) throw new Error(`bad sequence ${parts.sequence}`);
  const code = `${parts.basicCode}-${parts.regionCode}-${parts.departmentCode}-${String(parts.sequence).padStart(2, '0')}`;
  if (!IMPLEMENTATION_CODE.test(code)) throw new Error(`not an implementation code: ${code}`);
  return code;
}

export function parseImplementationCode(code: string): ImplementationCodeParts | null {
  const match = IMPLEMENTATION_CODE.exec(code);
  if (!match) return null;
  return {
    basicCode: match[1]!,
    regionCode: match[2]!,
    departmentCode: match[3]!,
    sequence: Number(match[4]),
  };
}
