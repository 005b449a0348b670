import { describe, expect, it } from 'vitest';
import { NianbaoError } from '../../src/core/errors';
import { reportKey } from '../../src/crawl/report-url';

const REPORT = 'https://beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html';

describe('reportKey: one report under several URLs', () => {
  it('folds http and https', () => {
    expect(reportKey('http://www.beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
    expect(reportKey('https://www.beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
  });

  it('folds www. and the bare host, host case and a trailing dot', () => {
    expect(reportKey('http://beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
    expect(reportKey('http://WWW.Beijing.GOV.cn./zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
  });

  it('maps the /gate/big5/ traditional copy to the plain page, also when the gateway proxies another host', () => {
    expect(reportKey('http://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
    expect(reportKey('http://big5.www.gov.cn/gate/big5/www.gov.cn/zhengce/content/202402/content_6930436.htm')).toBe(
      'https://gov.cn/zhengce/content/202402/content_6930436.htm',
    );
    expect(reportKey('https://www.beijing.gov.cn/gate/big5/fgw.beijing.gov.cn/fgwzwgk/2024zcwj/202401/t20240131_3548710.htm')).toBe(
      'https://fgw.beijing.gov.cn/fgwzwgk/2024zcwj/202401/t20240131_3548710.htm',
    );
    expect(reportKey('http://www.beijing.gov.cn/GATE/BIG5/www.beijing.gov.cn:80/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
  });

  it('drops default ports and keeps others', () => {
    expect(reportKey('http://www.beijing.gov.cn:80/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
    expect(reportKey('https://www.beijing.gov.cn:443/zhengce/zhengcefagui/202401/t20240105_3527392.html')).toBe(REPORT);
    expect(reportKey('http://xxgk.example.gov.cn:8080/art/2024/1/2/art_1_2.html')).toBe('https://xxgk.example.gov.cn:8080/art/2024/1/2/art_1_2.html');
  });

  it('drops index.html and index.shtml on directories, and the trailing slash', () => {
    expect(reportKey('http://www.example.gov.cn/zwgk/fzzfjs/index.html')).toBe('https://example.gov.cn/zwgk/fzzfjs');
    expect(reportKey('http://www.example.gov.cn/zwgk/fzzfjs/index.shtml')).toBe('https://example.gov.cn/zwgk/fzzfjs');
    expect(reportKey('http://www.example.gov.cn/zwgk/fzzfjs/INDEX.HTM')).toBe('https://example.gov.cn/zwgk/fzzfjs');
    expect(reportKey('http://www.example.gov.cn/zwgk/fzzfjs/')).toBe('https://example.gov.cn/zwgk/fzzfjs');
    expect(reportKey('http://www.example.gov.cn/index.html')).toBe('https://example.gov.cn/');
    expect(reportKey('http://www.example.gov.cn')).toBe('https://example.gov.cn/');
  });

  it('keeps other file names, dynamic index pages included', () => {
    expect(reportKey('http://www.example.gov.cn/zwgk/myindex.html')).toBe('https://example.gov.cn/zwgk/myindex.html');
    expect(reportKey('http://www.example.gov.cn/zwgk/index.jsp?id=7')).toBe('https://example.gov.cn/zwgk/index.jsp?id=7');
  });

  it('collapses duplicate slashes and drops ;jsessionid', () => {
    expect(reportKey('http://www.example.gov.cn//art//2024/1/2//art_1229_3761.html')).toBe('https://example.gov.cn/art/2024/1/2/art_1229_3761.html');
    expect(reportKey('http://www.example.gov.cn/art/2024/1/2/art_1229_3761.html;jsessionid=A1B2C3D4E5')).toBe('https://example.gov.cn/art/2024/1/2/art_1229_3761.html');
    expect(reportKey('http://www.example.gov.cn/col/col1229/index.html;JSESSIONID=ff00?uid=5')).toBe('https://example.gov.cn/col/col1229?uid=5');
  });

  it('drops the fragment', () => {
    expect(reportKey(`${REPORT}#top`)).toBe(REPORT);
    expect(reportKey(`${REPORT}#`)).toBe(REPORT);
  });

  it('drops tracking and share parameters', () => {
    expect(reportKey(`${REPORT}?utm_source=weixin&utm_medium=share&UTM_Campaign=nb`)).toBe(REPORT);
    expect(reportKey(`${REPORT}?from=singlemessage&isappinstalled=0`)).toBe(REPORT);
    expect(reportKey(`${REPORT}?share=1&share_token=ab12&spm=a2c4.1&scene=1&clicktime=1706745600&enterid=1706745600&_=1706745600123`)).toBe(REPORT);
    expect(reportKey(`${REPORT}?`)).toBe(REPORT);
  });

  it('keeps meaningful parameters, sorted by name, and drops the tracking ones among them', () => {
    const url = 'http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?webid=1&from=timeline&docid=3761&columnid=1229';
    expect(reportKey(url)).toBe('https://example.gov.cn/module/web/jpage/dataproxy.jsp?columnid=1229&docid=3761&webid=1');
    expect(reportKey('http://example.gov.cn/info.aspx?articleId=88&id=2')).toBe(reportKey('https://www.example.gov.cn/info.aspx?id=2&articleId=88'));
  });

  it('keeps the order of a repeated parameter, which a server may read as a list', () => {
    expect(reportKey('http://example.gov.cn/a.jsp?id=2&b=1&id=1')).toBe('https://example.gov.cn/a.jsp?b=1&id=2&id=1');
  });

  it('compares percent-escapes by byte and leaves GBK bytes undecoded', () => {
    expect(reportKey('http://example.gov.cn/%e6%b3%95%e6%b2%bb.html')).toBe(reportKey('http://example.gov.cn/法治.html'));
    expect(reportKey('http://example.gov.cn/search.jsp?q=%b7%a8%d6%ce')).toBe('https://example.gov.cn/search.jsp?q=%B7%A8%D6%CE');
    expect(reportKey('http://example.gov.cn/search.jsp?q=%b7%a8%d6%ce')).not.toBe(reportKey('http://example.gov.cn/search.jsp?q=%b7%a8%d6%cf'));
  });
});

describe('reportKey: different reports stay apart', () => {
  it('keeps different documents, paths and hosts apart', () => {
    expect(reportKey('http://example.gov.cn/info.aspx?id=2')).not.toBe(reportKey('http://example.gov.cn/info.aspx?id=3'));
    expect(reportKey('http://example.gov.cn/zwgk/t20240102_1.html')).not.toBe(reportKey('http://example.gov.cn/zwgk/T20240102_1.html'));
    // a city reposting a district's report is another host: content hashes find that, not URLs
    expect(reportKey('http://www.city.gov.cn/zwgk/202401/t20240102_1.html')).not.toBe(reportKey('http://www.district.city.gov.cn/zwgk/202401/t20240102_1.html'));
    expect(reportKey('http://example.gov.cn:8080/a.html')).not.toBe(reportKey('http://example.gov.cn/a.html'));
  });

  it('rejects what is not an http(s) URL with ERR_INPUT_INVALID', () => {
    for (const bad of ['ftp://example.gov.cn/a.pdf', 'javascript:void(0)', '/zwgk/a.html', 'http://[bad']) {
      expect(() => reportKey(bad), bad).toThrow(NianbaoError);
      try {
        reportKey(bad);
      } catch (error) {
        expect((error as NianbaoError).code).toBe('ERR_INPUT_INVALID');
      }
    }
  });
});

describe('reportKey: idempotence', () => {
  const urls = [
    REPORT,
    'http://www.beijing.gov.cn/gate/big5/www.beijing.gov.cn/zhengce/zhengcefagui/202401/t20240105_3527392.html?from=timeline#p2',
    'http://www.www.example.gov.cn./a/index.html/',
    'http://example.gov.cn/index.html/index.html',
    'http://example.gov.cn//a/;jsessionid=1//b/index.shtml;jsessionid=2',
    'http://example.gov.cn/module/web/jpage/dataproxy.jsp?webid=1&&docid=3761&columnid=1229&utm_source=x',
    'http://example.gov.cn/search.jsp?q=%b7%a8&Q=1',
    'http://example.gov.cn:8080/%e6%b3%95.html',
  ];

  it.each(urls)('reportKey(reportKey(u)) === reportKey(u) for %s', (url) => {
    const key = reportKey(url);
    expect(reportKey(key)).toBe(key);
  });

  it('unwraps the nested pieces in one pass', () => {
    expect(reportKey(urls[2]!)).toBe('https://example.gov.cn/a');
    expect(reportKey(urls[3]!)).toBe('https://example.gov.cn/');
    expect(reportKey(urls[4]!)).toBe('https://example.gov.cn/a/b');
  });
});
