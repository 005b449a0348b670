import { Converter } from 'opencc-js';

// Portals serve one report in several renderings (Beijing's /gate/big5/ copy, Guangdong's
// traditional pages with pinyin after each character). Comparison must see them as one text.
const toSimplified = Converter({ from: 'hk', to: 'cn' });

/** `鎮(zhèn)` → `鎮`: a CJK character followed by a parenthesised pinyin syllable with tone marks or digits. */
const PINYIN_ANNOTATION = /(?<=\p{Script=Han})[(（]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[1-5]?\s*[)）]/gu;
const SPACE_BETWEEN_CJK = /(?<=[\p{Script=Han}\p{P}])[ \t\u00a0\u3000]+(?=[\p{Script=Han}\p{P}])/gu;

/** Traditional → simplified and pinyin annotations removed, for display and classification. */
export function toSimplifiedPlain(text: string): string {
  return toSimplified(text.replace(PINYIN_ANNOTATION, ''));
}

/**
 * The comparison form of a text: NFKC (full-width digits and punctuation), simplified characters,
 * no pinyin annotations, single spaces, no spaces between CJK characters, no blank lines.
 */
export function normalizeText(text: string): string {
  const simplified = toSimplifiedPlain(text.normalize('NFKC'));
  return simplified
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\u00a0\u3000]+/g, ' ').replace(SPACE_BETWEEN_CJK, '').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}
