import type { FigureKind } from '../core/types';
import { CLAUSE_BOUNDARY, labelAfter, labelBefore } from './label';
import { MULTIPLIERS, parseChineseNumeral, scale } from './numerals';
import { kindOf, UNIT_PATTERN } from './units';

export interface LineFigure {
  label: string;
  value: number;
  unit: string;
  approx: boolean;
  kind: FigureKind;
  sentence: string;
}

const ARABIC = '\\d+(?:,\\d{3})*(?:\\.\\d+)?';
// A Chinese numeral starts with a digit or 十; 万人 or 百姓 are words, not numbers.
const CHINESE = '[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*';
const MULTIPLIER = '千万|百万|十万|万|亿';
const APPROX_BEFORE = '约|近|超过|超|逾|多达|将近|大约|不足|不到|百分之';

/**
 * One number with what surrounds it: an approximation word, 余/多, a multiplier, a range,
 * a unit or % and a trailing 以上/左右. Groups: pre, arabic, chinese, mid, mult, mid2,
 * rangeArabic, rangeChinese, rangeMult, unit, post.
 */
const FIGURE = new RegExp(
  `(?<pre>${APPROX_BEFORE})?(?:(?<arabic>${ARABIC})|(?<chinese>${CHINESE}))(?<mid>余|多)?(?<mult>${MULTIPLIER})?(?<mid2>余|多)?` +
    `(?:[-~～—–至到](?:(?<rangeArabic>${ARABIC})|(?<rangeChinese>${CHINESE}))(?<rangeMult>${MULTIPLIER})?)?` +
    `(?<unit>${UNIT_PATTERN}|%)?(?<post>以上|左右|余|多)?`,
  'gu',
);

/** Quotes, book titles and 〔〕 up to 40 characters long: `“十四五”`, `《应知应会50问》`, `〔2023〕` hold names, not figures. */
const QUOTED = /“[^”]{0,40}”|《[^》]{0,40}》|〔[^〕]{0,40}〕|\[[^\]]{0,40}\]|「[^」]{0,40}」|『[^』]{0,40}』|"[^"]{0,40}"/g;

function quotedSpans(line: string): Uint8Array {
  const inside = new Uint8Array(line.length);
  for (const match of line.matchAll(QUOTED)) inside.fill(1, match.index, match.index + match[0].length);
  return inside;
}

function numberOf(arabic: string | undefined, chinese: string | undefined): number | null {
  if (arabic !== undefined) return Number(arabic.replace(/,/g, ''));
  return chinese === undefined ? null : parseChineseNumeral(chinese);
}

function sentenceAround(line: string, start: number, end: number): string {
  const before = Math.max(line.lastIndexOf('。', start), line.lastIndexOf('!', start), line.lastIndexOf('?', start), line.lastIndexOf('；', start), line.lastIndexOf(';', start));
  const after = line.slice(end).search(/[。!?；;]/);
  return line.slice(before + 1, after < 0 ? line.length : end + after + 1).trim();
}

/**
 * 连续六年 is a duration; 2023年, 2023年度, 5年前 and 年底 are dates. A number of years counts only
 * when it is small and nothing after 年 turns it into a point in time.
 */
function isDateLike(unit: string | undefined, value: number, after: string): boolean {
  return unit === '年' && (value > 100 || /^[度前后初底末中内来间级以]/.test(after));
}

/** Context that makes a number an ordinal, an identifier or part of a name. */
function isExcludedByContext(line: string, start: number, end: number, groups: Record<string, string | undefined>): boolean {
  const before = line[start - 1] ?? '';
  const after = line[end] ?? '';
  if (/[第前届]/.test(before)) return true;
  if (/[A-Za-z.\d/·-]/.test(before)) return true;
  if (/^[A-Za-z]/.test(after)) return true;
  // 三位一体, 五合一: a unit that opens a set phrase.
  if (after === '一' || after === '性' || after === '式') return true;
  if (groups['chinese'] === '一' && !groups['mult']) return true;
  return false;
}

/** A short aside in brackets without digits, as in 法治乡镇(街道) or 各村(社区), belongs to the noun before it. */
const NOUN_ASIDE = /[(（][^()（）\d]{1,8}[)）]$/;

/** Where the clause holding a number begins; quoted names and noun asides do not end it. */
function clauseStart(line: string, from: number, floor: number, quoted: Uint8Array): number {
  for (let i = from - 1; i >= floor; i--) {
    if (quoted[i]) continue;
    const c = line[i]!;
    if (c === ')' || c === '）') {
      const aside = NOUN_ASIDE.exec(line.slice(Math.max(floor, i - 9), i + 1));
      if (aside) {
        i -= aside[0].length - 1;
        continue;
      }
    }
    if (CLAUSE_BOUNDARY.test(c)) return i + 1;
  }
  return floor;
}

/** Figures in one line of prose, left to right. */
export function figuresInLine(line: string): LineFigure[] {
  const quoted = quotedSpans(line);
  const figures: LineFigure[] = [];
  let clauseFloor = 0;
  let previous: { label: string; unit: string; end: number; paren: number } | null = null;
  for (const match of line.matchAll(FIGURE)) {
    const groups = match.groups ?? {};
    const start = match.index;
    const end = start + match[0].length;
    const numberStart = start + (groups['pre']?.length ?? 0);
    const percentWords = groups['pre'] === '百分之';
    let unit = groups['unit'] ?? (percentWords ? '%' : '');
    if (quoted[numberStart] || isExcludedByContext(line, numberStart, end, groups)) continue;
    const base = numberOf(groups['arabic'], groups['chinese']);
    if (base === null || isDateLike(groups['unit'], Math.max(base, numberOf(groups['rangeArabic'], groups['rangeChinese']) ?? 0), line.slice(end))) continue;
    const openParen = Math.max(line.lastIndexOf('(', start), line.lastIndexOf('（', start));
    const inheritsUnit: boolean =
      !unit && previous !== null && (Math.abs(openParen - previous.end) <= 1 || openParen === previous.paren) &&
      !/[)）]/.test(line.slice(openParen, start)) && /^[,，、)）;；]/.test(line.slice(end));
    if (!unit && !inheritsUnit) continue;
    if (inheritsUnit && previous) unit = previous.unit;
    const multiplier = groups['mult'] ? MULTIPLIERS[groups['mult']]! : 1;
    const value = scale(base, multiplier);
    const approx = Boolean(groups['mid'] || groups['mid2'] || groups['post'] || (groups['pre'] && !percentWords));
    const before = labelBefore(line.slice(clauseStart(line, start, clauseFloor, quoted), start));
    const after = labelAfter(line.slice(end));
    const label: string = before + after || previous?.label || '';
    if (!label) continue;
    const sentence = sentenceAround(line, start, end);
    const kind = kindOf(unit);
    const rangeEnd = numberOf(groups['rangeArabic'], groups['rangeChinese']);
    if (rangeEnd !== null) {
      const rangeMultiplier = groups['rangeMult'] ? MULTIPLIERS[groups['rangeMult']]! : multiplier;
      figures.push({ label: `${label}(下限)`, value, unit, approx, kind, sentence });
      figures.push({ label: `${label}(上限)`, value: scale(rangeEnd, rangeMultiplier), unit, approx, kind, sentence });
    } else {
      figures.push({ label, value, unit, approx, kind, sentence });
    }
    previous = { label, unit, end, paren: inheritsUnit ? openParen : -2 };
    clauseFloor = end;
  }
  return figures;
}
