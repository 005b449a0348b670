import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract';
import { seedExpectation, seedHtml } from '../fixtures/extract/seeds';

const expected = seedExpectation('seed-000');
const original = seedHtml('seed-000').toString('utf8');

function hashOf(html: string, url = expected.url): string {
  return extractPage({ body: html, url, contentType: 'text/html' }).hash;
}

function edit(html: string, from: string | RegExp, to: string): string {
  const edited = html.replace(from, to);
  expect(edited).not.toBe(html);
  return edited;
}

const baseline = hashOf(original);

describe('the hash ignores what changes between fetches', () => {
  it.each<[string, (html: string) => string]>([
    ['visit counter', (html) => edit(html, '<span id="visitCount">2381</span>', '<span id="visitCount">2517</span>')],
    ['footer year', (html) => edit(html, 'Copyright © 2024', 'Copyright © 2025')],
    ['navigation order', (html) => {
      const items = [...html.matchAll(/<li><a href="\/\w+\/">[^<]+<\/a><\/li>/g)].map((m) => m[0]);
      expect(items).toHaveLength(5);
      return edit(html, items.join('\n'), [...items].reverse().join('\n'));
    }],
    ['related articles', (html) => edit(html, /<li><a href="\/zwgk\/fzzfjs\/t2022[^]*?<\/li>/, '<li><a href="/zwgk/fzzfjs/t20240301_1.html">新区召开法治政府建设推进会</a><span>2024-03-01</span></li>')],
    ['whitespace and line breaks', (html) => edit(html.replace(/<p /g, '\n\n   <p ').replace(/。/g, '。 \n'), '<div class="TRS_Editor">', '<div class="TRS_Editor">\n\t\t')],
    ['full-width digits and punctuation', (html) => edit(html.replace(/,/g, '，').replace(/:/g, '：'), '共立案134起', '共立案１３４起')],
    ['spaces between CJK characters and digits', (html) => edit(edit(html, '法治新区', '法治 新区'), '共立案134起', '共立案 134 起')],
    ['a server-side date widget and a script', (html) => edit(html, '<div class="main w1200">', '<div class="main w1200"><script>var t = "2025-02-01";</script>')],
    ['the URL of the page', (html) => html],
  ])('%s', (_, change) => {
    expect(hashOf(change(original), 'http://www.lzyhgyxq.gov.cn/zwgk/fzzfjs/t20240102_3321001.html?from=rss')).toBe(baseline);
  });
});

describe('the hash follows the report', () => {
  it('changes when one figure changes', () => {
    expect(hashOf(edit(original, /共立案134起/g, '共立案135起'))).not.toBe(baseline);
  });

  it('changes when a Chinese numeral changes', () => {
    const seed = seedHtml('seed-004').toString('utf8');
    const before = extractPage({ body: seed, url: 'http://x/a.html' }).hash;
    const after = extractPage({ body: edit(seed, '四名律師', '五名律師'), url: 'http://x/a.html' }).hash;
    expect(after).not.toBe(before);
  });

  it('is the same for the traditional (with pinyin) and simplified renderings of seed 004', () => {
    const traditional = seedHtml('seed-004').toString('utf8');
    const toSimplified = Converter({ from: 'tw', to: 'cn' });
    const body = traditional.slice(traditional.indexOf('<div class="article-content">'), traditional.indexOf('<div class="footer">'));
    const simplifiedBody = toSimplified(body.replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, ''));
    const simplified = `<!DOCTYPE html><html><head><meta charset="gbk"><title>鹤山市共和镇2022年法治政府建设年度报告</title></head>
      <body><div class="wrap"><div class="crumb">您的位置:首页 &gt; 法治政府</div><h1>鹤山市共和镇2022年法治政府建设年度报告</h1>
      <div class="meta">发布日期:2022-12-30 来源:鹤山市共和镇人民政府</div>${simplifiedBody}</div>
      <div class="foot">版权所有:鹤山市人民政府办公室</div></body></html>`;
    expect(simplified).not.toContain('鎮');
    const a = extractPage({ body: traditional, url: 'http://www.heshan.gov.cn/big5/a.html' });
    const b = extractPage({ body: simplified, url: 'http://www.heshan.gov.cn/a.html' });
    expect(b.text).not.toBe(a.text);
    expect(b.hash).toBe(a.hash);
    expect(b.title).toBe(a.title);
  });
});
