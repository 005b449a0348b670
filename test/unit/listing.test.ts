import { describe, expect, it } from 'vitest';
import { ADAPTERS, detectAdapter, resolveLink } from '../../src/crawl';

const PAGE = `<html><body><ul class="list">
  <li><a href="./202401/t20240102_3723994.shtml" title="柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度报告">柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度...</a><span>2024-01-02</span></li>
  <li><a href="../202402/t20240220_1.shtml#top">城中区2023年法治政府建设年度报告</a><span>2024年2月20日</span></li>
  <li><a href="javascript:void(0)">打印</a></li>
  <li><a href="mailto:a@b.cn">联系我们</a></li>
  <li><a href="./202401/t20240102_3723994.shtml">重复链接</a></li>
</ul>
<script>createPageHTML(4, 0, "index", "shtml");</script></body></html>`;

const base = 'http://portal.test/col/fzzfjs/index.shtml';
const page = (text: string) => ({ request: { url: base, method: 'GET' as const }, finalUrl: base, contentType: 'text/html', text });

describe('a TRS listing page', () => {
  const listing = ADAPTERS.trs.parse(page(PAGE), 0);

  it('is detected as TRS by its pager script', () => {
    expect(detectAdapter(page(PAGE)).id).toBe('trs');
  });

  it('prefers the full title="" over a cut link text', () => {
    expect(listing.links[0]).toEqual({ url: 'http://portal.test/col/fzzfjs/202401/t20240102_3723994.shtml', title: '柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度报告', date: '2024-01-02' });
  });

  it('resolves relative links, drops fragments, reads Chinese dates, skips javascript:/mailto: and duplicates', () => {
    expect(listing.links.map((l) => l.url)).toEqual(['http://portal.test/col/fzzfjs/202401/t20240102_3723994.shtml', 'http://portal.test/col/202402/t20240220_1.shtml']);
    expect(listing.links[1]!.date).toBe('2024-02-20');
  });

  it('leads to the next page the pager announces, and no further than its count', () => {
    expect(listing.next).toMatchObject({ url: 'http://portal.test/col/fzzfjs/index_1.shtml', method: 'GET' });
    // Which page this is comes from its own URL: index_3.shtml is the last of 4.
    const last = 'http://portal.test/col/fzzfjs/index_3.shtml';
    expect(ADAPTERS.trs.parse({ request: { url: last, method: 'GET' }, finalUrl: last, contentType: 'text/html', text: PAGE }, 3).next).toBeNull();
  });

  it('a page without a pager is the generic kind and has no next page', () => {
    expect(detectAdapter(page('<a href="/x">x</a>')).id).toBe('generic');
    expect(ADAPTERS.generic.parse(page('<a href="/x">x</a>'), 0).next).toBeNull();
  });

  it('rejects links that are not http(s)', () => {
    expect(resolveLink('ftp://x/y', base)).toBeNull();
    expect(resolveLink('http://[bad', base)).toBeNull();
  });
});
