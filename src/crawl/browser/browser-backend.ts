import { Log, LogLevel } from '@crawlee/core';
import { NianbaoError } from '../../core/errors';
import { detectChallenge } from '../challenge';
import { crawlConfiguration, deliver, fail, passGate, toCrawleeRequest, type BackendSettings } from '../crawlee-glue';
import type { CrawlSession } from '../session';
import './loopback-only';

export interface BrowserSettings extends BackendSettings {
  chromiumPath: string;
}

/** Flags for Debian's chromium in a closed network, as root, without a display. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** How long a challenge page may take to set its cookie and reload into the real page. */
const CHALLENGE_WAIT_MS = 15_000;

async function waitPastChallenge(page: import('playwright').Page, url: string): Promise<string> {
  const deadline = Date.now() + CHALLENGE_WAIT_MS;
  for (;;) {
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const html = await page.content().catch(() => '');
    if (!detectChallenge(200, Buffer.from(html))) return html;
    if (Date.now() > deadline) {
      throw new NianbaoError('ERR_CRAWL_BLOCKED', `浏览器也未能通过门户验证 / the browser did not get past the bot challenge: ${url}`, { details: { url } });
    }
    await page.waitForTimeout(500);
  }
}

/**
 * A real browser (Playwright driving Debian's chromium through Crawlee's PlaywrightCrawler) for portals
 * behind a bot challenge or with listings rendered by script. Loaded only when needed: the web process never imports it.
 */
export async function runBrowserCrawl(session: CrawlSession, settings: BrowserSettings): Promise<void> {
  const [{ PlaywrightCrawler }, { chromium }] = await Promise.all([import('@crawlee/playwright'), import('playwright')]);
  const crawler = new PlaywrightCrawler(
    {
      launchContext: { launcher: chromium, launchOptions: { executablePath: settings.chromiumPath, headless: true, args: CHROMIUM_ARGS }, userAgent: settings.userAgent, useIncognitoPages: true },
      browserPoolOptions: { useFingerprints: false },
      maxConcurrency: 1,
      maxRequestRetries: 1,
      navigationTimeoutSecs: settings.timeoutSecs,
      requestHandlerTimeoutSecs: settings.timeoutSecs * 2,
      useSessionPool: false,
      persistCookiesPerSession: false,
      log: new Log({ level: LogLevel.OFF, prefix: 'browser' }),
      preNavigationHooks: [
        async ({ request }, gotoOptions) => {
          await passGate(request, settings);
          if (gotoOptions) gotoOptions.waitUntil = 'networkidle';
        },
      ],
      requestHandler: ({ request, page, response, addRequests }) =>
        deliver(
          session,
          request,
          async () => {
            const headers = (await response?.allHeaders()) ?? {};
            let status = response?.status() ?? 0;
            if (!/html|xml/i.test(headers['content-type'] ?? 'text/html')) return { status, headers, body: (await response?.body()) ?? Buffer.alloc(0), finalUrl: page.url() };
            let html = await page.content();
            if (detectChallenge(status, Buffer.from(html))) {
              html = await waitPastChallenge(page, request.url);
              status = 200;
            }
            // The browser hands back text; from here on the page is UTF-8 whatever the portal sent.
            return { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html, 'utf8'), finalUrl: page.url() };
          },
          addRequests,
        ),
      failedRequestHandler: async ({ request }, error) => fail(session, request, error),
    },
    crawlConfiguration(),
  );
  await crawler.run(session.initialRequests().map(toCrawleeRequest));
  await crawler.teardown();
}
