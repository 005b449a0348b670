import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListingLink } from '../../src/core/types';
import { ADAPTERS, detectAdapter, type ListingAdapter, type ListingPage, type PageRequest } from '../../src/crawl/adapters';
import { classifyTitle, decodeHtml, extractPage } from '../../src/extract';
import { startGkmlptPortal, startHanwebPortal, startTrsPortal, type FixturePortal } from '../support/portals';

const HOST = 'http://www.demo.gov.cn';

function saved(file: string): Buffer {
  return readFileSync(new URL(`../fixtures/listings/${file}`, import.meta.url));
}

function page(text: string, url: string, request: Partial<PageRequest> = {}, contentType: string | null = 'text/html; charset=utf-8'): ListingPage {
  return { request: { url, method: 'GET', ...request }, finalUrl: url.replace(/#.*$/, ''), contentType, text };
}

function savedPage(file: string, url: string, request: Partial<PageRequest> = {}, contentType: string | null = 'text/html; charset=utf-8'): ListingPage {
  return page(saved(file).toString('utf8'), url, request, contentType);
}

const isArticle = (link: ListingLink) => /\/t\d{8}_\d+\.shtml$/.test(link.url);

describe('TRS', () => {
  const index = savedPage('trs/index.shtml', `${HOST}/col/fzzfjs/index.shtml`);

  it('lists the column items of the first page with full titles and dates', () => {
    expect(ADAPTERS.trs.parse(index, 0).links.filter(isArticle)).toEqual([
      { url: `${HOST}/col/fzzfjs/202403/t20240306_3787512.shtml`, title: '柯桥区2023年法治政府建设年度报告', date: '2024-03-06' },
      { url: `${HOST}/col/fzzfjs/202403/t20240301_3780264.shtml`, title: '2023年国民经济和社会发展统计公报', date: '2024-03-01' },
      { url: `${HOST}/col/fzzfjs/202402/t20240227_3776031.shtml`, title: '我市召开2024年全面依法治市工作会议', date: '2024-02-27' },
      { url: `${HOST}/col/fzzfjs/202402/t20240221_3769455.shtml`, title: '《2023年法治政府建设年度报告》解读', date: '2024-02-21' },
      { url: `${HOST}/col/fzzfjs/202402/t20240220_3768120.shtml`, title: '柳州市城中区2023年法治政府建设年度报告', date: '2024-02-20' },
      { url: `${HOST}/col/fzzfjs/202402/t20240202_3753302.shtml`, title: '演示市2023年度行政执法案卷评查结果通报', date: '2024-02-02' },
      { url: `${HOST}/col/fzzfjs/202401/t20240131_3750677.shtml`, title: '赣州蓉江新区2023年度法治政府建设工作情况报告', date: '2024-01-31' },
      { url: `${HOST}/col/fzzfjs/202401/t20240126_3745210.shtml`, title: '2024年政府工作报告', date: '2024-01-26' },
    ]);
  });

  it('asks for index_1 next and announces the page count', () => {
    const parsed = ADAPTERS.trs.parse(index, 0);
    expect(parsed.next).toEqual({ url: `${HOST}/col/fzzfjs/index_1.shtml`, method: 'GET' });
    expect(parsed.total).toBe(3);
  });

  it('has no next page after the last one', () => {
    const last = ADAPTERS.trs.parse(savedPage('trs/index_2.shtml', `${HOST}/col/fzzfjs/index_2.shtml`), 2);
    expect(last.next).toBeNull();
    expect(last.links.filter(isArticle)).toEqual([
      { url: `${HOST}/col/fzzfjs/202212/t20221209_3312045.shtml`, title: '鶴山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告', date: '2022-12-09' },
    ]);
  });

  it('reads a GBK page declared only in <meta http-equiv> once decoded, full title from title=""', () => {
    const bytes = saved('trs-gbk/index_1.shtml');
    expect(bytes.includes(Buffer.from('法治政府建设', 'utf8'))).toBe(false);
    const { html } = decodeHtml(bytes, 'text/html');
    const parsed = detectAdapter(page(html, `${HOST}/col/fzzfjs/index_1.shtml`, {}, 'text/html')).parse(page(html, `${HOST}/col/fzzfjs/index_1.shtml`, {}, 'text/html'), 1);
    expect(parsed.links).toContainEqual({ url: `${HOST}/col/fzzfjs/202401/t20240102_3723994.shtml`, title: '柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度报告', date: '2024-01-02' });
    expect(parsed.next).toEqual({ url: `${HOST}/col/fzzfjs/index_2.shtml`, method: 'GET' });
  });

  it("reads the six-argument pager and takes the current page from the URL, not the template's argument", () => {
    const html = `<ul><li><a href="./t20240306_1.html">甲</a></li></ul><script>createPageHTML('page_div', 5, 1, 'index', 'html', 97);</script>`;
    expect(ADAPTERS.trs.parse(page(html, `${HOST}/zwgk/index_3.html`), 3).next).toEqual({ url: `${HOST}/zwgk/index_4.html`, method: 'GET' });
    expect(ADAPTERS.trs.parse(page(html, `${HOST}/zwgk/index_4.html`), 4).next).toBeNull();
  });

  it('resolves a page count passed through a variable, and skips the definition of createPageHTML', () => {
    const html = `<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {}</script>
<script>var countPage = 2//共多少页
var currentPage = 0;
createPageHTML(countPage, currentPage, "index", "shtml");</script>`;
    expect(ADAPTERS.trs.parse(page(html, `${HOST}/col/a/`), 0)).toEqual({ links: [], next: { url: `${HOST}/col/a/index_1.shtml`, method: 'GET' }, total: 2 });
    expect(ADAPTERS.trs.matches(page('<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {}</script>', `${HOST}/`))).toBe(false);
  });

  it('takes the date from the URL when the row shows none, except the t19700101 placeholder; the row wins', () => {
    const html = `<ul>
<li><a href="./202403/t20240306_11.shtml">无日期的条目</a></li>
<li><a href="./197001/t19700101_12.shtml">没有日期的条目</a></li>
<li><a href="./197001/t19700101_13.shtml">显示日期的条目</a><span>2024-02-01</span></li>
<li><a href="./202403/t20240306_14.shtml">关于2023年3月5日会议的通知</a><span>2024-03-07</span></li>
</ul><script>createPageHTML(1, 0, "index", "shtml");</script>`;
    expect(ADAPTERS.trs.parse(page(html, `${HOST}/col/b/index.shtml`), 0).links.map((link) => link.date)).toEqual(['2024-03-06', null, '2024-02-01', '2024-03-07']);
  });
});

describe('Hanweb (大汉 jpage)', () => {
  const shellUrl = `${HOST}/col/col1202101/index.html`;
  const form =
    'col=1&appid=1&webid=1855&path=%2F&columnid=1202101&sourceContentType=1&unitid=4978845&webname=%E6%BC%94%E7%A4%BA%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0';
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Requested-With': 'XMLHttpRequest', Referer: shellUrl };
  const windowUrl = (start: number, end: number) => `${HOST}/module/web/jpage/dataproxy.jsp?startrecord=${start}&endrecord=${end}&perpage=15`;
  const answer = (file: string, start: number, end: number) =>
    savedPage(file, windowUrl(start, end), { method: 'POST', payload: form, headers }, 'text/xml;charset=UTF-8');

  it('turns the column shell into the first POST window, with the form fields of the page', () => {
    expect(ADAPTERS.hanweb.parse(savedPage('hanweb/col1202101.html', shellUrl), 0)).toEqual({
      links: [],
      next: { url: windowUrl(1, 45), method: 'POST', payload: form, headers },
      total: 47,
    });
  });

  it('reads the records of an XML answer and asks for the next window while records remain', () => {
    const parsed = ADAPTERS.hanweb.parse(answer('hanweb/window-1.xml', 1, 45), 1);
    expect(parsed.links).toHaveLength(45);
    expect(parsed.links[0]).toEqual({ url: `${HOST}/art/2024/3/28/art_1202101_3900000.html`, title: '演示市司法局召开党组理论学习中心组学习会议', date: '2024-03-28' });
    expect(parsed.links).toContainEqual({ url: `${HOST}/art/2024/3/6/art_1202101_3787512.html`, title: '柯桥区2023年法治政府建设年度报告', date: '2024-03-06' });
    expect(parsed.links).toContainEqual({ url: `${HOST}/art/2024/1/2/art_1202101_3723994.html`, title: '柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度报告', date: '2024-01-02' });
    expect(parsed.next).toEqual({ url: windowUrl(46, 90), method: 'POST', payload: form, headers });
    expect(parsed.total).toBe(47);
  });

  it('stops after the window that holds the last record', () => {
    expect(ADAPTERS.hanweb.parse(answer('hanweb/window-2.xml', 46, 90), 2)).toEqual({
      links: [
        { url: `${HOST}/art/2023/1/18/art_1202101_3899971.html`, title: '演示市人力资源和社会保障局召开行政复议案件集体讨论会', date: '2023-01-18' },
        { url: `${HOST}/art/2022/12/9/art_1202101_3312045.html`, title: '鶴山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告', date: '2022-12-09' },
      ],
      next: null,
      total: 47,
    });
  });

  it('returns nothing and no next request for an empty window', () => {
    expect(ADAPTERS.hanweb.parse(answer('hanweb/window-3.xml', 91, 135), 3)).toEqual({ links: [], next: null, total: 47 });
  });

  it('reads the first window printed into the shell and continues after it', () => {
    const parsed = ADAPTERS.hanweb.parse(savedPage('hanweb/col1202101-embedded.html', shellUrl), 0);
    expect(parsed.links).toHaveLength(45);
    expect(parsed.links).toContainEqual({ url: `${HOST}/art/2024/2/20/art_1202101_3768120.html`, title: '柳州市城中区2023年法治政府建设年度报告', date: '2024-02-20' });
    expect(parsed.next).toEqual({ url: windowUrl(46, 90), method: 'POST', payload: form, headers });
  });

  it('uses the proxy path the page names and takes the fields from the nextgroup link when no param object is given', () => {
    const shell = `<div id="7543749"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/jpage/dataproxy.jsp?page=1&amp;appid=1&amp;webid=3396&amp;path=/&amp;columnid=1228972439&amp;unitid=7543749&amp;webname=%E7%9C%81%E8%8D%AF%E7%9B%91%E5%B1%80&amp;permissiontype=0"></a>]]></nextgroup><recordset></recordset></datastore></script></div>
<script>$('#7543749').jpage({ totalRecord:120, dataStore:x, perPage:20 });</script>`;
    expect(ADAPTERS.hanweb.parse(page(shell, 'http://mpa.test/col/col1228972439/index.html'), 0).next).toEqual({
      url: 'http://mpa.test/module/jpage/dataproxy.jsp?startrecord=1&endrecord=60&perpage=20',
      method: 'POST',
      payload: 'appid=1&webid=3396&path=%2F&columnid=1228972439&unitid=7543749&webname=%E7%9C%81%E8%8D%AF%E7%9B%91%E5%B1%80&permissiontype=0',
      headers: { ...headers, Referer: 'http://mpa.test/col/col1228972439/index.html' },
    });
  });

  it('keeps the quoted and bare values of the param object in its own order', () => {
    const shell = `<script>var param_464148 = {col:1,webid:'3',path:"http://www.jx.test/",columnid:64511,sourceContentType:3,unitid:'464148',webname:'江西',permissiontype:0};
jpage({proxyUrl:'/module/web/jpage/dataproxy.jsp', perPage:'38', ajaxParam:param_464148});</script>`;
    const next = ADAPTERS.hanweb.parse(page(shell, 'http://www.jx.test/col/col64511/index.html'), 0).next;
    expect(next?.url).toBe('http://www.jx.test/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=114&perpage=38');
    expect(next?.payload).toBe('col=1&webid=3&path=http%3A%2F%2Fwww.jx.test%2F&columnid=64511&sourceContentType=3&unitid=464148&webname=%E6%B1%9F%E8%A5%BF&permissiontype=0');
  });

  it('without a total, continues after a full window and stops after a short one', () => {
    const records = (n: number) => Array.from({ length: n }, (_, i) => `<record><li><a href="/art/2024/1/${i + 1}/art_1_${i}.html">条目${i}</a><span>2024-01-${String(i + 1).padStart(2, '0')}</span></li></record>`).join('');
    const at = (n: number) => page(`<datastore><recordset>${records(n)}</recordset></datastore>`, 'http://h.test/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=1', { method: 'POST', payload: 'columnid=1' });
    expect(ADAPTERS.hanweb.parse(at(3), 2).next?.url).toBe('http://h.test/module/web/jpage/dataproxy.jsp?startrecord=7&endrecord=9&perpage=1');
    expect(ADAPTERS.hanweb.parse(at(2), 2).next).toBeNull();
    expect(ADAPTERS.hanweb.parse(at(2), 2).links[1]).toEqual({ url: 'http://h.test/art/2024/1/2/art_1_1.html', title: '条目1', date: '2024-01-02' });
  });

  it('pages a GET page= answer by its totalpage', () => {
    const xml = (pageNo: number) => `<datastore><totalrecord>30</totalrecord><totalpage>3</totalpage><recordset><record><![CDATA[<li><a href="/art/2024/3/${pageNo}/art_9_${pageNo}.html">第${pageNo}页</a></li>]]></record></recordset></datastore>`;
    const url = (pageNo: number) => `http://j.test/module/web/jpage/dataproxy.jsp?page=${pageNo}&appid=1&webid=67&columnid=77278&unitid=303271`;
    expect(ADAPTERS.hanweb.parse(page(xml(2), url(2)), 2).next).toEqual({ url: url(3), method: 'GET' });
    expect(ADAPTERS.hanweb.parse(page(xml(3), url(3)), 3).next).toBeNull();
  });

  it('survives malformed XML: the records before the break, no throw', () => {
    const broken = `<datastore><totalrecord>90</totalrecord><recordset><record><![CDATA[<li><a href="/art/a.html" title="甲报告">甲</a></li>]]></record><record><![CDATA[<li><a href="/art/b.ht`;
    const parsed = ADAPTERS.hanweb.parse(page(broken, windowUrl(1, 45), { method: 'POST', payload: form }), 1);
    expect(parsed.links).toEqual([{ url: `${HOST}/art/a.html`, title: '甲报告', date: null }]);
    expect(parsed.next?.url).toBe(windowUrl(46, 90));
    expect(() => ADAPTERS.hanweb.parse(page('<datastore><recordset><record><![CDATA[<<<]]>', windowUrl(1, 45), { method: 'POST' }), 1)).not.toThrow();
  });

  it('gives up on a shell that names no column', () => {
    expect(ADAPTERS.hanweb.parse(page(`<script>jpage({proxyUrl:'/module/web/jpage/dataproxy.jsp'})</script>`, shellUrl), 0)).toEqual({ links: [], next: null });
  });
});

describe('gkmlpt (广东省政务公开目录)', () => {
  const apiUrl = (n: number) => `${HOST}/sfj/gkmlpt/api/all/2104?page=${n}&sid=759001`;
  const xhr = { Accept: 'application/json, text/javascript, */*; q=0.01', 'X-Requested-With': 'XMLHttpRequest', Referer: `${HOST}/sfj/gkmlpt/index` };
  const api = (n: number) => savedPage(`gkmlpt/api-2104-page-${n}.json`, apiUrl(n), { headers: xhr }, 'application/json;charset=UTF-8');

  it('turns the shell into API page 1 of the column named in the hash, under the department prefix', () => {
    expect(ADAPTERS.gkmlpt.parse(savedPage('gkmlpt/index.html', `${HOST}/sfj/gkmlpt/index#2104`), 0)).toEqual({
      links: [],
      next: { url: apiUrl(1), method: 'GET', headers: xhr },
    });
  });

  it('asks for the whole catalogue (column 0) without a hash, and follows APP_URL when the page sets one', () => {
    expect(ADAPTERS.gkmlpt.parse(savedPage('gkmlpt/index.html', `${HOST}/sfj/gkmlpt/index`), 0).next?.url).toBe(`${HOST}/sfj/gkmlpt/api/all/0?page=1&sid=759001`);
    const shell = `<script>window._CONFIG = { SID: "2", APP_URL: "http://www.gd.test/", TREE: [] };</script>`;
    expect(ADAPTERS.gkmlpt.parse(page(shell, 'http://www.gd.test/gkmlpt/index#5'), 0).next?.url).toBe('http://www.gd.test/gkmlpt/api/all/5?page=1&sid=2');
  });

  it('reads articles from JSON: markup out of titles, Unix dates in Beijing time, next page while more remain', () => {
    const parsed = ADAPTERS.gkmlpt.parse(api(1), 1);
    expect(parsed.links).toHaveLength(100);
    expect(parsed.links[0]).toEqual({ url: `${HOST}/sfj/gkmlpt/content/3/3900/post_3900000.html`, title: '演示市司法局召开党组理论学习中心组学习会议', date: '2024-03-28' });
    expect(parsed.links).toContainEqual({ url: `${HOST}/sfj/gkmlpt/content/3/3787/post_3787512.html`, title: '柯桥区2023年法治政府建设年度报告', date: '2024-03-06' });
    expect(parsed.links).toContainEqual({ url: `${HOST}/sfj/gkmlpt/content/3/3743/post_3743187.html`, title: '关于2023年国民经济和社会发展计划执行情况的报告', date: '2024-01-24' });
    expect(parsed.next).toEqual({ url: apiUrl(2), method: 'GET', headers: xhr });
    expect(parsed.total).toBe(107);
  });

  it('walks one page past a short last page, since the answer gives no page size, and stops on the empty one', () => {
    const second = ADAPTERS.gkmlpt.parse(api(2), 2);
    expect(second.links).toHaveLength(7);
    expect(second.links.at(-1)).toEqual({ url: `${HOST}/sfj/gkmlpt/content/3/3312/post_3312045.html`, title: '鶴山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告', date: '2022-12-09' });
    expect(second.next?.url).toBe(apiUrl(3));
    expect(ADAPTERS.gkmlpt.parse(api(3), 3)).toEqual({ links: [], next: null, total: 107 });
  });

  it('takes dates as seconds, milliseconds, digit strings or printed dates, and skips articles without url or title', () => {
    const json = {
      total: '6',
      page_size: 6,
      articles: [
        { title: '甲', url: '/a.html', date: 1704819600 },
        { title: '乙', url: '/b.html', date: 1704819600000 },
        { title: '丙', post_url: '/c.html', first_publish_time: '1704819600' },
        { title: '丁', url: '/d.html', display_publish_time: '2024-03-06 10:00:00' },
        { title: '', url: '/e.html', date: 1 },
        { title: '戊', date: 1 },
      ],
    };
    const parsed = ADAPTERS.gkmlpt.parse(page(JSON.stringify(json), 'http://g.test/gkmlpt/api/all/0?page=1&sid=1'), 1);
    expect(parsed.links).toEqual([
      { url: 'http://g.test/a.html', title: '甲', date: '2024-01-10' },
      { url: 'http://g.test/b.html', title: '乙', date: '2024-01-10' },
      { url: 'http://g.test/c.html', title: '丙', date: '2024-01-10' },
      { url: 'http://g.test/d.html', title: '丁', date: '2024-03-06' },
    ]);
    expect(parsed.next).toBeNull();
    expect(parsed.total).toBe(6);
  });

  it('uses page_size when the answer gives one', () => {
    const json = { total: 45, page_size: 20, articles: [{ title: '甲', url: '/a.html' }] };
    expect(ADAPTERS.gkmlpt.parse(page(JSON.stringify(json), 'http://g.test/gkmlpt/api/all/0?page=2&sid=1'), 2).next?.url).toBe('http://g.test/gkmlpt/api/all/0?page=3&sid=1');
    expect(ADAPTERS.gkmlpt.parse(page(JSON.stringify(json), 'http://g.test/gkmlpt/api/all/0?page=3&sid=1'), 3).next).toBeNull();
  });

  it('survives malformed JSON and answers without articles', () => {
    const url = 'http://g.test/gkmlpt/api/all/0?page=1&sid=1';
    for (const text of ['{"articles": [', '<html>502 Bad Gateway</html>', '{"code": 404}', 'null', '{"articles": [null, 3, "x"]}']) {
      expect(ADAPTERS.gkmlpt.parse(page(text, url), 1)).toEqual({ links: [], next: null });
    }
  });
});

describe('generic', () => {
  const url = `${HOST}/zwgk/list.html`;

  it('lists every link with text and follows a static 下一页', () => {
    const html = `<ul><li><a href="a.html">甲</a> 2024/3/6</li><li><a href="b.html"><img src="x.png"></a></li></ul><div class="pager"><a href="list_2.html">[下一页]</a><a href="list_9.html">尾页</a></div>`;
    expect(ADAPTERS.generic.parse(page(html, url), 0)).toEqual({
      links: [
        { url: `${HOST}/zwgk/a.html`, title: '甲', date: '2024-03-06' },
        { url: `${HOST}/zwgk/list_2.html`, title: '[下一页]', date: null },
        { url: `${HOST}/zwgk/list_9.html`, title: '尾页', date: null },
      ],
      next: { url: `${HOST}/zwgk/list_2.html`, method: 'GET' },
    });
  });

  it('has no next page without a pager, with a script pager, or when 下页 points at the page itself', () => {
    expect(ADAPTERS.generic.parse(page('<a href="a.html">甲</a>', url), 0).next).toBeNull();
    expect(ADAPTERS.generic.parse(page('<a href="javascript:nextPage()">下一页</a>', url), 0).next).toBeNull();
    expect(ADAPTERS.generic.parse(page('<a href="list.html#top">下页</a>', url), 0).next).toBeNull();
  });

  it('returns no links for a page without any', () => {
    expect(ADAPTERS.generic.parse(page('<html><body><p>暂无信息</p></body></html>', url), 0)).toEqual({ links: [], next: null });
  });
});

describe('detection', () => {
  it('recognises each fixture, whatever else the page mentions', () => {
    const trsIndex = savedPage('trs/index.shtml', `${HOST}/col/fzzfjs/index.shtml`);
    expect(trsIndex.text).toContain('/gkmlpt/index');
    expect(detectAdapter(trsIndex).id).toBe('trs');
    expect(detectAdapter(savedPage('hanweb/col1202101.html', `${HOST}/col/col1202101/index.html`)).id).toBe('hanweb');
    expect(detectAdapter(savedPage('hanweb/col1202101-embedded.html', `${HOST}/col/col1202101/index.html`)).id).toBe('hanweb');
    expect(detectAdapter(savedPage('hanweb/window-3.xml', `${HOST}/module/web/jpage/dataproxy.jsp?startrecord=91&endrecord=135&perpage=15`, { method: 'POST' }, 'text/xml')).id).toBe('hanweb');
    expect(detectAdapter(savedPage('gkmlpt/index.html', `${HOST}/sfj/gkmlpt/index#2104`)).id).toBe('gkmlpt');
    expect(detectAdapter(savedPage('gkmlpt/api-2104-page-3.json', `${HOST}/sfj/gkmlpt/api/all/2104?page=3&sid=759001`, {}, 'application/json')).id).toBe('gkmlpt');
  });

  it('leaves a page that only links to such sites to the generic adapter', () => {
    const html = `<a href="http://www.gd.gov.cn/gkmlpt/index">政务公开目录</a> <a href="/module/web/jpage/dataproxy.jsp?columnid=1&unitid=2">数据</a> <p>SID: 其他</p>`;
    expect(detectAdapter(page(html, `${HOST}/`)).id).toBe('generic');
  });

  it('prefers the data source a page names over a TRS pager in its template', () => {
    const pager = '<script>createPageHTML(3, 0, "index", "shtml");</script>';
    const jpage = `<script>var param_1 = {col:1,webid:1,columnid:5,unitid:'1'}; jpage({proxyUrl:'/module/web/jpage/dataproxy.jsp'});</script>`;
    const gkml = `<script>window._CONFIG = { SID: '2' };</script>`;
    expect(detectAdapter(page(pager + gkml, `${HOST}/gkmlpt/index`)).id).toBe('gkmlpt');
    expect(detectAdapter(page(pager + jpage + gkml, `${HOST}/col/col5/index.html`)).id).toBe('hanweb');
  });

  it('registers each adapter under its own id', () => {
    for (const [id, adapter] of Object.entries(ADAPTERS)) expect(adapter.id).toBe(id);
  });
});

/** What a crawler does, with plain fetch: follow `next` one page at a time, stopping early on a page of known reports. */
async function walk(listingUrl: string, known: ReadonlySet<string> = new Set()): Promise<{ adapter: string; reports: string[]; urls: Set<string> }> {
  let request: PageRequest | null = { url: listingUrl, method: 'GET' };
  let adapter: ListingAdapter | null = null;
  const reports: string[] = [];
  const urls = new Set<string>();
  for (let pageIndex = 0; request && pageIndex < 10; pageIndex++) {
    const response = await fetch(request.url, { method: request.method, ...(request.payload ? { body: request.payload } : {}), ...(request.headers ? { headers: request.headers } : {}) });
    const contentType = response.headers.get('content-type');
    const text = decodeHtml(Buffer.from(await response.arrayBuffer()), contentType).html;
    const current: ListingPage = { request, finalUrl: response.url, contentType, text };
    adapter ??= detectAdapter(current);
    const parsed = adapter.parse(current, pageIndex);
    for (const link of parsed.links) urls.add(link.url);
    const found = parsed.links.filter((link) => classifyTitle(link.title) !== null).map((link) => link.url);
    reports.push(...found);
    request = found.length > 0 && found.every((url) => known.has(url)) ? null : parsed.next;
  }
  return { adapter: adapter?.id ?? 'none', reports, urls };
}

const count = (urls: Set<string>, pattern: RegExp) => [...urls].filter((url) => pattern.test(url)).length;

const served = (portal: FixturePortal) => portal.requests.map(({ method, path }) => `${method} ${path}`);

describe('walking the fixture portals with fetch and the adapters', () => {
  let portal: FixturePortal | undefined;
  afterEach(async () => {
    await portal?.close();
    portal = undefined;
  });

  async function expectReportPages(urls: readonly string[]): Promise<void> {
    for (const url of urls) {
      const response = await fetch(url);
      const extracted = extractPage({ body: Buffer.from(await response.arrayBuffer()), url, contentType: response.headers.get('content-type') });
      expect(extracted.type, url).toBe('law-based-government');
    }
  }

  const TRS_REPORTS = ['202403/t20240306_3787512', '202402/t20240220_3768120', '202401/t20240131_3750677', '202401/t20240102_3723994', '202212/t20221209_3312045'];

  it('TRS: three pages, exactly the five reports', async () => {
    portal = await startTrsPortal();
    const { adapter, reports, urls } = await walk(portal.listingUrl);
    expect(adapter).toBe('trs');
    expect(count(urls, /\/t\d{8}_\d+\.shtml$/)).toBe(17);
    expect(reports).toEqual(TRS_REPORTS.map((path) => `${portal!.origin}/col/fzzfjs/${path}.shtml`));
    expect(reports).toEqual(portal.reportUrls);
    expect(served(portal)).toEqual(['GET /col/fzzfjs/index.shtml', 'GET /col/fzzfjs/index_1.shtml', 'GET /col/fzzfjs/index_2.shtml']);
    await expectReportPages(reports);
  });

  it('TRS in GBK: the same reports through the meta-declared charset', async () => {
    portal = await startTrsPortal({ encoding: 'gbk' });
    const listing = await fetch(portal.listingUrl);
    expect(listing.headers.get('content-type')).toBe('text/html');
    const { reports } = await walk(portal.listingUrl);
    expect(reports).toEqual(TRS_REPORTS.map((path) => `${portal!.origin}/col/fzzfjs/${path}.shtml`));
    await expectReportPages(reports);
  });

  it('TRS: a newly published report is found and the walk stops at the first page of known reports', async () => {
    portal = await startTrsPortal({ reports: ['000', '001', '002', '004'] });
    const first = await walk(portal.listingUrl);
    expect(first.reports).toHaveLength(4);
    portal.publish('003');
    portal.requests.length = 0;
    const second = await walk(portal.listingUrl, new Set(first.reports));
    expect(second.reports.filter((url) => !first.reports.includes(url))).toEqual([`${portal.origin}/col/fzzfjs/202403/t20240306_3787512.shtml`]);
    expect(served(portal)).toEqual(['GET /col/fzzfjs/index.shtml', 'GET /col/fzzfjs/index_1.shtml']);
  });

  const HANWEB_REPORTS = ['2024/3/6/art_1202101_3787512', '2024/2/20/art_1202101_3768120', '2024/1/31/art_1202101_3750677', '2024/1/2/art_1202101_3723994', '2022/12/9/art_1202101_3312045'];
  const HANWEB_FORM =
    'col=1&appid=1&webid=1855&path=%2F&columnid=1202101&sourceContentType=1&unitid=4978845&webname=%E6%BC%94%E7%A4%BA%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0';

  it('Hanweb: the shell, then two POST windows, exactly the five reports', async () => {
    portal = await startHanwebPortal();
    const { adapter, reports, urls } = await walk(portal.listingUrl);
    expect(adapter).toBe('hanweb');
    expect(count(urls, /\/art\/\d{4}\//)).toBe(47);
    expect(reports).toEqual(HANWEB_REPORTS.map((path) => `${portal!.origin}/art/${path}.html`));
    expect(reports).toEqual(portal.reportUrls);
    expect(served(portal)).toEqual([
      'GET /col/col1202101/index.html',
      'POST /module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15',
      'POST /module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15',
    ]);
    expect(portal.requests.slice(1).map((request) => request.body)).toEqual([HANWEB_FORM, HANWEB_FORM]);
    await expectReportPages(reports);
  });

  it('Hanweb with the first window in the shell: one POST fewer, the same reports', async () => {
    portal = await startHanwebPortal({ embedFirstGroup: true });
    const { reports, urls } = await walk(portal.listingUrl);
    expect(count(urls, /\/art\/\d{4}\//)).toBe(47);
    expect(reports).toEqual(HANWEB_REPORTS.map((path) => `${portal!.origin}/art/${path}.html`));
    expect(served(portal)).toEqual(['GET /col/col1202101/index.html', 'POST /module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15']);
  });

  it('gkmlpt: the shell, then API pages until an empty one, exactly the five reports', async () => {
    portal = await startGkmlptPortal();
    const { adapter, reports, urls } = await walk(portal.listingUrl);
    expect(adapter).toBe('gkmlpt');
    expect(count(urls, /\/post_\d+\.html$/)).toBe(107);
    expect(reports).toEqual(['3/3787/post_3787512', '3/3768/post_3768120', '3/3750/post_3750677', '3/3723/post_3723994', '3/3312/post_3312045'].map((path) => `${portal!.origin}/sfj/gkmlpt/content/${path}.html`));
    expect(reports).toEqual(portal.reportUrls);
    expect(served(portal)).toEqual([
      'GET /sfj/gkmlpt/index',
      'GET /sfj/gkmlpt/api/all/2104?page=1&sid=759001',
      'GET /sfj/gkmlpt/api/all/2104?page=2&sid=759001',
      'GET /sfj/gkmlpt/api/all/2104?page=3&sid=759001',
    ]);
    await expectReportPages(reports);
  });
});
