/**
 * Data that travels between pipeline stages. Stages exchange plain data only,
 * so each one can be tested on fixtures without the others.
 */

/** A response from a portal, as bytes: decoding belongs to extraction, which must see the raw bytes to honour `<meta charset>`. */
export interface FetchedPage {
  url: string;
  /** After redirects. */
  finalUrl: string;
  status: number;
  /** The Content-Type header as sent, or null. */
  contentType: string | null;
  body: Buffer;
  fetchedAt: Date;
}

/** A link found on a listing page. */
export interface ListingLink {
  url: string;
  title: string;
  /** YYYY-MM-DD when the listing shows one. */
  date: string | null;
}

/** What extraction makes of one report page (pure function of the page). */
export interface ExtractedPage {
  title: string | null;
  publisher: string | null;
  /** Publication date, YYYY-MM-DD, or null when none is found. */
  date: string | null;
  /** `high` when read from a labelled field or meta tag, `low` when guessed from the URL. */
  dateConfidence: 'high' | 'low' | null;
  /** 索引号 */
  indexNo: string | null;
  /** 文号, e.g. 柯政办〔2024〕3号 */
  docNo: string | null;
  /** 组配分类 / 主题分类 */
  category: string | null;
  /** Report type id from the report-type catalogue, or null when the page is not a known report type. */
  type: string | null;
  /** The year the report covers (2023 for 2023年法治政府建设年度报告 published in 2024). */
  year: number | null;
  /** Clean body text for display: paragraphs separated by blank lines, noise removed. */
  text: string;
  /** Text used only for comparison: NFKC, simplified characters, no pinyin, no stray spaces. */
  normalizedText: string;
  /** sha256 hex of normalizedText. Two renderings of one report have the same hash. */
  hash: string;
}

export type FigureKind = 'count' | 'money' | 'percent' | 'percentage-point' | 'area' | 'duration' | 'ratio' | 'other';

/** A numeric fact found in report text. */
export interface Figure {
  /** What is counted, e.g. 行政复议申请 or 本年新收政府信息公开申请数量/自然人. */
  label: string;
  value: number;
  /** Unit as written after multipliers are applied: 件, 元, %, 人次 … */
  unit: string;
  /** 余, 多, 近, 约, 超过 … */
  approx: boolean;
  /** Heading path such as `一、基本情况 / (三)行政复议`, or '' before the first heading. */
  section: string;
  /** The sentence the figure stands in, for display. */
  sentence: string;
  kind: FigureKind;
}

export interface FigureChange {
  change: 'changed' | 'added' | 'removed';
  label: string;
  unit: string;
  section: string;
  oldValue: number | null;
  newValue: number | null;
  oldSentence: string | null;
  newSentence: string | null;
}

/** A line-level text diff between two versions, for display. */
export interface TextDiff {
  added: number;
  removed: number;
  /** Unified-diff-like hunks, each line prefixed with '+', '-' or ' '. */
  hunks: string[];
}

/** What a server said of a page's version, to ask next time "changed since?" (ETag / Last-Modified). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}
