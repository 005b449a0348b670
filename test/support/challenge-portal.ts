import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderArticlePage } from '../../src/demo/pages';
import { loadSeedArticles } from '../../src/demo/seed-articles';
import { VISITS_INCLUDE } from '../../src/demo/pages';

/**
 * A portal behind a 加速乐-style cookie challenge: every request without the clearance cookie gets
 * HTTP 412 and a script that sets the cookie and reloads. Behind it, the listing's items are
 * rendered by script from a JSON feed, so a plain HTTP client sees neither the items nor the reports.
 */
export interface ChallengePortal {
  origin: string;
  listingUrl: string;
  reportUrls: string[];
  requests: Array<{ path: string; status: number; cookie: boolean }>;
  close(): Promise<void>;
}

const COOKIE = '__jsl_clearance_s=1732000000.123|0|demo';

function challengePage(): string {
  return `<html><head><meta charset="utf-8"></head><body><script>document.cookie=${JSON.stringify(`${COOKIE};path=/`)};setTimeout(function(){location.reload()},50);</script></body></html>`;
}

function listingShell(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>法治政府建设</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<ul id="list"></ul>
<script>
fetch('/api/list.json').then(function (r) { return r.json(); }).then(function (items) {
  document.getElementById('list').innerHTML = items.map(function (i) {
    return '<li><a href="' + i.url + '" title="' + i.title + '">' + i.title + '</a><span>' + i.date + '</span></li>';
  }).join('');
});
</script></body></html>`;
}

export async function startChallengePortal(): Promise<ChallengePortal> {
  const articles = loadSeedArticles();
  const reports = [
    { path: '/art/2024/3/6/art_1.html', article: articles['003'] },
    { path: '/art/2024/1/31/art_2.html', article: articles['002'] },
  ];
  const items = [
    ...reports.map((r) => ({ url: r.path, title: r.article.title, date: r.article.publishedAt.slice(0, 10) })),
    { url: '/art/2024/1/20/art_3.html', title: '2024年政府工作报告', date: '2024-01-20' },
  ];
  const requests: ChallengePortal['requests'] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const cookie = (request.headers.cookie ?? '').includes('__jsl_clearance_s=');
    const reply = (status: number, type: string, body: string) => {
      requests.push({ path, status, cookie });
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    if (path === '/robots.txt') return reply(200, 'text/plain', 'User-agent: *\nAllow: /\n');
    if (!cookie) return reply(412, 'text/html', challengePage());
    if (path === '/col/index.html') return reply(200, 'text/html; charset=utf-8', listingShell());
    if (path === '/api/list.json') return reply(200, 'application/json', JSON.stringify(items));
    const report = reports.find((r) => r.path === path);
    if (report) return reply(200, 'text/html; charset=utf-8', renderArticlePage(report.article, []).replace(VISITS_INCLUDE, '1'));
    return reply(404, 'text/html', '<html><body>404</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    listingUrl: `${origin}/col/index.html`,
    reportUrls: reports.map((r) => `${origin}${r.path}`),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
