const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * 一千二百 → 1200, 十三 → 13, 二〇二三 → 2023 (digit by digit), 三万五千 → 35000.
 * Returns null for strings that are not a well-formed numeral.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  if (![...text].some((c) => c in SMALL_UNITS || c in LARGE_UNITS)) {
    const digits = [...text].map((c) => DIGITS[c]);
    return digits.every((d) => d !== undefined) ? Number(digits.join('')) : null;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of text) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]!;
      digit = null;
    } else if (c in LARGE_UNITS) {
      total = (total + section + (digit ?? 0)) * LARGE_UNITS[c]!;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Multiplies without the binary noise of 2.37 × 10000 = 23700.000000000004. */
export function scale(value: number, multiplier: number): number {
  return Number((value * multiplier).toPrecision(12));
}

/** 万 and 亿 after an Arabic number: 2.37万件, 40亿余元, 6800万余元. */
export const MULTIPLIERS: Record<string, number> = { 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
