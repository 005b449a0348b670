import { readFileSync } from 'node:fs';
import { load, type CheerioAPI } from 'cheerio';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_REVISION, startDemoPortal, type DemoPortal } from '../../src/demo/portal';

const TITLES = {
  '000': '柳州市阳和工业新区(北部生态新区)2023年法治政府建设年度报告',
  '001': '柳州市城中区2023年法治政府建设年度报告',
  '002': '赣州蓉江新区2023年度法治政府建设工作情况报告',
  '003': '柯桥区2023年法治政府建设年度报告',
  '004': '鶴山市共和鎮(zhèn)2022年法治政府建設(shè)年度報(bào)告',
};

const LOOK_ALIKES = [
  '2024年政府工作报告',
  '2023年国民经济和社会发展统计公报',
  '关于2023年国民经济和社会发展计划执行情况的报告',
  '《2023年法治政府建设年度报告》解读',
];

function seedLines(seed: string): string[] {
  const text = readFileSync(new URL(`../../src/demo/seeds/${seed}.txt`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const html = await response.text();
  return { response, html, $: load(html) };
}

function urlOf(portal: DemoPortal, seed: string): string {
  const report = portal.reports().find((candidate) => candidate.seed === seed);
  if (!report) throw new Error(`no report for seed ${seed}`);
  return report.url;
}

function pager(html: string): { count: number; current: number } {
  const match = /createPageHTML\((\d+),\s*(\d+),\s*"index",\s*"shtml"\)/.exec(html);
  if (!match) throw new Error('listing has no createPageHTML call');
  return { count: Number(match[1]), current: Number(match[2]) };
}

interface Listed {
  url: string;
  href: string;
  title: string;
  text: string;
  date: string;
}

async function readListing(portal: DemoPortal): Promise<{ pages: number; items: Listed[] }> {
  const first = await get(portal.listingUrl);
  const { count } = pager(first.html);
  const items: Listed[] = [];
  for (let page = 0; page < count; page += 1) {
    const url = new URL(page === 0 ? 'index.shtml' : `index_${page}.shtml`, portal.listingUrl).href;
    const { response, html, $ } = page === 0 ? first : await get(url);
    expect(response.status).toBe(200);
    expect(pager(html)).toEqual({ count, current: page });
    $('li:has(> a[title])').each((_, li) => {
      const anchor = $(li).children('a');
      const href = anchor.attr('href') ?? '';
      items.push({ url: new URL(href, url).href, href, title: anchor.attr('title') ?? '', text: anchor.text(), date: $(li).children('span').text() });
    });
  }
  return { pages: count, items };
}

function editorParagraphs($: CheerioAPI): string[] {
  return $('.TRS_Editor p')
    .map((_, p) => $(p).text())
    .get();
}

function visits(html: string): number {
  const match = /(?:访问量|访问次数|訪問量)：(\d+)/.exec(load(html).text());
  if (!match) throw new Error('page has no visit counter');
  return Number(match[1]);
}

describe('demo portal', () => {
  let portal: DemoPortal;

  beforeEach(async () => {
    portal = await startDemoPortal();
  });

  afterEach(async () => {
    await portal.close();
  });

  it('listens on a random loopback port and names its listing', () => {
    expect(portal.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(portal.origin).port).not.toBe('0');
    expect(portal.listingUrl).toBe(`${portal.origin}/col/fzzfjs/index.shtml`);
    expect(portal.stage).toBe('initial');
  });

  it('lists reports among look-alikes over two TRS pages, newest first, every link alive', async () => {
    const { pages, items } = await readListing(portal);
    expect(pages).toBe(2);
    const titles = items.map((item) => item.title);
    for (const seed of ['000', '001', '002', '004'] as const) expect(titles).toContain(TITLES[seed]);
    expect(titles).not.toContain(TITLES['003']);
    for (const lookAlike of LOOK_ALIKES) expect(titles).toContain(lookAlike);
    expect(titles.some((title) => title.includes('实施方案'))).toBe(true);

    expect(items.length).toBeGreaterThan(8);
    expect(items.slice(0, 8)).toHaveLength(8);
    const dates = items.map((item) => item.date);
    expect(dates.every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))).toBe(true);
    expect([...dates].sort().reverse()).toEqual(dates);

    for (const item of items) {
      expect(item.href).toMatch(/^\.\/\d{6}\/t\d{8}_\d+\.shtml$/);
      expect(item.href.slice(2, 8)).toBe(item.date.replaceAll('-', '').slice(0, 6));
      // Long titles are cut in the anchor text, as TRS list templates do; the attribute has them whole.
      expect(item.title.startsWith(item.text.replace(/\.\.\.$/, ''))).toBe(true);
      const { response, $ } = await get(item.url);
      expect(response.status, item.url).toBe(200);
      expect($('h1').text()).toBe(item.title);
    }
    expect(items.find((item) => item.title === TITLES['000'])?.text).toMatch(/\.\.\.$/);

    const beyond = await fetch(new URL('index_2.shtml', portal.listingUrl));
    expect(beyond.status).toBe(404);
  });

  it('serves seed 001 once, in TRS_Editor, though the crawl read it twice', async () => {
    const [title, ...rest] = seedLines('001');
    const half = rest.length / 2;
    expect(rest.slice(0, half)).toEqual(rest.slice(half));
    const body = rest.slice(0, half);

    const { response, html, $ } = await get(urlOf(portal, '001'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect($('title').text()).toBe(title);
    expect($('h1').text()).toBe(title);
    expect(editorParagraphs($)).toEqual(body);
    expect(html.split(body[0] ?? '-').length - 1).toBe(1);

    const page = $.text();
    for (const chrome of ['当前位置', '首页', '政务公开', '法治政府建设', '字体', '听全文', '分享到', '扫一扫在手机打开当前页', '相关文章', '版权所有', '网站标识码', '备案号']) {
      expect(page, chrome).toContain(chrome);
    }
    expect($('.crumb').text()).toMatch(/当前位置：首页 > 政务公开 > 法治政府建设/);
    expect($('.footer').text()).toContain(String(new Date().getFullYear()));
    expect(page).toMatch(/访问量：\d+/);
    expect($('.related li a').length).toBeGreaterThan(0);
    const editor = $('.TRS_Editor').text();
    for (const noise of ['当前位置', '访问量', '版权所有', '分享到', '相关文章']) expect(editor).not.toContain(noise);
  });

  it('moves the page noise of seeds 000 and 002 out of the body, keeping 000 doubled as the real page was', async () => {
    const yanghe = seedLines('000');
    const repeatAt = yanghe.indexOf('法治政府建设专题');
    const footerAt = yanghe.findIndex((line) => line.startsWith('版权所有'));
    const body000 = yanghe.slice(2, repeatAt);
    const first = await get(urlOf(portal, '000'));
    expect(editorParagraphs(first.$)).toEqual(body000);
    expect(first.html.split(body000[0] ?? '-').length - 1).toBe(2);
    expect(first.$('.footer').text()).toContain(yanghe[footerAt + 2]);
    expect(first.$('.TRS_Editor').text()).not.toContain('网站标识码');
    expect(first.$('.article-info').text()).toContain('柳州市阳和工业新区管理委员会');
    expect(first.$('.article-info').text()).toContain('2024-01-02 09:00');

    const rongjiang = seedLines('002');
    const second = await get(urlOf(portal, '002'));
    const paragraphs = editorParagraphs(second.$);
    expect(paragraphs[0]).toBe(rongjiang.find((line) => line.startsWith('2023年,在市委')));
    expect(paragraphs.at(-1)).toBe(rongjiang[rongjiang.indexOf('相关文章') - 1]);
    expect(second.$('.crumb').text()).toContain('蓉江资讯');
    for (const noise of ['当前位置', '发布日期', '访问量', '相关文章', '扫一扫', '分享到']) {
      expect(paragraphs.join('\n')).not.toContain(noise);
    }
  });

  it('renders seed 004 in traditional characters with pinyin, chrome included', async () => {
    const gonghe = seedLines('004');
    const { $ } = await get(urlOf(portal, '004'));
    expect($('h1').text()).toBe(TITLES['004']);
    expect(editorParagraphs($)).toEqual(gonghe);
    expect($('.crumb').text()).toContain('當前位置');
    expect($('.article-info').text()).toContain('2022-12-09');
    expect($.text()).toMatch(/訪問量：\d+/);
  });

  it('counts every visit without changing ETag or Last-Modified', async () => {
    const url = urlOf(portal, '001');
    const first = await get(url);
    const second = await get(url);
    const third = await get(url);
    expect(visits(second.html)).toBe(visits(first.html) + 1);
    expect(visits(third.html)).toBe(visits(second.html) + 1);
    expect(first.response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(second.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
    expect(second.response.headers.get('last-modified')).toBe(first.response.headers.get('last-modified'));
    const withoutCounter = (html: string) => html.replace(/(访问量：<span id="visits">)\d+/, '$1');
    expect(withoutCounter(second.html)).toBe(withoutCounter(first.html));
    expect(second.html).not.toBe(first.html);
  });

  it('answers conditional requests with 304 only when the page is unchanged', async () => {
    const url = urlOf(portal, '002');
    const { response } = await get(url);
    const etag = response.headers.get('etag') ?? '';
    const lastModified = response.headers.get('last-modified') ?? '';
    expect(new Date(lastModified).toISOString()).toBe('2024-01-31T02:13:00.000Z');

    const byTag = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await fetch(url, { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);

    expect((await fetch(url, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await fetch(url, { headers: { 'If-Modified-Since': earlier } })).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await fetch(url, { headers: { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified } })).status).toBe(200);
  });

  it('advance() publishes report 003 at the top of the listing', async () => {
    const url003 = urlOf(portal, '003');
    expect((await fetch(url003)).status).toBe(404);
    const before = await get(portal.listingUrl);

    expect(portal.advance()).toBe('new-report');
    expect(portal.stage).toBe('new-report');
    expect(portal.reports().filter((report) => report.published).map((report) => report.seed)).toEqual(['000', '001', '002', '003', '004']);

    const after = await get(portal.listingUrl, { 'If-None-Match': before.response.headers.get('etag') ?? '' });
    expect(after.response.status).toBe(200);
    const top = after.$('li:has(> a[title])').first().children('a');
    expect(top.attr('title')).toBe(TITLES['003']);
    expect(new URL(top.attr('href') ?? '', portal.listingUrl).href).toBe(url003);

    const report = await get(url003);
    expect(report.response.status).toBe(200);
    expect(report.$('h1').text()).toBe(TITLES['003']);
    const table = report.$('table').text();
    for (const fact of ['索引号', '00258207-5/2024-71720', '发布机构', '区政府办(外事办)', '发文日期', '2024-03-06']) {
      expect(table).toContain(fact);
    }
    const keqiao = seedLines('003');
    expect(editorParagraphs(report.$)).toEqual(keqiao.slice(keqiao.findIndex((line) => line.startsWith('访问次数')) + 1));
  });

  it('a second advance() plants exactly DEMO_REVISION in seed 001 and nothing else', async () => {
    expect(DEMO_REVISION).toHaveLength(3);
    expect(DEMO_REVISION.every((change) => change.seed === '001')).toBe(true);
    expect(DEMO_REVISION.some((change) => /\d/.test(change.before) && /\d/.test(change.after))).toBe(true);
    expect(DEMO_REVISION.some((change) => /[一二三四五六七八九十]/.test(change.before) && /[一二三四五六七八九十]/.test(change.after))).toBe(true);

    const url = urlOf(portal, '001');
    portal.advance();
    const original = await get(url);
    const other = await get(urlOf(portal, '002'));
    const originalText = editorParagraphs(original.$).join('\n');
    for (const { before, after } of DEMO_REVISION) {
      expect(originalText.split(before)).toHaveLength(2);
      expect(originalText).not.toContain(after);
    }

    expect(portal.advance()).toBe('revised');
    expect(portal.advance()).toBe('revised');
    const revised = await get(url, { 'If-None-Match': original.response.headers.get('etag') ?? '' });
    expect(revised.response.status).toBe(200);
    const revisedText = editorParagraphs(revised.$).join('\n');
    for (const { before, after } of DEMO_REVISION) {
      expect(revisedText).toContain(after);
      expect(revised.html).not.toContain(before);
    }
    const expected = DEMO_REVISION.reduce((text, { before, after }) => text.replace(before, after), originalText);
    expect(revisedText).toBe(expected);
    expect(Date.parse(revised.response.headers.get('last-modified') ?? '')).toBeGreaterThan(
      Date.parse(original.response.headers.get('last-modified') ?? ''),
    );

    const otherNow = await fetch(urlOf(portal, '002'), { headers: { 'If-None-Match': other.response.headers.get('etag') ?? '' } });
    expect(otherNow.status).toBe(304);
  });

  it('serves robots.txt allowing everything and 404 pages elsewhere', async () => {
    const robots = await fetch(`${portal.origin}/robots.txt`);
    expect(robots.status).toBe(200);
    const rules = await robots.text();
    expect(rules).toMatch(/User-agent: \*/);
    expect(rules).not.toMatch(/Disallow:\s*\//);

    for (const path of ['/favicon.ico', '/col/fzzfjs/202401/t20240102_1.shtml', '/col/other/index.shtml', '/col/fzzfjs/index_01.shtml']) {
      const missing = await get(`${portal.origin}${path}`);
      expect(missing.response.status, path).toBe(404);
      expect(missing.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(missing.$('h1').text()).toBe('404');
    }

    const head = await fetch(portal.listingUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    expect((await fetch(portal.listingUrl, { method: 'POST' })).status).toBe(405);
  });

  it('writes nothing to stdout while serving', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    try {
      await get(portal.listingUrl);
      await get(urlOf(portal, '000'));
      await get(`${portal.origin}/nowhere`);
      portal.advance();
      expect(write).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      log.mockRestore();
    }
  });

  it('close() frees the port', async () => {
    const { port } = new URL(portal.origin);
    await fetch(portal.listingUrl);
    await portal.close();
    await expect(fetch(portal.listingUrl)).rejects.toThrow();
    portal = await startDemoPortal({ port: Number(port) });
    expect(portal.origin).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(portal.listingUrl)).status).toBe(200);
  });
});

describe('demo portal timeline', () => {
  it('advances by the clock', async () => {
    const portal = await startDemoPortal({ timeline: { newReportAfterMs: 40, revisionAfterMs: 120 } });
    try {
      expect(portal.stage).toBe('initial');
      await vi.waitFor(() => expect(portal.stage).toBe('new-report'), { timeout: 2000, interval: 10 });
      await vi.waitFor(() => expect(portal.stage).toBe('revised'), { timeout: 2000, interval: 10 });
    } finally {
      await portal.close();
    }
  });

  it('stops the clock on close()', async () => {
    const portal = await startDemoPortal({ timeline: { newReportAfterMs: 20, revisionAfterMs: 40 } });
    await portal.close();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(portal.stage).toBe('initial');
  });
});
