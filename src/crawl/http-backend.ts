import { Configuration, Log, LogLevel, type Request } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { isNianbaoError } from '../core/errors';
import type { CrawlSession, Job, QueuedRequest } from './session';
import { limitResponseSize } from './size-limit';

export interface BackendSettings {
  userAgent: string;
  timeoutSecs: number;
  maxBytes: number;
  maxConcurrency: number;
  /** Politeness: robots.txt and the shared per-host rate; throws to refuse a request. */
  beforeRequest?: (url: string) => Promise<void>;
}

export function toCrawleeRequest(request: QueuedRequest) {
  return { url: request.url, method: request.method, ...(request.payload !== undefined ? { payload: request.payload } : {}), headers: request.headers ?? {}, uniqueKey: request.uniqueKey, userData: request.userData };
}

export function fromCrawleeRequest(request: Request): QueuedRequest {
  return { url: request.url, method: request.method === 'POST' ? 'POST' : 'GET', ...(request.payload ? { payload: String(request.payload) } : {}), headers: request.headers ?? {}, uniqueKey: request.uniqueKey, userData: request.userData as Job };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
}

/** An error that retrying within this crawl cannot fix (a 404, a challenge, robots) is not retried by Crawlee either. */
export function markFinal(request: Request, error: unknown): void {
  if (isNianbaoError(error) && (!error.retryable || error.code === 'ERR_CRAWL_BLOCKED')) request.noRetry = true;
}

/** Plain HTTP through Crawlee's HttpCrawler, bytes untouched so extraction can honour `<meta charset>`. */
export async function runHttpCrawl(session: CrawlSession, settings: BackendSettings): Promise<void> {
  // A Configuration per crawl: with the global one, every crawl after the first in a
  // long-running worker finds its request queue "finished" and handles 0 requests.
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const crawler = new HttpCrawler(
    {
      maxConcurrency: settings.maxConcurrency,
      maxRequestRetries: 1,
      navigationTimeoutSecs: settings.timeoutSecs,
      requestHandlerTimeoutSecs: settings.timeoutSecs * 2,
      // latin1 maps bytes one to one: Crawlee would otherwise decode by the header alone.
      forceResponseEncoding: 'latin1',
      additionalMimeTypes: ['*/*'],
      useSessionPool: false,
      persistCookiesPerSession: false,
      log: new Log({ level: LogLevel.OFF, prefix: 'crawl' }),
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          try {
            await settings.beforeRequest?.(request.url);
          } catch (error) {
            markFinal(request, error);
            throw error;
          }
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': settings.userAgent };
          gotOptions.maxRedirects = 10;
        },
      ],
      postNavigationHooks: [
        (context) => {
          context.response = limitResponseSize(context.response, settings.maxBytes);
        },
      ],
      async requestHandler({ request, response, body, addRequests }) {
        const queued = fromCrawleeRequest(request);
        try {
          const follow = session.onFetched(queued.userData, queued, {
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
            finalUrl: request.loadedUrl ?? request.url,
          });
          if (follow.length > 0) await addRequests(follow.map(toCrawleeRequest));
        } catch (error) {
          markFinal(request, error);
          throw error;
        }
      },
      async failedRequestHandler({ request }, error) {
        session.onFailed(request.userData as Job, request.url, error);
      },
    },
    config,
  );
  await crawler.run(session.initialRequests().map(toCrawleeRequest));
  await crawler.teardown();
}
