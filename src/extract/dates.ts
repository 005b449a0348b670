const CHINESE_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二四 → 2024 (digit by digit); 十二 / 二十一 / 三十 → 12 / 21 / 30 (tens). */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes('十')) {
    const digits = [...text].map((c) => CHINESE_DIGIT[c]);
    return digits.every((d) => d !== undefined) ? Number(digits.join('')) : null;
  }
  const [tens, ones] = text.split('十');
  const t = tens ? CHINESE_DIGIT[tens] : 1;
  const o = ones ? CHINESE_DIGIT[ones] : 0;
  return t === undefined || o === undefined ? null : t * 10 + o;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;
const COMPACT_DATE = /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/;
const CHINESE_DATE = /([〇零Oo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

/** The first date in a field value: 2024-01-02, 2024/1/2, 2024.01.02, 2024年1月2日, 20240102, 二〇二四年一月二日. */
export function parseDate(text: string): string | null {
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) return isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const chinese = CHINESE_DATE.exec(text);
  if (chinese) {
    const [year, month, day] = [chinese[1], chinese[2], chinese[3]].map((part) => chineseNumber(part ?? ''));
    return year == null || month == null || day == null ? null : isoDate(year, month, day);
  }
  const compact = COMPACT_DATE.exec(text);
  return compact ? isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3])) : null;
}

/** TRS portals name article files `t20240213_123456.html`; `t19700101` is their placeholder for "no date". */
export function dateFromUrl(url: string): string | null {
  const match = /\/t(\d{8})_\d+/.exec(url);
  if (!match?.[1] || match[1] === '19700101') return null;
  return parseDate(match[1]);
}
