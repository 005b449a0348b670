import type { ReportType } from '../core/report-types';
import { classifyTitle } from '../extract';
import type { AdapterId } from './adapters';
import { crawlWithFallback, modesToTry, type CrawlSettings, type FetchMode } from './crawl-portal';

export interface Discovery {
  mode: 'http' | 'browser';
  pages: number;
  links: Array<{ url: string; title: string; report: boolean; type: string | null; year: number | null; date: string | null }>;
  errors: Array<{ code: string; message: string }>;
}

/**
 * What a check of this listing would see, storing nothing and fetching no report: a dry run for
 * someone adding a portal, so they can tell whether the right links are picked.
 */
export async function discoverListing(
  listingUrl: string,
  options: { mode: FetchMode; pages: number; adapter?: AdapterId; reportTypes: readonly ReportType[] },
  settings: CrawlSettings,
): Promise<Discovery> {
  const plan = { listings: [{ url: listingUrl, pages: options.pages }], ...(options.adapter ? { adapter: options.adapter } : {}), isReport: () => false, known: new Set<string>(), recheck: [], validators: new Map() };
  const outcome = await crawlWithFallback(plan, modesToTry(options.mode, null), settings);
  return {
    mode: outcome.mode,
    pages: outcome.listingPagesFetched,
    links: outcome.links.map((link) => {
      const found = classifyTitle(link.title, options.reportTypes);
      return { url: link.url, title: link.title, report: found !== null, type: found?.type ?? null, year: found?.year ?? null, date: link.date };
    }),
    errors: outcome.listingErrors.map((e) => ({ code: e.code, message: e.message })),
  };
}
