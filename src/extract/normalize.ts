import { Converter } from 'opencc-js';

// Portals serve one report in several renderings (Beijing's /gate/big5/ copy, Guangdong's
// traditional pages with pinyin after each character). Comparison must see them as one text.
const toSimplified = Converter({ from: 'hk', to: 'cn' });

const TONE_MARKED = '[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*';
/** Neutral-tone syllables carry no tone mark; only these few are common enough to matter. */
const NEUTRAL = '(?:de|le|men|me|zi|zhe|ge|ma|ne|ba)';

/**
 * `鎮(zhèn)` → `鎮`: a CJK character followed by a parenthesised pinyin syllable. Lower case and a
 * tone mark are required, so `餐安(APP)` or `(三)` stay.
 */
const PINYIN_ANNOTATION = new RegExp(`(?<=\\p{Script=Han})[(（]\\s*(?:${TONE_MARKED}|${NEUTRAL})[1-5]?\\s*[)）]`, 'gu');

/** A space is layout, not content, when a CJK character or CJK punctuation stands on either side of it. */
const SPACE_NEXT_TO_CJK = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’、。《》【】])\s+|\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’、。《》【】])/gu;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const HORIZONTAL_SPACE = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Per UTF-16 unit: 0 not yet asked, 1 OpenCC leaves it alone, 2 OpenCC changes it. */
const CONVERTS = new Uint8Array(0x10000);

/**
 * Whether any character is one OpenCC would change. Most pages are simplified already, and
 * asking the converter about each character once is far cheaper than converting every text.
 */
function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x2e80) continue;
    if (code >= 0xd800 && code <= 0xdfff) return true;
    let verdict = CONVERTS[code]!;
    if (verdict === 0) {
      const char = String.fromCharCode(code);
      verdict = toSimplified(char) === char ? 1 : 2;
      CONVERTS[code] = verdict;
    }
    if (verdict === 2) return true;
  }
  return false;
}

/** Traditional → simplified and pinyin annotations removed, for display and classification. */
export function toSimplifiedPlain(text: string): string {
  const plain = text.includes('(') || text.includes('（') ? text.replace(PINYIN_ANNOTATION, '') : text;
  return hasTraditional(plain) ? toSimplified(plain) : plain;
}

let last = { input: '', output: '' };

/**
 * The comparison form of a text: NFKC (full-width digits and punctuation), simplified characters,
 * no pinyin annotations, single spaces, no spaces next to CJK characters, no blank lines.
 */
export function normalizeText(text: string): string {
  // The pipeline normalises each body twice (extractPage, then extractFigures on its text or
  // normalizedText); converting characters dominates, so the last answer is kept.
  if (text === last.input || text === last.output) return text === last.input ? last.output : text;
  const simplified = toSimplifiedPlain(text.normalize('NFKC').replace(INVISIBLE, ''));
  const output = simplified
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) => line.replace(HORIZONTAL_SPACE, ' ').replace(SPACE_NEXT_TO_CJK, '').trim())
    .filter((line) => line.length > 0)
    .join('\n');
  last = { input: text, output };
  return output;
}
