import type { RegionLevel } from './migrations.js';

/** A full division code: 6 digits (province, city, county), 9 (town) or 12 (village). */
export const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

/**
 * The full code of a division from the short code the data uses: a 2-digit province `46` is
 * `460000`, a 4-digit city `4601` is `460100`; 6, 9 and 12 digits are full codes already.
 */
export function toDivisionCode(code: string): string {
  if (!/^\d+$/.test(code)) throw new Error(`Not a division code: ${code}`);
  if (code.length === 2 || code.length === 4) return code.padEnd(6, '0');
  if (code.length === 6 || code.length === 9 || code.length === 12) return code;
  throw new Error(`Not a division code: ${code}`);
}

/**
 * The level a full code names. A 6-digit code ending in `0000` is a province, one ending in `00` a
 * city (including groupings such as 4690 省直辖县级行政区划), any other a county.
 */
export function levelOf(code: string): RegionLevel {
  if (!REGION_CODE.test(code)) throw new Error(`Not a full division code: ${code}`);
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'town';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The parent of a full code, read from the code alone. A town's parent is the 6-digit code it starts
 * with: its county, or its city when the city has no counties (儋州 460400, 东莞 441900, 中山 442000).
 */
export function parentOf(code: string): string | null {
  switch (levelOf(code)) {
    case 'province':
      return null;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'town':
      return code.slice(0, 6);
    case 'village':
      return code.slice(0, 9);
  }
}

/** Every code from the root down to `code`, joined by `.`: `460000.460100.460105.460105001`. */
export function pathOf(code: string): string {
  const codes: string[] = [];
  for (let at: string | null = code; at; at = parentOf(at)) codes.unshift(at);
  return codes.join('.');
}
