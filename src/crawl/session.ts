import { NianbaoError } from '../core/errors';
import type { FetchedPage, ListingLink, Validators } from '../core/types';

export type { Validators };
import { attachmentToFollow, decodeHtml, type Attachment } from '../extract';
import { ADAPTERS, detectAdapter, type AdapterId, type PageRequest } from './adapters';
import { detectChallenge } from './challenge';
import { errorForFailure, errorForStatus } from './failures';
import { reportKey } from './report-url';

export interface CrawlPlan {
  listings: ReadonlyArray<{ url: string; pages: number }>;
  /** The portal's listing adapter when configured; detected from the first page otherwise. */
  adapter?: AdapterId;
  isReport(link: ListingLink): boolean;
  /** Keys (see reportKey) of reports already stored: found again on a listing they are not fetched unless due in `recheck`. */
  known: ReadonlySet<string>;
  /** Stored reports due for a recheck this cycle; fetched directly, conditionally. */
  recheck: ReadonlyArray<ListingLink>;
  /** ETag / Last-Modified from earlier fetches, for conditional requests. */
  validators: ReadonlyMap<string, Validators>;
}

export interface FetchedReport {
  link: ListingLink;
  page?: FetchedPage;
  /** The report file when the page is a notice that only links to it (详见附件). */
  attachment?: { file: Attachment; page: FetchedPage };
  /** The portal answered 304: same as the stored version. */
  notModified?: boolean;
  error?: NianbaoError;
}

export interface CrawlOutcome {
  mode: 'http' | 'browser';
  listingPagesFetched: number;
  links: ListingLink[];
  reports: FetchedReport[];
  listingErrors: NianbaoError[];
  /** Why a browser is needed (a bot challenge, a listing rendered by script), when the plain HTTP crawl met one. */
  needsBrowser: string | null;
  validators: Map<string, Validators>;
  requests: { total: number; conditional: number; notModified: number };
}

export type Job =
  | { kind: 'listing'; pageIndex: number; maxPages: number; adapter: AdapterId | null }
  | { kind: 'report'; link: ListingLink }
  /** The notice page waits in the session (pages are bytes; request data must stay plain JSON). */
  | { kind: 'attachment'; link: ListingLink; file: Attachment };

export interface QueuedRequest {
  url: string;
  method: 'GET' | 'POST';
  payload?: string;
  headers?: Record<string, string>;
  uniqueKey: string;
  userData: Job;
}

export interface FetchResult {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
  finalUrl: string;
}

