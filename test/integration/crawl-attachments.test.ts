import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReport } from '../../jobs/record-report';
import { crawlPortal, type CrawlOutcome } from '../../src/crawl';
import { classifyTitle } from '../../src/extract';
import { portalSchema } from '../../src/core/portal';
import { openStore, type Store } from '../../src/store';
import { testSettings } from '../support/runtime';

const PDF = readFileSync(new URL('../fixtures/attachments/report.pdf', import.meta.url));
const DOCX = readFileSync(new URL('../fixtures/attachments/report.docx', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const notice = (title: string, link: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div class="nav">首页 &gt; 通知公告</div><h1>${title}</h1>
<div class="info">发布日期：2024-02-20 来源：城中区司法局</div><div class="TRS_Editor"><p>现将《${title}》予以公开，详见附件。</p><p>${link}</p></div><div class="footer">版权所有：城中区人民政府</div></body></html>`;

/** Notices that only point at their report file, in the ways portals link them, and a file linked straight from the listing. */
const PAGES: Record<string, { type: string; body: string | Buffer }> = {
  '/list.html': {
    type: 'text/html; charset=utf-8',
    body: `<ul>
<li><a href="/n/1.html">城中区2023年法治政府建设年度报告</a><span>2024-02-20</span></li>
<li><a href="/n/2.html">鱼峰区2023年法治政府建设年度报告</a><span>2024-02-21</span></li>
<li><a href="/n/3.html">柳北区2023年法治政府建设年度报告</a><span>2024-02-22</span></li>
<li><a href="/n/4.html">柳南区2023年法治政府建设年度报告</a><span>2024-02-23</span></li>
<li><a href="/files/lz-2023.pdf">柳江区2023年法治政府建设年度报告</a><span>2024-02-24</span></li>
</ul>`,
  },
  '/n/1.html': { type: 'text/html; charset=utf-8', body: notice('城中区2023年法治政府建设年度报告', '附件：<a href="/files/a.pdf">城中区2023年法治政府建设年度报告.pdf</a>') },
  '/n/2.html': { type: 'text/html; charset=utf-8', body: notice('鱼峰区2023年法治政府建设年度报告', '<iframe src="/files/b.docx" width="100%"></iframe>') },
  '/n/3.html': { type: 'text/html; charset=utf-8', body: notice('柳北区2023年法治政府建设年度报告', '<a href="/pdfjs/web/viewer.html?file=%2Ffiles%2Fc.pdf">在线阅读</a>') },
  '/n/4.html': { type: 'text/html; charset=utf-8', body: notice('柳南区2023年法治政府建设年度报告', '<a href="/module/download/downfile.jsp?classid=0&filename=d.pdf">下载附件</a>') },
  '/files/a.pdf': { type: 'application/pdf', body: PDF },
  '/files/b.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: DOCX },
  '/files/c.pdf': { type: 'application/pdf', body: PDF },
  '/module/download/downfile.jsp': { type: 'application/octet-stream', body: PDF },
  '/files/lz-2023.pdf': { type: 'application/pdf', body: PDF },
};

describe('reports published as PDF or DOCX attachments', () => {
  let server: Server;
  let outcome: CrawlOutcome;
  const env = testSettings();
  let store: Store;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const page = PAGES[new URL(request.url ?? '/', 'http://x').pathname];
      if (!page) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    outcome = await crawlPortal(
      { listings: [{ url: `${origin}/list.html`, pages: 1 }], isReport: (l) => classifyTitle(l.title) !== null, known: new Set(), recheck: [], validators: new Map() },
      'http',
      { userAgent: 'nianbao-test' },
    );
    store = await openStore({ dataDir: env.dataDir });
    await store.portals.sync([portalSchema.parse({ id: 'liuzhou', name: '柳州', listings: [{ url: `${origin}/list.html` }] })]);
  });
  afterAll(async () => {
    await store?.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    env.cleanup();
  });

  it('follows the notice to its file, whatever way the notice links it', () => {
    const byTitle = Object.fromEntries(outcome.reports.map((r) => [r.link.title.slice(0, 3), r]));
    expect(outcome.reports).toHaveLength(5);
    expect(byTitle['城中区']!.attachment?.file).toMatchObject({ kind: 'pdf', via: 'link' });
    expect(byTitle['鱼峰区']!.attachment?.file).toMatchObject({ kind: 'docx', via: 'iframe' });
    expect(byTitle['柳北区']!.attachment?.file).toMatchObject({ kind: 'pdf', via: 'pdfjs-viewer' });
    expect(byTitle['柳南区']!.attachment?.file).toMatchObject({ kind: 'pdf', via: 'downfile' });
    expect(byTitle['柳江区']!.attachment).toBeUndefined();
    expect(byTitle['柳江区']!.page!.contentType).toBe('application/pdf');
  });

  it('stores each report with the file text as body, the notice metadata, and the original file as raw bytes', async () => {
    // The fixture districts all publish the same file text: the first is news, the others are reposts of it.
    const outcomes = [];
    for (const report of outcome.reports) outcomes.push(await recordReport(store, 'liuzhou', { ...report, page: report.page! }, classifyTitle(report.link.title)));
    const first = outcomes[0]!;
    if (first.outcome !== 'new') throw new Error(`expected the first report to be new, got ${first.outcome}`);
    for (const later of outcomes.slice(1)) expect(later).toMatchObject({ outcome: 'duplicate', duplicateOf: first.reportId });
    const reports = await store.reports.list();
    expect(reports).toHaveLength(5);
    for (const report of reports) {
      const version = await store.reports.versionText(report.versions[0]!.id);
      expect(version!.text).toContain('开展3期');
      expect(report.type).toBe('law-based-government');
      expect(report.year).toBe(2023);
    }
    const docx = reports.find((r) => r.title.startsWith('鱼峰区'))!;
    expect(docx.versions[0]!.rawSha256).toBe(sha(DOCX));
    expect(docx.publishedDate).toBe('2024-02-20');
    const direct = reports.find((r) => r.title.startsWith('柳江区'))!;
    expect(direct.versions[0]!.rawSha256).toBe(sha(PDF));
    expect(direct.publishedDate).toBe('2024-02-24');
  });

  it('a second pass over the same files stores nothing new', async () => {
    for (const report of outcome.reports) {
      const result = await recordReport(store, 'liuzhou', { ...report, page: report.page! }, classifyTitle(report.link.title));
      expect(result.outcome).toBe('unchanged');
    }
  });
});
