import type { CheerioAPI } from 'cheerio';
import type { ListingLink } from '../../core/types';

const DATE = /((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/;
const CUT_TITLE = /(\.{2,}|…+)$/u;

function validDate(year: string, month: string, day: string): string | null {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The first 2024-03-06, 2024/3/6, 2024.03.06 or 2024年3月6日 in a text, as YYYY-MM-DD. */
export function isoDate(text: string): string | null {
  const m = DATE.exec(text);
  return m ? validDate(m[1]!, m[2]!, m[3]!) : null;
}

/** YYYY-MM-DD in Beijing time for a Unix time in seconds (or milliseconds, which some APIs send). */
export function beijingDate(unix: number): string | null {
  if (!Number.isFinite(unix) || unix <= 0) return null;
  const ms = unix > 1e12 ? unix : unix * 1000;
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
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

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Listings cut long titles in the text ("…年度...") and keep the whole one in title="". */
export function fullTitle(text: string, titleAttr: string): string {
  const shown = text.replace(CUT_TITLE, '');
  return titleAttr && (titleAttr.startsWith(shown) || titleAttr.length > text.length) ? titleAttr : text;
}

/**
 * Every `<a href>` with a title, in page order, each URL once. The date is read from the link's
 * row (li, tr) outside the link itself, so a title such as 关于2023年3月5日… is not taken for one;
 * `urlDate` may supply a date the row does not show.
 */
export function anchorLinks($: CheerioAPI, baseUrl: string, urlDate?: (url: string) => string | null): ListingLink[] {
  const seen = new Set<string>();
  const links: ListingLink[] = [];
  $('a[href]').each((_, element) => {
    const anchor = $(element);
    const url = resolveLink(anchor.attr('href') ?? '', baseUrl);
    if (!url || seen.has(url)) return;
    const text = collapse(anchor.text());
    const title = fullTitle(text, collapse(anchor.attr('title') ?? ''));
    if (!title) return;
    seen.add(url);
    const row = anchor.closest('li, tr');
    const rowText = row.length > 0 ? row.text().replace(anchor.text(), ' ') : '';
    links.push({ url, title, date: isoDate(rowText) ?? urlDate?.(url) ?? null });
  });
  return links;
}