/** Listing items put in place by script: the page names a data source but holds no report links. */
const SCRIPT_DATA = /\$\.(ajax|get|post)\(|fetch\(|XMLHttpRequest|dataproxy|\.json\b|v-for=|ng-repeat/;

/**
 * What a crawl does with each page, whatever fetched it (plain HTTP or a browser): follow listing
 * pagination through the adapter, stop early on pages of known reports, and collect report pages.
 */
export class CrawlSession {
  readonly outcome: CrawlOutcome;
  private readonly seen = new Set<string>();
  private readonly notices = new Map<string, FetchedPage>();
  private settled = 0;
  private queuedReports = 0;

  constructor(
    private readonly plan: CrawlPlan,
    mode: 'http' | 'browser',
    private readonly onProgress?: (done: number, queued: number) => void,
  ) {
    this.outcome = { mode, listingPagesFetched: 0, links: [], reports: [], listingErrors: [], needsBrowser: null, validators: new Map(), requests: { total: 0, conditional: 0, notModified: 0 } };
  }

  initialRequests(): QueuedRequest[] {
    const listings = this.plan.listings.map((listing) =>
      this.request({ url: listing.url, method: 'GET' }, { kind: 'listing', pageIndex: 0, maxPages: listing.pages, adapter: this.plan.adapter ?? null }),
    );
    return [...listings, ...this.plan.recheck.map((link) => this.reportRequest(link))];
  }

  /** Handles one response; returns the requests it leads to. Throws a coded error for a response that cannot be used. */
  onFetched(job: Job, request: QueuedRequest, result: FetchResult): QueuedRequest[] {
    this.outcome.requests.total++;
    if (request.headers?.['if-none-match'] || request.headers?.['if-modified-since']) this.outcome.requests.conditional++;
    if (result.status === 304) {
      this.outcome.requests.notModified++;
      if (job.kind !== 'listing') this.settle({ link: job.link, notModified: true });
      // An unchanged listing page lists nothing new, nor do the pages after it.
      return [];
    }
    const challenge = detectChallenge(result.status, result.body);
    if (challenge) {
      this.outcome.needsBrowser ??= `bot challenge (${challenge.reason})`;
      throw new NianbaoError('ERR_CRAWL_BLOCKED', `门户要求浏览器验证 / the portal answers with a bot challenge (${challenge.reason}): ${request.url}`, {
        details: { url: request.url, status: result.status, reason: challenge.reason },
      });
    }
    const statusError = errorForStatus(result.status, request.url);
    if (statusError) throw statusError;
    this.keepValidators(request.url, result.headers);
    const contentType = result.headers['content-type'] ?? null;
    const page: FetchedPage = { url: request.url, finalUrl: result.finalUrl, status: result.status, contentType, body: result.body, fetchedAt: new Date() };
    if (job.kind === 'attachment') {
      this.settle({ link: job.link, page: this.notices.get(job.link.url) ?? page, attachment: { file: job.file, page } });
      return [];
    }
    if (job.kind === 'report') {
      const file = attachmentToFollow(page);
      if (!file) {
        this.settle({ link: job.link, page });
        return [];
      }
      this.notices.set(job.link.url, page);
      // A notice may stay the same while its file is replaced: always fetch it again.
      this.outcome.validators.delete(request.url);
      return [this.request({ url: file.url, method: 'GET' }, { kind: 'attachment', link: job.link, file })];
    }
    return this.onListing(job, request, result, contentType);
  }

  onFailed(job: Job, url: string, error: unknown): void {
    const coded = errorForFailure(error, url);
    if (job.kind === 'listing') this.outcome.listingErrors.push(coded);
    else this.settle({ link: job.link, error: coded });
  }

  private onListing(job: Extract<Job, { kind: 'listing' }>, request: QueuedRequest, result: FetchResult, contentType: string | null): QueuedRequest[] {
    this.outcome.listingPagesFetched++;
    const text = contentType?.includes('json') || contentType?.includes('xml') ? result.body.toString('utf8') : decodeHtml(result.body, contentType).html;
    const page = { request: { url: request.url, method: request.method, ...(request.payload ? { payload: request.payload } : {}) }, finalUrl: result.finalUrl, contentType, text };
    const adapter = job.adapter ? ADAPTERS[job.adapter] : detectAdapter(page);
    const parsed = adapter.parse(page, job.pageIndex);
    const follow: QueuedRequest[] = [];
    let reportLinks = 0;
    let unknownReports = 0;
    for (const link of parsed.links) {
      // www. and bare host, /gate/big5/ copies: one report, fetched once.
      const key = reportKey(link.url);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.outcome.links.push(link);
      if (!this.plan.isReport(link)) continue;
      reportLinks++;
      if (this.plan.known.has(key)) continue;
      unknownReports++;
      follow.push(this.reportRequest(link));
    }
    if (job.pageIndex === 0 && parsed.links.length === 0 && !parsed.next && SCRIPT_DATA.test(text)) {
      this.outcome.needsBrowser ??= 'listing rendered by script';
    }
    // Listings are newest first: a page of reports we already have means the rest are known too.
    const onlyKnown = reportLinks > 0 && unknownReports === 0;
    if (parsed.next && job.pageIndex + 1 < job.maxPages && !onlyKnown) {
      follow.push(this.request(parsed.next, { kind: 'listing', pageIndex: job.pageIndex + 1, maxPages: job.maxPages, adapter: adapter.id }));
    }
    return follow;
  }

  private reportRequest(link: ListingLink): QueuedRequest {
    this.queuedReports++;
    return this.request({ url: link.url, method: 'GET' }, { kind: 'report', link });
  }

  private request(page: PageRequest, job: Job): QueuedRequest {
    const validators = page.method === 'GET' ? this.plan.validators.get(page.url) : undefined;
    const headers: Record<string, string> = { ...page.headers };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    return {
      url: page.url,
      method: page.method,
      ...(page.payload !== undefined ? { payload: page.payload } : {}),
      headers,
      uniqueKey: `${page.method} ${page.url} ${page.payload ?? ''}`,
      userData: job,
    };
  }

  private keepValidators(url: string, headers: FetchResult['headers']): void {
    const etag = headers.etag;
    const lastModified = headers['last-modified'];
    if (etag || lastModified) this.outcome.validators.set(url, { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
  }

  private settle(report: FetchedReport): void {
    this.outcome.reports.push(report);
    this.settled++;
    this.onProgress?.(this.settled, this.queuedReports);
  }
}
