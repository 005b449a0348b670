import { describe, expect, it } from 'vitest';
import { crawlPortal, reportKey, type CrawlPlan } from '../../src/crawl';
import { classifyTitle, extractPage } from '../../src/extract';
import { startGkmlptPortal, startHanwebPortal, startTrsPortal, type FixturePortal } from '../support/portals';

const plan = (portal: FixturePortal, extra: Partial<CrawlPlan> = {}): CrawlPlan => ({
  listings: [{ url: portal.listingUrl, pages: 5 }],
  isReport: (link) => classifyTitle(link.title) !== null,
  known: new Set(),
  recheck: [],
  validators: new Map(),
  ...extra,
});
const settings = { userAgent: 'nianbao-test', timeoutSecs: 10 };

async function withPortal(start: () => Promise<FixturePortal>, run: (portal: FixturePortal) => Promise<void>): Promise<void> {
  const portal = await start();
  try {
    await run(portal);
  } finally {
    await portal.close();
  }
}

/** Each kind of listing, crawled through the real crawler: exactly the reports, never the look-alikes. */
describe.each([
  ['TRS, paginated index_N.shtml', () => startTrsPortal({})],
  ['TRS in GBK declared only in <meta>', () => startTrsPortal({ encoding: 'gbk' })],
  ['Hanweb dataproxy.jsp XML windows', () => startHanwebPortal({})],
  ['Guangdong gkmlpt JSON API', () => startGkmlptPortal({ pageSize: 40 })],
])('%s', (_name, start) => {
  it('finds exactly the reports and fetches nothing else', () =>
    withPortal(start, async (portal) => {
      const outcome = await crawlPortal(plan(portal), 'http', settings);
      expect(outcome.listingErrors).toEqual([]);
      expect(outcome.reports.map((r) => r.link.url).sort()).toEqual([...portal.reportUrls].sort());
      for (const report of outcome.reports) {
        const page = extractPage({ body: report.page!.body, url: report.page!.url, contentType: report.page!.contentType });
        expect(page.type).toBe('law-based-government');
        expect(page.text).not.toMatch(/�|锟斤拷/);
      }
      // Every request was a listing page or a report: no look-alike was fetched.
      expect(outcome.requests.total).toBe(outcome.listingPagesFetched + portal.reportUrls.length);
      expect(portal.requests).toHaveLength(outcome.requests.total);
    }));
});

describe('pagination stops early on a page of known reports', () => {
  it('a second crawl that knows every report reads one listing page and fetches no report', () =>
    withPortal(
      () => startTrsPortal({}),
      async (portal) => {
        await crawlPortal(plan(portal), 'http', settings);
        const before = portal.requests.length;
        const outcome = await crawlPortal(plan(portal, { known: new Set(portal.reportUrls.map(reportKey)) }), 'http', settings);
        expect(outcome.reports).toEqual([]);
        expect(outcome.listingPagesFetched).toBe(1);
        expect(portal.requests.length - before).toBe(1);
      },
    ));

  it('the same report under www. and the bare host, or a /gate/big5/ copy, has one key', () => {
    expect(reportKey('http://www.liuzhou.gov.cn/a/t20240102_1.shtml')).toBe(reportKey('https://liuzhou.gov.cn/a/t20240102_1.shtml'));
    expect(reportKey('http://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/a/t1.html')).toBe(reportKey('http://www.beijing.gov.cn/a/t1.html'));
  });
});
