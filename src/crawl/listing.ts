import { load } from 'cheerio';
import type { ListingLink } from '../core/types';

export interface ParsedListing {
  links: ListingLink[];
  /** URLs of the listing's further pages, in order, as the page itself announces them. */
  pageUrls: string[];
}

const DATE = /(20\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/;

function isoDate(text: string): string | null {
  const m = DATE.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : null;
}

/** Absolute http(s) URL without fragment, or null for javascript:, mailto: and broken hrefs. */
export function resolveLink(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * TRS sites print their page count in an inline script: createPageHTML(5, 0, "index", "shtml")
 * means index.shtml, index_1.shtml … index_4.shtml.
 */
function trsPageUrls(html: string, pageUrl: string): string[] {
  const m = /createPageHTML\(\s*(\d+)\s*,\s*\d+\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']/.exec(html);
  if (!m) return [];
  const [, count, name, ext] = m;
  const urls: string[] = [];
  for (let page = 1; page < Number(count); page++) urls.push(new URL(`${name}_${page}.${ext}`, pageUrl).href);
  return urls;
}

/** Links on a listing page with their titles and dates (generic "links in the page" adapter with TRS pagination). */
export function parseListingPage(html: string, pageUrl: string): ParsedListing {
  const $ = load(html);
  const seen = new Set<string>();
  const links: ListingLink[] = [];
  $('a[href]').each((_, element) => {
    const anchor = $(element);
    const url = resolveLink(anchor.attr('href') ?? '', pageUrl);
    if (!url || seen.has(url)) return;
    const text = anchor.text().replace(/\s+/g, ' ').trim();
    const titleAttr = (anchor.attr('title') ?? '').trim();
    // Listings cut long titles in the text ("…年度...") and keep the whole one in title="".
    const shown = text.replace(/(\.{2,}|…+)$/u, '');
    const title = titleAttr && (titleAttr.startsWith(shown) || titleAttr.length > text.length) ? titleAttr : text;
    if (!title) return;
    seen.add(url);
    const row = anchor.closest('li, tr');
    links.push({ url, title, date: isoDate(row.length > 0 ? row.text() : '') });
  });
  return { links, pageUrls: trsPageUrls(html, pageUrl) };
}
