import { Configuration, Log, LogLevel } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { NianbaoError } from '../core/errors';
import type { FetchedPage, ListingLink } from '../core/types';
import { decodeHtml } from '../extract';
import { errorForFailure, errorForStatus } from './failures';
import { parseListingPage } from './listing';

export interface CrawlPlan {
  listings: ReadonlyArray<{ url: string; pages: number }>;
  /** Which listing links are reports to fetch. */
  isReport(link: ListingLink): boolean;
}

export interface CrawlSettings {
  userAgent: string;
  timeoutSecs?: number;
  maxBytes?: number;
  maxConcurrency?: number;
  /** Called after each report request settles. */
  onProgress?: (done: number, queued: number) => void;
}

export interface FetchedReport {
  link: ListingLink;
  page?: FetchedPage;
  error?: NianbaoError;
}

export interface CrawlOutcome {
  listingPagesFetched: number;
  links: ListingLink[];
  reports: FetchedReport[];
  listingErrors: NianbaoError[];
}

type Label = { label: 'listing'; maxPages: number; pageIndex: number } | { label: 'report'; link: ListingLink };

const BINARY_TYPES = ['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/octet-stream', 'text/plain'];

/**
 * Walks a portal's listing pages and fetches every report page they link to.
 * Returns data only; storing and extracting is the caller's business.
 */
export async function crawlPortal(plan: CrawlPlan, settings: CrawlSettings): Promise<CrawlOutcome> {
  const maxBytes = settings.maxBytes ?? 10 * 1024 * 1024;
  const outcome: CrawlOutcome = { listingPagesFetched: 0, links: [], reports: [], listingErrors: [] };
  const seenLinks = new Set<string>();
  let queuedReports = 0;
  const settle = (report: FetchedReport) => {
    outcome.reports.push(report);
    settings.onProgress?.(outcome.reports.length, queuedReports);
  };

  // A Configuration per crawl: with the global one, every crawl after the first in a
  // long-running worker finds its request queue "finished" and handles 0 requests.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const crawler = new HttpCrawler(
    {
      maxConcurrency: settings.maxConcurrency ?? 2,
      maxRequestRetries: 1,
      navigationTimeoutSecs: settings.timeoutSecs ?? 30,
      requestHandlerTimeoutSecs: (settings.timeoutSecs ?? 30) * 2,
      // latin1 is a byte-for-byte mapping: the body reaches us undecoded, so extraction can honour <meta charset>.
      forceResponseEncoding: 'latin1',
      additionalMimeTypes: BINARY_TYPES,
      useSessionPool: false,
      log: new Log({ level: LogLevel.ERROR, prefix: 'crawl' }),
      preNavigationHooks: [
        (_context, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': settings.userAgent };
        },
      ],
      async requestHandler({ request, response, body, addRequests }) {
        const userData = request.userData as Label;
        const status = response.statusCode ?? 0;
        const statusError = errorForStatus(status, request.url);
        if (statusError) {
          request.noRetry = !statusError.retryable;
          throw statusError;
        }
        const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
        if (bytes.length > maxBytes) {
          request.noRetry = true;
          throw new NianbaoError('ERR_CRAWL_TOO_LARGE', `页面超过 ${maxBytes} 字节 / page exceeds ${maxBytes} bytes: ${request.url}`, { details: { url: request.url, bytes: bytes.length } });
        }
        const contentType = (response.headers['content-type'] as string | undefined) ?? null;
        if (userData.label === 'report') {
          settle({ link: userData.link, page: { url: request.url, finalUrl: request.loadedUrl ?? request.url, status, contentType, body: bytes, fetchedAt: new Date() } });
          return;
        }
        outcome.listingPagesFetched++;
        const { html } = decodeHtml(bytes, contentType);
        const listing = parseListingPage(html, request.loadedUrl ?? request.url);
        const reports = [];
        for (const link of listing.links) {
          if (seenLinks.has(link.url)) continue;
          seenLinks.add(link.url);
          outcome.links.push(link);
          if (plan.isReport(link)) reports.push({ url: link.url, uniqueKey: `report:${link.url}`, userData: { label: 'report', link } satisfies Label });
        }
        queuedReports += reports.length;
        const nextPages =
          userData.pageIndex === 0
            ? listing.pageUrls.slice(0, userData.maxPages - 1).map((url, i) => ({ url, uniqueKey: `listing:${url}`, userData: { label: 'listing', maxPages: userData.maxPages, pageIndex: i + 1 } satisfies Label }))
            : [];
        await addRequests([...reports, ...nextPages]);
      },
      async failedRequestHandler({ request }, error) {
        const userData = request.userData as Label;
        const coded = errorForFailure(error, request.url);
        if (userData.label === 'report') settle({ link: userData.link, error: coded });
        else outcome.listingErrors.push(coded);
      },
    },
    config,
  );

  await crawler.run(plan.listings.map((listing) => ({ url: listing.url, uniqueKey: `listing:${listing.url}`, userData: { label: 'listing', maxPages: listing.pages, pageIndex: 0 } satisfies Label })));
  await crawler.teardown();
  return outcome;
}
