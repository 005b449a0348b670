import type { ListingLink } from '../../core/types';

export type AdapterId = 'trs' | 'hanweb' | 'gkmlpt' | 'generic';

export interface PageRequest {
  url: string;
  method: 'GET' | 'POST';
  payload?: string;
  headers?: Record<string, string>;
}

/** A listing response as the crawler received it, already decoded to text. */
export interface ListingPage {
  request: PageRequest;
  finalUrl: string;
  contentType: string | null;
  text: string;
}

export interface ListingParse {
  /** Absolute http(s) URLs without fragment; the full title; YYYY-MM-DD or null. */
  links: ListingLink[];
  /** Only the next listing page, so a crawl can stop as soon as a page holds nothing new. */
  next: PageRequest | null;
  /** What the portal announces: pages for TRS, records for Hanweb and gkmlpt. */
  total?: number;
}

export interface ListingAdapter {
  readonly id: AdapterId;
  matches(page: ListingPage): boolean;
  parse(page: ListingPage, pageIndex: number): ListingParse;
}
