import type { CheerioAPI } from 'cheerio';
import type { ReportType } from '../core/report-types';
import type { ExtractedPage } from '../core/types';
import { countCjk } from './cjk';
import { dateFromUrl, parseDate } from './dates';
import { dropRepeatedParagraphs } from './dedupe';
import { renderLines } from './dom-text';
import { findBodyContainer, MIN_BODY_CJK, removeFurniture } from './content';
import { isMetadataLine, labelledFields } from './metadata';
import { isNoiseLine } from './noise';
import { toSimplifiedPlain } from './normalize';
import { findTitle } from './title';

type Metadata = Pick<ExtractedPage, 'publisher' | 'date' | 'dateConfidence' | 'indexNo' | 'docNo' | 'category'>;

export interface ParsedPage {
  title: string | null;
  metadata: Metadata;
  /** Clean body, paragraphs separated by blank lines; '' when no body was found. */
  text: string;
}

const DATE_METAS = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'dc.date', 'dc.date.issued']);
const PUBLISHER_METAS = new Set(['contentsource', 'source', 'dc.publisher']);

function metaTags($: CheerioAPI): Map<string, string> {
  const tags = new Map<string, string>();
  $('meta').each((_, element) => {
    const name = (element.attribs['name'] ?? element.attribs['property'] ?? '').toLowerCase();
    const content = element.attribs['content']?.trim();
    if (name && content && !tags.has(name)) tags.set(name, content);
  });
  return tags;
}

function firstMeta(tags: Map<string, string>, names: Set<string>, accept: (value: string) => string | null): string | null {
  for (const [name, value] of tags) {
    if (names.has(name)) {
      const accepted = accept(value);
      if (accepted) return accepted;
    }
  }
  return null;
}

/** Labels are written in simplified characters (發佈日期 and 來(lái)源 must read as 发布日期 and 来源); metadata lines are short, so only short lines pay for conversion. */
const SHORT_LINE = 160;
/** Full-width forms (２０２４, ：) are what NFKC folds here; lines without them skip it. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

function simplifiedIfShort(line: string): string {
  if (line.length > SHORT_LINE) return line;
  return toSimplifiedPlain(FULL_WIDTH.test(line) ? line.normalize('NFKC') : line);
}

function metadataOf($: CheerioAPI, tags: Map<string, string>, url: string): Metadata {
  const fields = labelledFields(renderLines($.root()[0]!).map(simplifiedIfShort));
  const date = fields.date ?? firstMeta(tags, DATE_METAS, parseDate);
  const urlDate = date ? null : dateFromUrl(url);
  return {
    publisher: fields.publisher ?? firstMeta(tags, PUBLISHER_METAS, (v) => v),
    date: date ?? urlDate,
    dateConfidence: date ? 'high' : urlDate ? 'low' : null,
    indexNo: fields.indexNo,
    docNo: fields.docNo,
    category: fields.category,
  };
}

function bodyText($: CheerioAPI, title: string | null): string {
  removeFurniture($);
  const container = findBodyContainer($);
  if (!container) return '';
  const bare = (line: string) => line.replace(/\s+/g, '');
  const titleKey = title ? bare(title) : null;
  const lines = renderLines(container).filter((line) => {
    const probe = simplifiedIfShort(line);
    return !isNoiseLine(probe) && !isMetadataLine(probe) && bare(probe) !== titleKey;
  });
  const paragraphs = dropRepeatedParagraphs(lines);
  return countCjk(paragraphs.join('')) >= MIN_BODY_CJK ? paragraphs.join('\n\n') : '';
}

/** Title, metadata and body of a parsed page. Metadata is read before furniture is removed, since it often sits there. */
export function extractFromHtml($: CheerioAPI, url: string, reportTypes: readonly ReportType[] | undefined): ParsedPage {
  const tags = metaTags($);
  const found = findTitle($, tags, reportTypes);
  // One title for every rendering of a report: simplified, no pinyin, single spaces.
  const title = found ? toSimplifiedPlain(found.normalize('NFKC')).replace(/\s+/g, ' ').trim() : null;
  const metadata = metadataOf($, tags, url);
  return { title, metadata, text: bodyText($, title) };
}
