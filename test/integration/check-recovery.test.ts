import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckSummary } from '../../jobs/check-portal';
import { waitForJob } from '../../jobs/wait';
import { startRuntime, type Runtime } from '../../src/app/runtime';
import { portalSchema } from '../../src/core/portal';
import { loadSeedArticles } from '../../src/demo/seed-articles';
import { renderArticlePage, VISITS_INCLUDE } from '../../src/demo/pages';
import { testSettings } from '../support/runtime';

/**
 * A report page that fails once (a 503 during a deploy) while its listing answers 304 from then on:
 * the next check must still fetch it, so nothing the portal published is lost to a passing error.
 */
describe('a report that failed once is fetched again at the next check', () => {
  const env = testSettings();
  let server: Server;
  let runtime: Runtime;
  let reportRequests = 0;
  const article = loadSeedArticles()['001'];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/list.html') {
        if (request.headers['if-none-match'] === '"L1"') return void response.writeHead(304).end();
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"L1"' }).end(`<ul><li><a href="/r1.html">${article.title}</a><span>2024-02-20</span></li></ul>`);
      }
      if (path === '/r1.html') {
        reportRequests++;
        if (reportRequests === 1) return void response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
        return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"R1"' }).end(renderArticlePage(article, []).replace(VISITS_INCLUDE, '7'));
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const listing = `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.html`;
    runtime = await startRuntime({ settings: env.settings, portals: [portalSchema.parse({ id: 'flaky', name: '偶尔出错的门户', listings: [{ url: listing }], fetchMode: 'http', schedule: { cron: '0 0 1 1 *' } })], roles: { web: false, workers: true, config: true } });
  });
  afterAll(async () => {
    await runtime?.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    env.cleanup();
  });

  const check = async () => {
    const job = await runtime.queues.check.add('check-portal', { portalId: 'flaky', trigger: 'manual' }, { attempts: 1 });
    return waitForJob<CheckSummary>(runtime.queues.check, job.id!, { timeoutMs: 30_000 });
  };

  it('first check: the report fails; second: it is fetched and stored; third: all answered 304', async () => {
    expect((await check()).failed.map((f) => f.code)).toEqual(['ERR_CRAWL_NOT_FOUND']);
    expect(await check()).toMatchObject({ new: 1, failed: [] });
    expect(reportRequests).toBe(2);
    expect(await check()).toMatchObject({ new: 0, unchanged: 1, failed: [] });
    expect(reportRequests).toBe(3);
  });
});
