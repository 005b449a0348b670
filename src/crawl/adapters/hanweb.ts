import { load } from 'cheerio/lib/slim';
import type { ListingLink } from '../../core/types';
import { anchorLinks } from './links';
import type { ListingAdapter, ListingPage, ListingParse, PageRequest } from './types';

/*
 * 大汉 JCMS (Hanweb) columns, `/col/col<columnid>/index.html`. The page is a shell: a jpage script
 * pages through records it fetches from dataproxy.jsp. Modelled on what crawlers of real portals
 * send and receive (public code read for this, not copied):
 *  - POST `/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15`, form
 *    `col=1&appid=1&webid=39&path=%2F&columnid=61490&sourceContentType=1&unitid=247686&webname=…&permissiontype=0`
 *    (jsgzw.jiangsu.gov.cn, hc.jiangxi.gov.cn, cnipa.gov.cn): windows of three pages (14→42, 15→45, 18→54);
 *  - the proxy path differs between versions: `/module/jpage/dataproxy.jsp` (zjwjw.gov.cn, mpa.zj.gov.cn),
 *    `/module/jslib/jquery/jpage/dataproxy.jsp` (zj.gov.cn), so it is read from the page's `proxyUrl`;
 *  - the form fields stand in the shell as `var param_745545 = {col:1,webid:355,path:'…',columnid:59960,…}`
 *    and the count as `totalRecord:1928` next to `dataStore` (nhsa.gov.cn, mpa.zj.gov.cn);
 *  - the answer is `<datastore><totalrecord>1928</totalrecord><totalpage>20</totalpage><recordset>
 *    <record><![CDATA[<li><a href="/art/…" title="…">…</a><span>2024-03-06</span></li>]]></record>…`
 *    (jshrss.jiangsu.gov.cn); some sites page it by GET `dataproxy.jsp?page=2&webid=…` instead;
 *  - many shells carry the first window's records inline, in `<script type="text/xml"><datastore>`,
 *    and nhsa.gov.cn repeats the last record of one window at the top of the next.
 */

