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
  let maintenance = false;
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
        if (maintenance) {
          // What real portals answer during maintenance: 200, their own page, at every URL.
          return void response
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end('<html><head><title>系统维护公告</title></head><body><div class="content"><h1>系统维护公告</h1><p>尊敬的用户：为提升网站服务质量，本网站将于今日进行系统升级维护，维护期间暂停访问，给您带来的不便敬请谅解。维护完成后将第一时间恢复访问，感谢您的理解与支持！</p></div></body></html>');
        }
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

  it('a maintenance page at the report URL is not stored as a revision, and nothing is mailed when the report returns', async () => {
    maintenance = true;
    const during = await check();
    expect(during).toMatchObject({ revised: 0 });
    expect(during.failed.map((f) => f.code)).toEqual(['ERR_EXTRACT_NO_BODY']);
    maintenance = false;
    expect(await check()).toMatchObject({ revised: 0, unchanged: 1, failed: [] });
    const [report] = await runtime.store.reports.list();
    expect(report!.versions).toHaveLength(1);
    expect(report!.title).toBe(article.title);
  });
});
