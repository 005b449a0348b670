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

/**
 * What listings print after a title that says nothing about the page: format and version marks
 * ((全文), (PDF), [附件], .pdf), the date when a link's text holds it, "更多>>" on column links.
 */
const TRAILING_FURNITURE = /(?:[(\[【](?:全文|正文|附件|附表|图文版?|文字版|网页版|下载|全文下载|pdf|word|docx?|wps|ofd)[)\]】]|\.(?:pdf|docx?|wps|ofd|s?html?)|[(\[]?20\d{2}[-./]\d{1,2}[-./]\d{1,2}[)\]]?|>+|»|更多|new)$/iu;
/** Listings cut long titles and mark the cut; NFKC has already turned "…" into "...". */
const CUT_MARK = /(?:\.{2,}|。{2,}|·{2,})$/u;
/** Topic and column tags in front of a title: 【法治政府】, [通知公告]. */
const LEADING_TAGS = /^(?:【[^】]*】|\[[^\]]*\])+/u;

interface Title {
  /** Normalised, furniture and cut mark removed; leading tags kept, since exclude patterns may need them (【政策解读】). */
  text: string;
  /** The listing cut the title: what followed is unknown. */
  cut: boolean;
}

function readTitle(raw: string): Title {
  let text = normalizeText(raw).replace(/\s+/gu, '');
  let cut = false;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TRAILING_FURNITURE, '');
    if (CUT_MARK.test(text)) {
      text = text.replace(CUT_MARK, '');
      cut = true;
    }
  }
  return { text, cut };
}

/**
 * A cut title is read as the report it would become if it ends mid-way through 年度报告 or
 * 情况的报告. A cut after 工作 or 建设 is left alone: it goes on as 工作要点, 工作会议, 推进会
 * as often as 工作报告, and a wrong guess makes the crawler store a page that is no report.
 */
function completeCut(text: string): string | null {
  if (text.endsWith('报')) return `${text}告`;
  if (/(?:年度|情况的?)$/u.test(text)) return `${text}报告`;
  return null;
}

/**
 * What may follow a report's name in a title that is the report: the publisher or a year in
 * brackets or after a separator (（区司法局）, -区发改委, 2023年度), 全文/摘要, a closing quote.
 * Anything else makes it a page about the report: …报告的说明, …报告汇编, …报告评审, 》问答.
 */
const TRAILER = /^(?:[》”」]|\([^)]*\)|【[^】]*】|\[[^\]]*\]|[-—_|丨:：/].*|全文|正文|摘要|20\d{2}(?:年度?)?)*$/u;
/** The same, where the listing cut the title: an opened bracket may be unfinished. */
const CUT_TRAILER = /^(?:[》”」]|\([^)]*\)|【[^】]*】|\[[^\]]*\]|[-—_|丨:：/].*|全文|正文|摘要|20\d{2}(?:年度?)?)*(?:\([^)]*|【[^】]*|\[[^\]]*)?$/u;

/**
 * Whether the title ends as the report itself does. A cut right after a closing quote
 * (《2023年法治政府建设年度报告》...) hides what followed, and what follows a quoted report name
 * is a page about it (解读, 说明), so that is not the report either.
 */
function endsAsReport(title: Title, end: number): boolean {
  const after = title.text.slice(end);
  if (!title.cut) return TRAILER.test(after);
  return CUT_TRAILER.test(after) && !/[》”」]$/u.test(title.text);
}

/**
 * Years a title names, in order: 2023年, 2023年度, 二〇二三年 (○ and 零 written for 〇 too), and a
 * bare 2023 next to the name. Not years of the report: 〔2024〕 document numbers, 2024-01-31
 * dates, and 2024年1月 publication months (2023年1-12月 is a period and stays).
 */
const ARABIC_YEAR = /(?<![\d〔\[])20\d{2}(?![\d〕\]]|[-./]\d|年\d{1,2}月(?![-至到~]))/gu;
const CHINESE_YEAR = /二[〇○零O][〇○零O一二三四五六七八九]{2}(?=年)/gu;
const CHINESE_DIGITS = '〇一二三四五六七八九';

function chineseYear(numeral: string): number {
  return Number([...numeral].map((c) => Math.max(CHINESE_DIGITS.indexOf(c), 0)).join(''));
}

/**
 * The reported year: the last year named before the report's name, else the first after it.
 * A title that names two years names the report's year right before the report
 * (2023年法治政府建设情况和2024年工作安排的报告, 关于印发2024年…的2023年度报告); a year after
 * the name is read only when nothing precedes it (法治政府建设年度报告(2023年)).
 */
function reportedYear(text: string, nameStart: number): number | null {
  const years: Array<{ at: number; year: number }> = [];
  for (const m of text.matchAll(ARABIC_YEAR)) years.push({ at: m.index, year: Number(m[0]) });
  for (const m of text.matchAll(CHINESE_YEAR)) years.push({ at: m.index, year: chineseYear(m[0]) });
  years.sort((a, b) => a.at - b.at);
  const before = years.filter((y) => y.at < nameStart).at(-1);
  return (before ?? years.find((y) => y.at >= nameStart))?.year ?? null;
}

/**
 * Which report type a link or page title announces, if any. Pure, and cheap enough for every
 * link of every listing: one normalisation, then a few precompiled expressions per type.
 * Titles in traditional characters, full-width digits and brackets count the same.
 */
export function classifyTitle(title: string, types: readonly ReportType[] = DEFAULT_REPORT_TYPES): Classification | null {
  const read = readTitle(title);
  if (!read.text) return null;
  const completed = read.cut ? completeCut(read.text) : null;
  for (const type of types) {
    const { include, exclude } = patternsOf(type);
    if (exclude.some((re) => re.test(read.text))) continue;
    for (const re of include) {
      const match = re.exec(read.text) ?? (completed === null ? null : re.exec(completed));
      if (!match) continue;
      const end = match.index + match[0].length;
      if (!endsAsReport(read, end)) continue;
      const year = reportedYear(read.text, match.index);
      // 政府信息公开年报 alone, with no publisher and no year, is a navigation link to the column.
      if (year === null && match[0] === read.text.replace(LEADING_TAGS, '')) return null;
      return { type: type.id, year };
    }
  }
  return null;
}
