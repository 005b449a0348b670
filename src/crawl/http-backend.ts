import { Log, LogLevel } from '@crawlee/core';
import { HttpCrawler } from '@crawlee/http';
import { crawlConfiguration, deliver, fail, passGate, toCrawleeRequest, type BackendSettings } from './crawlee-glue';
import type { CrawlSession } from './session';
import { limitResponseSize } from './size-limit';

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
}

/** Plain HTTP through Crawlee's HttpCrawler, bytes untouched so extraction can honour `<meta charset>`. */
export async function runHttpCrawl(session: CrawlSession, settings: BackendSettings): Promise<void> {
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
          await passGate(request, settings);
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
      requestHandler: ({ request, response, body, addRequests }) =>
        deliver(
          session,
          request,
          async () => ({
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
            finalUrl: request.loadedUrl ?? request.url,
          }),
          addRequests,
        ),
      failedRequestHandler: async ({ request }, error) => fail(session, request, error),
    },
    crawlConfiguration(),
  );
  await crawler.run(session.initialRequests().map(toCrawleeRequest));
  await crawler.teardown();
}
