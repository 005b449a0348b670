import { generic } from './generic';
import { gkmlpt } from './gkmlpt';
import { hanweb } from './hanweb';
import { trs } from './trs';
import type { AdapterId, ListingAdapter, ListingPage } from './types';

export type { AdapterId, ListingAdapter, ListingPage, ListingParse, PageRequest } from './types';
export { resolveLink } from './links';

export const ADAPTERS: Record<AdapterId, ListingAdapter> = { trs, hanweb, gkmlpt, generic };

// Most specific first: a TRS page may well link to a Hanweb or gkmlpt site, never the reverse.
const DETECTION_ORDER: readonly ListingAdapter[] = [hanweb, gkmlpt, trs];

export function detectAdapter(page: ListingPage): ListingAdapter {
  return DETECTION_ORDER.find((adapter) => adapter.matches(page)) ?? generic;
}
