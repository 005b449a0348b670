import { DEFAULT_REPORT_TYPES, type ReportType } from '../core/report-types';
import { normalizeText } from './normalize';

export interface Classification {
  type: string;
  /** The year the report covers, or null when the title names none. */
  year: number | null;
}

const compiled = new WeakMap<ReportType, { include: RegExp[]; exclude: RegExp[] }>();

function patternsOf(type: ReportType) {
  let patterns = compiled.get(type);
  if (!patterns) {
    patterns = { include: type.include.map((p) => new RegExp(p, 'u')), exclude: type.exclude.map((p) => new RegExp(p, 'u')) };
    compiled.set(type, patterns);
  }
  return patterns;
}

/** 2023年 / 2023年度 / 二〇二三年; the first year named in the title is the reported year. */
function yearInTitle(title: string): number | null {
  const arabic = /(20\d{2})\s*年/u.exec(title);
  if (arabic) return Number(arabic[1]);
  const chinese = /([二〇零一二三四五六七八九]{4})\s*年/u.exec(title);
  if (!chinese?.[1]) return null;
  const digits = [...chinese[1]].map((c) => '〇零一二三四五六七八九'.indexOf(c)).map((i) => (i <= 1 ? 0 : i - 1));
  const year = Number(digits.join(''));
  return year >= 2000 && year < 2100 ? year : null;
}

/** Which report type a link or page title announces, if any. Pure; titles in traditional characters count too. */
export function classifyTitle(title: string, types: readonly ReportType[] = DEFAULT_REPORT_TYPES): Classification | null {
  const normalized = normalizeText(title).replace(/\s+/g, '');
  if (!normalized) return null;
  for (const type of types) {
    const { include, exclude } = patternsOf(type);
    if (include.some((re) => re.test(normalized)) && !exclude.some((re) => re.test(normalized))) {
      return { type: type.id, year: yearInTitle(normalized) };
    }
  }
  return null;
}
