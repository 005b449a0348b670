import type { CheerioAPI } from 'cheerio';
import { load } from 'cheerio/lib/slim';
import { anchorLinks, collapse, resolveLink } from './links';
import type { ListingAdapter, PageRequest } from './types';

const NEXT_TEXT = /^[[【<〈(（\s]*下一?页[\]】>〉)）»\s]*$/u;

/** A static pager's 下一页 link, unless it points back at the page itself (the last page often does). */
function nextLink($: CheerioAPI, pageUrl: string): PageRequest | null {
  const current = resolveLink(pageUrl, pageUrl);
  for (const element of $('a[href]').toArray()) {
    const anchor = $(element);
    if (!NEXT_TEXT.test(collapse(anchor.text()))) continue;
    const url = resolveLink(anchor.attr('href') ?? '', pageUrl);
    if (url && url !== current) return { url, method: 'GET' };
  }
  return null;
}

/** Any page: every link with text; the next page only when a static pager names one. */
export const generic: ListingAdapter = {
  id: 'generic',
  matches: () => true,
  parse(page) {
    const $ = load(page.text);
    return { links: anchorLinks($, page.finalUrl), next: nextLink($, page.finalUrl) };
  },
};
