import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, extractPage } from '../../src/extract';

const BODY = '<div class="TRS_Editor"><p>2023年，本区深入推进法治政府建设，全年共收到行政复议申请41件，办结39件，调解成功率达到百分之九十，各项工作取得新成效。现将有关情况报告如下。</p></div>';

function page(head: string, info: string, url = 'http://www.example.gov.cn/art/2024/2/13/art_1.html') {
  return extractPage({ body: `<html><head>${head}</head><body><h1>某区2023年法治政府建设年度报告</h1>${info}${BODY}</body></html>`, url });
}

describe('decodeHtml', () => {
  const text = '<html><body>镕基 喆 法治政府建设年度报告</body></html>';

  it('honours a byte-order mark over everything else', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeHtml(utf8, 'text/html; charset=gbk')).toEqual({ html: text, encoding: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeHtml(utf16, null).html).toBe(text);
  });

  it('trusts the Content-Type charset, then <meta charset>, then <meta http-equiv>', () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(decodeHtml(gbk, 'text/html; charset=GBK')).toEqual({ html: text, encoding: 'gb18030' });
    const withMeta = iconv.encode(`<meta charset="gb2312">${text}`, 'gb18030');
    expect(decodeHtml(withMeta, 'text/html').html).toBe(`<meta charset="gb2312">${text}`);
    const httpEquiv = iconv.encode(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />${text}`, 'gb18030');
    expect(decodeHtml(httpEquiv, null).encoding).toBe('gb18030');
  });

  it('reads characters outside GB2312 on pages that declare gb2312', () => {
    const declared = iconv.encode(`<meta charset="gb2312">${text}`, 'gbk');
    expect(decodeHtml(declared, null).html).toContain('镕基 喆');
  });

  it('sniffs pages that declare nothing', () => {
    const long = `<html><body>${'法治政府建设年度报告，行政复议申请四十一件，调解成功率百分之九十。'.repeat(20)}</body></html>`;
    expect(decodeHtml(iconv.encode(long, 'gb18030'), null).html).toBe(long);
    expect(decodeHtml(Buffer.from(long), null).html).toBe(long);
  });
});

describe('metadata', () => {
  it('reads labelled fields with full- or half-width colons', () => {
    const result = page('', '<div>信息来源：某区司法局 | 发布时间: 2024年2月13日 | 索引号：11330621-2/2024-00012 | 文号：某政办〔2024〕3号 | 主题分类:法治</div>');
    expect(result).toMatchObject({ publisher: '某区司法局', date: '2024-02-13', dateConfidence: 'high', indexNo: '11330621-2/2024-00012', docNo: '某政办〔2024〕3号', category: '法治' });
  });

  it.each([
    ['2024-02-13 09:30', '2024-02-13'],
    ['2024/2/13', '2024-02-13'],
    ['2024.02.13', '2024-02-13'],
    ['2024年02月13日', '2024-02-13'],
    ['二〇二四年二月十三日', '2024-02-13'],
    ['20240213', '2024-02-13'],
  ])('reads the date %s', (written, iso) => {
    expect(page('', `<div>成文日期：${written}</div>`).date).toBe(iso);
  });

  it('prefers the publication date over the date the document was written', () => {
    expect(page('', '<div>成文日期：2024-01-30</div><div>发布日期：2024-02-13</div>').date).toBe('2024-02-13');
  });

  it('falls back to <meta name="PubDate">, then to the URL with low confidence', () => {
    expect(page('<meta name="PubDate" content="2024-02-14 10:00">', '')).toMatchObject({ date: '2024-02-14', dateConfidence: 'high' });
    const fromUrl = page('', '', 'http://www.example.gov.cn/zwgk/t20240213_123456.html');
    expect(fromUrl).toMatchObject({ date: '2024-02-13', dateConfidence: 'low' });
    const placeholder = page('', '', 'http://www.example.gov.cn/zwgk/t19700101_123456.html');
    expect(placeholder).toMatchObject({ date: null, dateConfidence: null });
  });

  it('rejects impossible dates', () => {
    expect(page('', '<div>发布日期：2024-02-30</div>').date).toBeNull();
  });

  it('takes type and year from the title, and leaves year null when the title names none', () => {
    expect(page('', '')).toMatchObject({ type: 'law-based-government', year: 2023 });
    const noYear = extractPage({ body: `<html><body><h1>某区法治政府建设年度报告</h1>${BODY}</body></html>`, url: 'http://x/a.html' });
    expect(noYear).toMatchObject({ type: 'law-based-government', year: null });
    const notReport = extractPage({ body: `<html><body><h1>某区召开法治政府建设推进会</h1>${BODY}</body></html>`, url: 'http://x/b.html' });
    expect(notReport).toMatchObject({ type: null, year: null, title: '某区召开法治政府建设推进会' });
  });
});