const PROXY = /['"]([^'"\s]*jpage\/dataproxy\.jsp)/;
const PARAM_OBJECT = /(?:\bvar\s+param_\w*\s*=|\bajaxParam\s*:)\s*\{([^{}]*)\}/g;
const JS_PAIR = /(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))/g;
const RECORD = /<record>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))\s*<\/record>/g;
const NEXT_GROUP = /<nextgroup>[\s\S]*?href=["']([^"']*dataproxy\.jsp\?[^"']*)["']/;

const FORM_HEADERS = {
  'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
  'X-Requested-With': 'XMLHttpRequest',
};

interface JpageConfig {
  proxy: string;
  fields: Array<[string, string]>;
  perPage: number;
  /** Records per request: jpage fetches three pages at a time. */
  window: number;
  total: number | undefined;
}

/** `totalRecord:53` in a script, or `<totalrecord>53</totalrecord>` in an answer. */
function intAfter(text: string, name: string): number | undefined {
  const m = new RegExp(`\\b${name}\\s*[:=]\\s*['"]?(\\d+)|<${name}>\\s*(\\d+)\\s*</${name}>`, 'i').exec(text);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

function fieldsFromScript(text: string): Array<[string, string]> | null {
  for (const object of text.matchAll(PARAM_OBJECT)) {
    const fields = [...object[1]!.matchAll(JS_PAIR)].map((m): [string, string] => [m[1]!, m[2] ?? m[3] ?? m[4] ?? '']);
    if (fields.some(([key]) => key === 'columnid')) return fields;
  }
  return null;
}

/** The nextgroup link lacks col and sourceContentType, but names the column when no param object does. */
function fieldsFromNextGroup(href: string | undefined): Array<[string, string]> | null {
  if (!href) return null;
  const query = new URLSearchParams(href.replace(/&amp;/g, '&').split('?')[1] ?? '');
  const fields = [...query].filter(([key]) => key !== 'page');
  return fields.some(([key]) => key === 'columnid') ? fields : null;
}

function jpageConfig(text: string): JpageConfig | null {
  const nextGroup = NEXT_GROUP.exec(text)?.[1];
  const fields = fieldsFromScript(text) ?? fieldsFromNextGroup(nextGroup);
  const proxy = PROXY.exec(text)?.[1] ?? nextGroup?.split('?')[0];
  if (!fields || !proxy) return null;
  const perPage = intAfter(text, 'perPage') ?? 15;
  return { proxy, fields, perPage, window: perPage * 3, total: intAfter(text, 'totalRecord') };
}

function windowRequest(config: JpageConfig, start: number, pageUrl: string): PageRequest {
  const url = new URL(config.proxy, pageUrl);
  url.search = `startrecord=${start}&endrecord=${start + config.window - 1}&perpage=${config.perPage}`;
  return { url: url.href, method: 'POST', payload: new URLSearchParams(config.fields).toString(), headers: { ...FORM_HEADERS, Referer: pageUrl } };
}

function recordLinks(text: string, baseUrl: string): { records: number; links: ListingLink[] } {
  const fragments = [...text.matchAll(RECORD)].map((m) => m[1] ?? m[2] ?? '');
  const byUrl = new Map<string, ListingLink>();
  for (const link of fragments.flatMap((fragment) => anchorLinks(load(fragment), baseUrl))) if (!byUrl.has(link.url)) byUrl.set(link.url, link);
  return { records: fragments.length, links: [...byUrl.values()] };
}

function withTotal(parse: ListingParse, total: number | undefined): ListingParse {
  return total === undefined ? parse : { ...parse, total };
}

function parseShell(page: ListingPage): ListingParse {
  const config = jpageConfig(page.text);
  if (!config) return { links: [], next: null };
  const { records, links } = recordLinks(page.text, page.finalUrl);
  if (records === 0) return withTotal({ links, next: config.total === 0 ? null : windowRequest(config, 1, page.finalUrl) }, config.total);
  const following = config.window + 1;
  const more = config.total !== undefined ? following <= config.total : records >= config.window;
  return withTotal({ links, next: more ? windowRequest(config, following, page.finalUrl) : null }, config.total);
}

/** The window after this one, for the same form; a window holds endrecord − startrecord + 1 records. */
function parseAnswer(page: ListingPage): ListingParse {
  const { records, links } = recordLinks(page.text, page.finalUrl);
  const total = intAfter(page.text, 'totalRecord');
  const url = new URL(page.request.url);
  const start = Number(url.searchParams.get('startrecord'));
  const end = Number(url.searchParams.get('endrecord'));
  const pageNo = Number(url.searchParams.get('page'));
  let more = false;
  if (start > 0 && end >= start) {
    more = total !== undefined ? end + 1 <= total : records >= end - start + 1;
    url.searchParams.set('startrecord', String(end + 1));
    url.searchParams.set('endrecord', String(end + 1 + end - start));
  } else if (pageNo > 0) {
    const pages = intAfter(page.text, 'totalPage');
    more = pages !== undefined ? pageNo < pages : true;
    url.searchParams.set('page', String(pageNo + 1));
  }
  if (records === 0 || !more) return withTotal({ links, next: null }, total);
  const next: PageRequest = { url: url.href, method: page.request.method };
  if (page.request.payload !== undefined) next.payload = page.request.payload;
  if (page.request.method === 'POST') next.headers = page.request.headers ?? { ...FORM_HEADERS };
  else if (page.request.headers) next.headers = page.request.headers;
  return withTotal({ links, next }, total);
}

function isAnswer(page: ListingPage): boolean {
  return /dataproxy\.jsp$/.test(new URL(page.request.url).pathname);
}

export const hanweb: ListingAdapter = {
  id: 'hanweb',
  matches: (page) => isAnswer(page) || /<datastore[\s>]/i.test(page.text) || (PROXY.test(page.text) && jpageConfig(page.text) !== null),
  parse: (page) => (isAnswer(page) ? parseAnswer(page) : parseShell(page)),
};
