import os from 'node:os';
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

/**
 * A Configuration per crawl: with the global one, every crawl after the first in a long-running
 * worker finds its request queue "finished" and handles 0 requests. In-memory storage only.
 * Crawlee's default memory probe spawns `ps` at every crawl start and every second; giving it the
 * memory budget and the /proc-based probe avoids a process spawn per portal check.
 */
export function crawlConfiguration(): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoV2: true, memoryMbytes: Math.floor(os.totalmem() / 4 / 1024 / 1024) });
}

/** Plain HTTP through Crawlee's HttpCrawler, bytes untouched so extraction can honour `<meta charset>`. */
export async function runHttpCrawl(session: CrawlSession, settings: BackendSettings): Promise<void> {
  const config = crawlConfiguration();
  const crawler = new HttpCrawler(
    {
      // Crawls are short (a listing and a few reports): start at full concurrency instead of ramping up;
      // the politeness gate, not the pool, keeps the pace per host.
      minConcurrency: settings.maxConcurrency,
      maxConcurrency: settings.maxConcurrency,
      // The pool polls for new work every 0.5 s by default: most of a short crawl's time, spent idle.
      autoscaledPoolOptions: { maybeRunIntervalSecs: 0.02 },
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
          // We announce ourselves honestly; generating a browser's header set per request only costs time.
          (gotOptions as { useHeaderGenerator?: boolean }).useHeaderGenerator = false;
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
