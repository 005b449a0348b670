import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolitenessGate } from '../../src/app/politeness';
import { startOwnRedis, type OwnRedis } from '../../src/app/redis-server';
import { crawlPortal, type CrawlPlan } from '../../src/crawl';
import { extractPage } from '../../src/extract';
import { testSettings } from '../support/runtime';

/** One loopback server with a route per failure a real portal can produce. */
function routes(path: string, response: ServerResponse): void {
  const html = (body: string): void => void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  const listing = (href: string): void => html(`<ul><li><a href="${href}">2023年法治政府建设年度报告</a><span>2024-03-01</span></li></ul>`);
  switch (path) {
    case '/robots.txt':
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n\nUser-agent: slowbot\nCrawl-delay: 2\n');
    case '/hang/list.html':
      return; // never answers
    case '/loop/list.html':
      return void response.writeHead(302, { location: '/loop/list.html?again' }).end();
    case '/big/list.html':
      return listing('/big/report.html');
    case '/big/report.html': {
      // Chunked, no Content-Length: the cap must hold while streaming.
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const push = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', push);
        }
        response.end();
      };
      return push();
    }
    case '/declared-big/list.html':
      return listing('/declared-big/report.html');
    case '/declared-big/report.html':
      return void response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) }).end();
    case '/gone/list.html':
      return listing('/gone/report.html');
    case '/broken/list.html':
      return void response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>500</h1>');
    case '/private/list.html':
      return listing('/private/report.html');
    case '/gbk/list.html':
      return listing('/gbk/report.html');
    case '/gbk/report.html': {
      // Declared only in <meta>, as many older portals do: the header names no charset.
      const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>柳州市城中区2023年法治政府建设年度报告</title></head><body><div class="TRS_Editor"><p>${'2023年，城中区全年组织集体学法17次，收到行政复议申请41件，办结率100%。'.repeat(8)}</p></div></body></html>`;
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(page, 'gbk'));
    }
    default:
      return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
  }
}

describe('crawl failures each get a code, and nothing unusable is kept', () => {
  let server: Server;
  let origin: string;
  const plan = (path: string, extra: Partial<CrawlPlan> = {}): CrawlPlan => ({
    listings: [{ url: `${origin}${path}`, pages: 1 }],
    isReport: () => true,
    known: new Set(),
    recheck: [],
    validators: new Map(),
    ...extra,
  });
  const crawl = (path: string, settings: { timeoutSecs?: number; maxBytes?: number; beforeRequest?: (url: string) => Promise<void> } = {}) =>
    crawlPortal(plan(path), 'http', { userAgent: 'nianbao-test', timeoutSecs: 2, maxBytes: 1024 * 1024, ...settings });

  beforeAll(async () => {
    server = createServer((request, response) => routes(new URL(request.url ?? '/', 'http://x').pathname, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('a server that never answers: ERR_CRAWL_TIMEOUT', async () => {
    const outcome = await crawl('/hang/list.html');
    expect(outcome.listingErrors.map((e) => e.code)).toEqual(['ERR_CRAWL_TIMEOUT']);
  });

  it('a redirect loop: ERR_CRAWL_REDIRECTS, not retried', async () => {
    const outcome = await crawl('/loop/list.html');
    expect(outcome.listingErrors.map((e) => [e.code, e.retryable])).toEqual([['ERR_CRAWL_REDIRECTS', false]]);
  });

  it('a page over the size cap, streamed without a length: ERR_CRAWL_TOO_LARGE and no page', async () => {
    const outcome = await crawl('/big/list.html');
    expect(outcome.reports).toHaveLength(1);
    expect(outcome.reports[0]!.page).toBeUndefined();
    expect(outcome.reports[0]!.error?.code).toBe('ERR_CRAWL_TOO_LARGE');
  });

  it('a page that declares a length over the cap is refused before it downloads', async () => {
    const outcome = await crawl('/declared-big/list.html');
    expect(outcome.reports[0]!.error?.code).toBe('ERR_CRAWL_TOO_LARGE');
  });

  it('a missing report page: ERR_CRAWL_NOT_FOUND, not retryable', async () => {
    const outcome = await crawl('/gone/list.html');
    expect(outcome.reports.map((r) => [r.error?.code, r.error?.retryable])).toEqual([['ERR_CRAWL_NOT_FOUND', false]]);
  });

  it('a listing answering 500: ERR_CRAWL_HTTP, retryable', async () => {
    const outcome = await crawl('/broken/list.html');
    expect(outcome.listingErrors.map((e) => [e.code, e.retryable])).toEqual([['ERR_CRAWL_HTTP', true]]);
  });

  it('a GBK page declared only in <meta> comes through as its bytes and extracts without mojibake', async () => {
    const outcome = await crawl('/gbk/list.html');
    const page = outcome.reports[0]!.page!;
    expect(page.body.includes(iconv.encode('城中区', 'gbk'))).toBe(true);
    const extracted = extractPage({ body: page.body, url: page.url, contentType: page.contentType });
    expect(extracted.title).toBe('柳州市城中区2023年法治政府建设年度报告');
    expect(extracted.text).toContain('收到行政复议申请41件');
  });

  describe('politeness', () => {
    const env = testSettings();
    let redis: OwnRedis;
    let client: Redis;
    beforeAll(async () => {
      redis = await startOwnRedis(env.dataDir);
      client = new Redis(redis.url);
    });
    afterAll(async () => {
      client?.disconnect();
      await redis?.stop();
      env.cleanup();
    });

    it('robots.txt disallow: the page is never requested, ERR_CRAWL_ROBOTS', async () => {
      const requested: string[] = [];
      const gate = createPolitenessGate(client, { userAgent: 'nianbao-test', requestsPerSecond: 50, keyPrefix: 'robots-test', timeoutSecs: 2 });
      const outcome = await crawl('/private/list.html', {
        beforeRequest: async (url) => {
          requested.push(url);
          await gate(url);
        },
      });
      expect(outcome.listingErrors.map((e) => [e.code, e.retryable])).toEqual([['ERR_CRAWL_ROBOTS', false]]);
      expect(outcome.listingPagesFetched).toBe(0);
    });

    it('the shared rate paces requests to one host', async () => {
      const gate = createPolitenessGate(client, { userAgent: 'nianbao-test', requestsPerSecond: 1, keyPrefix: 'pace-test', timeoutSecs: 2 });
      const granted: number[] = [];
      for (let i = 0; i < 3; i++) {
        await gate(`${origin}/gone/list.html`);
        granted.push(Date.now());
      }
      const gaps = granted.slice(1).map((t, i) => t - granted[i]!);
      expect(gaps).toHaveLength(2);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    });

    it("a site's Crawl-delay for our user agent slows the pace below our own", async () => {
      const gate = createPolitenessGate(client, { userAgent: 'slowbot/1.0', requestsPerSecond: 50, keyPrefix: 'delay-test', timeoutSecs: 2 });
      const granted: number[] = [];
      for (let i = 0; i < 2; i++) {
        await gate(`${origin}/gone/list.html`);
        granted.push(Date.now());
      }
      expect(granted[1]! - granted[0]!).toBeGreaterThanOrEqual(1_900);
    });
  });
});
