import { load } from 'cheerio/lib/slim';
import type { ListingLink } from '../../core/types';
import { beijingDate, collapse, isoDate, resolveLink } from './links';
import type { ListingAdapter, ListingPage, ListingParse, PageRequest } from './types';

/*
 * 广东省政务公开目录平台 (gkmlpt), on every Guangdong government site under `/gkmlpt/index` (or a
 * department's `/<dept>/gkmlpt/index`). Modelled on what crawlers of real sites send and receive
 * (public code read for this, not copied):
 *  - the page is a Vue app configured inline: `window._CONFIG = { SID: '758019', TREE: […], … }`;
 *    a column is chosen by the hash, `/yjzjj/gkmlpt/index#721` (yangjiang.gov.cn, zhuhai.gov.cn);
 *  - its bundle builds `APP_URL + "/gkmlpt/api/all/" + column + "?page=" + n + "&sid=" + SID`
 *    (zhaoqing.gov.cn); column 0 is the whole catalogue (szpsq.gov.cn, szgm.gov.cn …);
 *  - the answer is JSON: `{ classify: {id, name, post_count}, articles: [{id, title, url, date,
 *    publisher, identifier, …}], total }` with `date`, `first_publish_time` and `create_time` in
 *    Unix seconds (gd.gov.cn: 100 articles a page from page 1, `total` counts articles);
 *  - titles may hold markup (`<br/>`); zhaoqing.gov.cn answers page 0 like page 1 and 404 past it.
 */

const SHELL_CONFIG = /\b_CONFIG\s*=\s*\{[\s\S]*?\bSID\s*:\s*['"]?(\w+)/;
const APP_URL = /\bAPP_URL\s*:\s*['"]([^'"]+)['"]/;
const API_PATH = /\/gkmlpt\/api\/all\/\d+$/;
const DATE_FIELDS = ['display_publish_time', 'date', 'publish_time', 'first_publish_time', 'create_time'] as const;

const XHR_HEADERS = { Accept: 'application/json, text/javascript, */*; q=0.01', 'X-Requested-With': 'XMLHttpRequest' };

type Json = Record<string, unknown>;

function isApi(page: ListingPage): boolean {
  return API_PATH.test(new URL(page.request.url).pathname);
}

/** The column from the hash (`index#721`); the crawler keeps it on the request even though no server sees it. */
function columnOf(page: ListingPage): string {
  for (const url of [page.request.url, page.finalUrl]) {
    const hash = /#(\d+)/.exec(url);
    if (hash) return hash[1]!;
  }
  return '0';
}

function parseShell(page: ListingPage): ListingParse {
  const sid = SHELL_CONFIG.exec(page.text)?.[1];
  if (!sid) return { links: [], next: null };
  const appUrl = APP_URL.exec(page.text)?.[1];
  const finalUrl = new URL(page.finalUrl);
  const base = appUrl ? new URL(appUrl, finalUrl).href.replace(/\/$/, '') : `${finalUrl.origin}${finalUrl.pathname.split('/gkmlpt/')[0]}`;
  const url = `${base}/gkmlpt/api/all/${columnOf(page)}?page=1&sid=${encodeURIComponent(sid)}`;
  return { links: [], next: { url, method: 'GET', headers: { ...XHR_HEADERS, Referer: page.finalUrl.replace(/#.*$/, '') } } };
}

function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Unix seconds (as a number or a string of digits) or a printed date. */
function dateOf(article: Json): string | null {
  for (const field of DATE_FIELDS) {
    const value = article[field];
    const unix = count(value);
    const date = unix !== undefined ? beijingDate(unix) : typeof value === 'string' ? isoDate(value) : null;
    if (date) return date;
  }
  return null;
}

function plainTitle(value: unknown): string {
  return typeof value === 'string' ? collapse(load(value).text()) : '';
}

function articleLinks(articles: unknown[], baseUrl: string): ListingLink[] {
  const seen = new Set<string>();
  const links: ListingLink[] = [];
  for (const item of articles) {
    if (typeof item !== 'object' || item === null) continue;
    const article = item as Json;
    const href = [article.url, article.post_url].find((value): value is string => typeof value === 'string' && value.length > 0);
    const url = href ? resolveLink(href, baseUrl) : null;
    const title = plainTitle(article.title);
    if (!url || !title || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, title, date: dateOf(article) });
  }
  return links;
}

function parseApi(page: ListingPage): ListingParse {
  let body: unknown;
  try {
    body = JSON.parse(page.text);
  } catch {
    return { links: [], next: null };
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as Json).articles)) return { links: [], next: null };
  const json = body as Json;
  const articles = json.articles as unknown[];
  const links = articleLinks(articles, page.finalUrl);
  const classify = typeof json.classify === 'object' && json.classify !== null ? (json.classify as Json) : {};
  const total = count(json.total) ?? count(classify.post_count);
  const url = new URL(page.request.url);
  const pageNo = Math.max(count(url.searchParams.get('page')) ?? 1, 1);
  // No page size in the answer: a full page's length stands for it, so at worst one empty page ends the walk.
  const pageSize = count(json.page_size) ?? count(json.pageSize) ?? articles.length;
  // A page of nothing usable ends the walk as an empty one does, whatever the total says.
  const more = links.length > 0 && (total === undefined || pageNo * pageSize < total);
  url.searchParams.set('page', String(pageNo + 1));
  const next: PageRequest | null = more ? { url: url.href, method: 'GET', headers: page.request.headers ?? { ...XHR_HEADERS } } : null;
  return total === undefined ? { links, next } : { links, next, total };
}

export const gkmlpt: ListingAdapter = {
  id: 'gkmlpt',
  matches: (page) => isApi(page) || SHELL_CONFIG.test(page.text),
  parse: (page) => (isApi(page) ? parseApi(page) : parseShell(page)),
};
