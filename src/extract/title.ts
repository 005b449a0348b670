import type { CheerioAPI, Element } from 'cheerio';
import type { ReportType } from '../core/report-types';
import { classifyTitle } from './classify';

const TITLE_METAS = ['ArticleTitle', 'articletitle', 'og:title', 'title'];
const HEADINGS = 'h1, h2, h3, .title, .article-title, .articleTitle, .news-title, .tit, #title, .xxgk_title, .bt, [class*="title"], [class*="Title"]';
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
export function findTitle($: CheerioAPI, reportTypes: readonly ReportType[] | undefined): string | null {
  const candidates: string[] = [];
  for (const name of TITLE_METAS) {
    const content = $(`meta[name="${name}"], meta[property="${name}"]`).attr('content');
    if (content) candidates.push(clean(content));
  }
  $(HEADINGS).each((_, element) => {
    if (insideLinkOrList(element)) return;
    const text = clean($(element).text());
    if (text.length >= 4 && text.length <= 120) candidates.push(text);
  });
  const documentTitle = clean($('title').first().text());
  if (documentTitle) candidates.push(...documentTitle.split(SITE_SEPARATOR).filter((part) => part.length >= 4));
  return candidates.find((candidate) => classifyTitle(candidate, reportTypes) !== null) ?? candidates[0] ?? null;
}
