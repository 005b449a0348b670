import { load } from 'cheerio/lib/slim';
import { anchorLinks } from './links';
import type { ListingAdapter, ListingPage } from './types';

/** A TRS column's pager: page 0 is `index.shtml`, page n is `index_n.shtml`, up to `count - 1`. */
interface TrsPager {
  count: number;
  name: string;
  ext: string;
}

// Calls only: the page may define createPageHTML itself (function createPageHTML(_nPageCount, …)).
const PAGER_CALL = /(?<!function\s+)\bcreatePageHTML\s*\(([^)]*)\)/g;
// TRS document URLs carry the creation date; t19700101 is what TRS writes when a document has none.
const URL_DATE = /\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/;
const NO_DATE = '19700101';

/**
 * TRS templates call the pager in two shapes, `createPageHTML(5, 0, "index", "shtml")` and
 * `createPageHTML('page_div', 5, 1, 'index', 'shtml', 97)`, and often pass the count through a
 * variable (`var countPage = 5//共多少页`). The count is the first number, the extension the last
 * string, the file name the string before it.
 */
export function trsPager(html: string): TrsPager | null {
  for (const call of html.matchAll(PAGER_CALL)) {
    const args = call[1]!.split(',').map((arg) => arg.trim());
    const strings = args.filter((arg) => /^(['"]).*\1$/.test(arg)).map((arg) => arg.slice(1, -1));
    const count = args.map((arg) => numberArg(arg, html)).find((value) => value !== null);
    const ext = strings.at(-1);
    const name = strings.at(-2);
    if (count && ext && name && /^[\w-]+$/.test(name) && /^\w+$/.test(ext)) return { count, name, ext };
  }
  return null;
}

function numberArg(arg: string, html: string): number | null {
  if (/^\d+$/.test(arg)) return Number(arg);
  if (!/^[A-Za-z_$][\w$]*$/.test(arg)) return null;
  const declared = new RegExp(`\\b${arg.replace(/\$/g, '\\$')}\\s*=\\s*["']?(\\d+)`).exec(html);
  return declared ? Number(declared[1]) : null;
}

/** Which page of the column a URL is: `index.shtml` 0, `index_3.shtml` 3; null for a bare directory. */
function pageOf(url: string, pager: TrsPager): number | null {
  const file = new URL(url).pathname.split('/').pop() ?? '';
  if (file === `${pager.name}.${pager.ext}`) return 0;
  const match = new RegExp(`^${pager.name}_(\\d+)\\.${pager.ext}$`).exec(file);
  return match ? Number(match[1]) : null;
}

function urlDate(url: string): string | null {
  const m = URL_DATE.exec(url);
  if (!m || `${m[1]}${m[2]}${m[3]}` === NO_DATE) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** TRS WCM columns: static `index_N.shtml` pages counted by an inline createPageHTML call. */
export const trs: ListingAdapter = {
  id: 'trs',
  matches: (page: ListingPage) => trsPager(page.text) !== null,
  parse(page, pageIndex) {
    const links = anchorLinks(load(page.text), page.finalUrl, urlDate);
    const pager = trsPager(page.text);
    if (!pager) return { links, next: null };
    const current = pageOf(page.finalUrl, pager) ?? pageIndex;
    const next = current + 1 < pager.count ? { url: new URL(`${pager.name}_${current + 1}.${pager.ext}`, page.finalUrl).href, method: 'GET' as const } : null;
    return { links, next, total: pager.count };
  },
};
