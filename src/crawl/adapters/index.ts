import { load } from 'cheerio/lib/slim';
import type { ListingLink } from '../../core/types';
import { generic } from './generic';
import { gkmlpt } from './gkmlpt';
import { hanweb } from './hanweb';
import { anchorLinks } from './links';
import { trs, trsPager } from './trs';
import type { AdapterId, ListingAdapter, ListingPage } from './types';

export type { AdapterId, ListingAdapter, ListingPage, ListingParse, PageRequest } from './types';
export { resolveLink } from './links';

export const ADAPTERS: Record<AdapterId, ListingAdapter> = { trs, hanweb, gkmlpt, generic };

// Most specific first: a TRS page may well link to a Hanweb or gkmlpt site, never the reverse.
const DETECTION_ORDER: readonly ListingAdapter[] = [hanweb, gkmlpt, trs];

export function detectAdapter(page: ListingPage): ListingAdapter {
  return DETECTION_ORDER.find((adapter) => adapter.matches(page)) ?? generic;
}

export interface ParsedListing {
  links: ListingLink[];
  /** URLs of the listing's further pages, in order, as the page itself announces them. */
  pageUrls: string[];
}

/** Every link on a page and all its TRS page URLs at once, for callers that predate the adapters. */
export function parseListingPage(html: string, pageUrl: string): ParsedListing {
  const pager = trsPager(html);
  const pageUrls: string[] = [];
  for (let page = 1; pager && page < pager.count; page++) pageUrls.push(new URL(`${pager.name}_${page}.${pager.ext}`, pageUrl).href);
  return { links: anchorLinks(load(html), pageUrl), pageUrls };
}
