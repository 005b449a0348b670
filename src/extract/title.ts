import type { CheerioAPI, Element } from 'cheerio';
import type { ReportType } from '../core/report-types';
import { classifyTitle } from './classify';
import { elementsUnder } from './dom-text';

const TITLE_METAS = ['articletitle', 'og:title', 'title'];
const HEADING_TAGS = new Set(['h1', 'h2', 'h3']);
/** class/id words for title elements: title, article-title, xxgk_title, tit, bt (标题). */
const TITLE_WORD = /title|^tit$|^bt$/i;

function isHeading(element: Element): boolean {
  if (HEADING_TAGS.has(element.name)) return true;
  const words = `${element.attribs['class'] ?? ''} ${element.attribs['id'] ?? ''}`.split(/[\s_-]+/);
  return words.some((word) => TITLE_WORD.test(word));
}
const SITE_SEPARATOR = /\s*(?:[_|–—]|\s-\s)\s*/;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function insideLinkOrList(element: Element): boolean {
  for (let node = element.parent; node; node = node.parent) {
    if (node.type === 'tag' && (node.name === 'a' || node.name === 'li' || node.name === 'ul')) return true;
  }
  return false;
}

/**
 * The report's title: the first candidate that names a known report type, else the most
 * authoritative one. Candidates inside links or lists are skipped: those are related articles.
 */
export function findTitle($: CheerioAPI, metas: ReadonlyMap<string, string>, reportTypes: readonly ReportType[] | undefined): string | null {
  const candidates: string[] = [];
  const names = (candidate: string) => classifyTitle(candidate, reportTypes) !== null;
  for (const name of TITLE_METAS) {
    const content = metas.get(name);
    if (content) candidates.push(clean(content));
  }
  const fromMeta = candidates.find(names);
  if (fromMeta) return fromMeta;
  for (const element of elementsUnder($.root()[0]!)) {
    if (!isHeading(element)) continue;
    if (insideLinkOrList(element)) continue;
    const text = clean($(element).text());
    if (text.length < 4 || text.length > 120) continue;
    if (names(text)) return text;
    candidates.push(text);
  }
  const documentTitle = clean($('title').first().text());
  const parts = documentTitle ? documentTitle.split(SITE_SEPARATOR).filter((part) => part.length >= 4) : [];
  return parts.find(names) ?? candidates[0] ?? parts[0] ?? null;
}
