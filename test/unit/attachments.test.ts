import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NianbaoError } from '../../src/core/errors';
import {
  extractAttachmentText,
  extractNotice,
  extractPage,
  extractReportWithAttachment,
  findAttachments,
  hashText,
  isAttachmentOnlyNotice,
  normalizeText,
  type Attachment,
} from '../../src/extract';
import { extractFigures } from '../../src/figures';
import { seedHtml } from '../fixtures/extract/seeds';

const FIXTURES = fileURLToPath(new URL('../fixtures/attachments/', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`);

/** The seed the fixtures were printed from (scripts/make-attachment-fixtures.mjs): title and the paragraphs after it. */
const SEED = readFileSync(fileURLToPath(new URL('../../src/demo/seeds/001.txt', import.meta.url)), 'utf8').split('\n');
const TITLE = '柳州市城中区2023年法治政府建设年度报告';
const REPORT_PARAGRAPHS = SEED.slice(0, 28);
const LATER_PARAGRAPHS = SEED.slice(28, 36);

const PAGE = 'http://www.chengzhong.gov.cn/xxgk/fdzdgknr/fzzfjs/t20240328_3318.html';

async function codeOf(promise: Promise<unknown>): Promise<NianbaoError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NianbaoError);
  return error as NianbaoError;
}

describe('findAttachments', () => {
  const find = (body: string) => findAttachments(`<html><body><div class="TRS_Editor">${body}</div></body></html>`, PAGE);

  it('finds plain links to .pdf, .docx and .doc, resolved, in page order, with the link text as title', () => {
    const found = find(`
      <p>现将《柳州市城中区2023年法治政府建设年度报告》予以公开。</p>
      <p>附件1：<a href="./P020240328551234.pdf">柳州市城中区2023年法治政府建设年度报告.pdf</a></p>
      <p><a href="/uploadfiles/2024/03/统计表.DOCX?v=2#page=1">附件2：行政复议案件统计表</a></p>
      <p><a href="http://files.example.gov.cn/old/旧版.doc" title="2022年度报告（旧版）">点击下载</a></p>`);
    expect(found).toEqual([
      { url: 'http://www.chengzhong.gov.cn/xxgk/fdzdgknr/fzzfjs/P020240328551234.pdf', kind: 'pdf', title: '柳州市城中区2023年法治政府建设年度报告', via: 'link' },
      {
        url: 'http://www.chengzhong.gov.cn/uploadfiles/2024/03/%E7%BB%9F%E8%AE%A1%E8%A1%A8.DOCX?v=2',
        kind: 'docx',
        title: '行政复议案件统计表',
        via: 'link',
      },
      { url: 'http://files.example.gov.cn/old/%E6%97%A7%E7%89%88.doc', kind: 'doc', title: '2022年度报告（旧版）', via: 'link' },
    ]);
  });

  it('finds a PDF shown in an iframe, an <embed> or an <object>', () => {
    expect(find('<iframe src="/files/a.pdf" width="100%"></iframe><embed src="b.pdf" type="application/pdf"><object data="../c.pdf"></object>')).toEqual([
      { url: 'http://www.chengzhong.gov.cn/files/a.pdf', kind: 'pdf', title: null, via: 'iframe' },
      { url: 'http://www.chengzhong.gov.cn/xxgk/fdzdgknr/fzzfjs/b.pdf', kind: 'pdf', title: null, via: 'embed' },
      { url: 'http://www.chengzhong.gov.cn/xxgk/fdzdgknr/c.pdf', kind: 'pdf', title: null, via: 'embed' },
    ]);
  });

  it('unwraps pdf.js viewers to the file they show, resolved as the viewer resolves it', () => {
    expect(
      find(`
        <iframe src="/static/pdfjs/web/viewer.html?file=%2Fuploadfiles%2F2024%2F03%2Freport.pdf"></iframe>
        <a href="https://www.gxzf.gov.cn/pdfjs/web/viewer.html?file=https%3A%2F%2Fcdn.gxzf.gov.cn%2Fa%2Fb.pdf">在线预览</a>
        <iframe src="/js/pdfjs/web/viewer.html?file=../../../upload/c.pdf"></iframe>
        <iframe src="/js/pdfjs/web/viewer.html?file=%252Fdownload%253Fid%253D77"></iframe>`),
    ).toEqual([
      { url: 'http://www.chengzhong.gov.cn/uploadfiles/2024/03/report.pdf', kind: 'pdf', title: null, via: 'pdfjs-viewer' },
      { url: 'https://cdn.gxzf.gov.cn/a/b.pdf', kind: 'pdf', title: null, via: 'pdfjs-viewer' },
      { url: 'http://www.chengzhong.gov.cn/upload/c.pdf', kind: 'pdf', title: null, via: 'pdfjs-viewer' },
      // A viewer shows only PDFs, whatever the file's URL looks like.
      { url: 'http://www.chengzhong.gov.cn/download?id=77', kind: 'pdf', title: null, via: 'pdfjs-viewer' },
    ]);
  });

  it('finds download endpoints by the file named in their query, or by the link text', () => {
    expect(
      find(`
        <a href="/module/download/downfile.jsp?classid=0&filename=2403281530123.pdf">柳州市城中区2023年法治政府建设年度报告</a>
        <a href="/download.jsp?path=/attach/2024/&fileName=%E7%BB%9F%E8%AE%A1.docx">下载</a>
        <a href="/attach/get.do?id=5">附件：2023年度报告.doc</a>`),
    ).toEqual([
      {
        url: 'http://www.chengzhong.gov.cn/module/download/downfile.jsp?classid=0&filename=2403281530123.pdf',
        kind: 'pdf',
        title: '柳州市城中区2023年法治政府建设年度报告',
        via: 'downfile',
      },
      { url: 'http://www.chengzhong.gov.cn/download.jsp?path=/attach/2024/&fileName=%E7%BB%9F%E8%AE%A1.docx', kind: 'docx', title: null, via: 'downfile' },
      { url: 'http://www.chengzhong.gov.cn/attach/get.do?id=5', kind: 'doc', title: '2023年度报告', via: 'downfile' },
    ]);
  });

  it('reads file URLs out of javascript: links and onclick handlers', () => {
    expect(find(`<a href="javascript:openFile('/files/r1.pdf')">报告一</a><a href="#" onclick="window.open('r2.docx')">报告二</a>`)).toEqual([
      { url: 'http://www.chengzhong.gov.cn/files/r1.pdf', kind: 'pdf', title: '报告一', via: 'link' },
      { url: 'http://www.chengzhong.gov.cn/xxgk/fdzdgknr/fzzfjs/r2.docx', kind: 'docx', title: '报告二', via: 'link' },
    ]);
  });

  it('lists a file once, taking its title from whichever reference names it', () => {
    expect(
      find(`
        <iframe src="/pdfjs/web/viewer.html?file=/files/r.pdf"></iframe>
        <a href="/files/r.pdf#page=2">附件：柳州市城中区2023年法治政府建设年度报告（PDF，1.2MB）</a>
        <a href="http://www.chengzhong.gov.cn/files/r.pdf">下载附件</a>`),
    ).toEqual([{ url: 'http://www.chengzhong.gov.cn/files/r.pdf', kind: 'pdf', title: '柳州市城中区2023年法治政府建设年度报告', via: 'pdfjs-viewer' }]);
  });

  it('resolves against <base href>', () => {
    const html = '<html><head><base href="http://static.example.gov.cn/site/"></head><body><a href="doc/r.pdf">报告</a></body></html>';
    expect(findAttachments(html, PAGE)[0]!.url).toBe('http://static.example.gov.cn/site/doc/r.pdf');
  });

  it('ignores pages, spreadsheets, images and mail links, even when they say 附件', () => {
    expect(
      find(`
        <a href="/art/2024/3/28/art_1.html">附件：柳州市城中区2023年法治政府建设年度报告.pdf</a>
        <a href="/files/table.xls">附件：统计表</a>
        <img src="/files/scan.png"><a href="mailto:fzb@example.gov.cn">report.pdf</a>
        <a href="/pdf/list.html">PDF 下载专区</a>`),
    ).toEqual([]);
  });
});

describe('extractAttachmentText', () => {
  it('reads a PDF report back paragraph by paragraph, Chinese and figures intact, without page numbers', async () => {
    const text = await extractAttachmentText(fixture('report.pdf'), 'pdf', 'http://x/report.pdf');
    expect(text).toContain('区政府常务会开展3期《学习贯彻习近平法治思想,依法维护国家安全》');
    expect(text).toContain('收到行政复议申请41件(当面申请15,来信申请26),不予受理1件');
    expect(text).toContain('审批时限压缩至 110个工作日,承诺办结时限压减率达83.8%');
    // The printed pages end with — 1 — … — 6 —.
    expect(text).not.toMatch(/—\s*\d\s*—/);
    expect(text.split('\n\n')).toEqual(REPORT_PARAGRAPHS);
  });

  it('drops a running header, 第 N 页 footers, a diagonal watermark and a title’s fake-bold double, and joins a paragraph across the page break', async () => {
    const text = await extractAttachmentText(fixture('header-footer.pdf'), 'pdf', 'http://x/header-footer.pdf');
    expect(text).not.toContain('柳州市城中区人民政府');
    expect(text).not.toMatch(/第\s*\d\s*页/);
    expect(text).not.toContain('仅供公开查阅');
    // Page 1 ends with 提高工作效 and page 2 starts with 率。2023年.
    expect(text).toContain('规范行政执法监督检查行为,提高工作效率。2023年,对食品生产单位监管使用达100%;');
    // 案件 52 起 is printed with 52 at the start of a line, where the space before it is not drawn.
    expect(text.split('\n\n').map(normalizeText)).toEqual([TITLE, ...LATER_PARAGRAPHS].map(normalizeText));
  });

  it('reads a Word report the same as its PDF', async () => {
    const text = await extractAttachmentText(fixture('report.docx'), 'docx', 'http://x/report.docx');
    expect(text).toContain('区政府常务会开展3期《学习贯彻习近平法治思想,依法维护国家安全》');
    expect(text).toContain('收到行政复议申请41件(当面申请15,来信申请26)');
    expect(text.split('\n\n')).toEqual(REPORT_PARAGRAPHS);
  });

  it('renders Word tables as pipe rows, spans repeated, so figures are keyed by row and column', async () => {
    const text = await extractAttachmentText(fixture('table.docx'), 'docx', 'http://x/table.docx');
    const lines = text.split('\n\n');
    expect(lines).toContain('类别 | 2023年 | 2023年');
    expect(lines).toContain('类别 | 数量(件) | 占比');
    expect(lines).toContain('收到行政复议申请 | 41 | 100%');
    expect(lines).toContain('来信申请 | 26 | 63.4%');
    const figures = extractFigures(text).map(({ label, value, unit }) => [label, value, unit]);
    expect(figures).toContainEqual(['当面申请/数量(件)', 15, '件']);
    expect(figures).toContainEqual(['受理/占比', 82.9, '%']);
  });

  it('goes by the bytes, not the link: a PDF behind a .docx link is read as a PDF', async () => {
    const text = await extractAttachmentText(fixture('report.pdf'), 'docx', 'http://x/download?id=5');
    expect(text).toContain('开展3期');
  });

  it('leaves the caller’s buffer intact', async () => {
    const body = fixture('report.pdf');
    const copy = Buffer.from(body);
    await extractAttachmentText(body, 'pdf', 'http://x/report.pdf');
    expect(body.equals(copy)).toBe(true);
  });

  it('reports a truncated PDF as ERR_EXTRACT_NO_BODY with the URL', async () => {
    const error = await codeOf(extractAttachmentText(fixture('truncated.pdf'), 'pdf', 'http://x/truncated.pdf'));
    expect(error.code).toBe('ERR_EXTRACT_NO_BODY');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('损坏');
    expect(error.details).toEqual({ url: 'http://x/truncated.pdf' });
  });

  it('reports a password-protected PDF as ERR_EXTRACT_NO_BODY', async () => {
    const error = await codeOf(extractAttachmentText(fixture('encrypted.pdf'), 'pdf', 'http://x/encrypted.pdf'));
    expect(error.code).toBe('ERR_EXTRACT_NO_BODY');
    expect(error.message).toContain('加密');
    expect(error.message).toContain('http://x/encrypted.pdf');
  });

  it('reads a PDF that only forbids printing and copying (owner password, no user password)', async () => {
    const text = await extractAttachmentText(fixture('restricted.pdf'), 'pdf', 'http://x/restricted.pdf');
    expect(text).toContain('有效化解矛盾纠纷748件,调解成功率达99.87%');
  });

  it('reports a PDF without a text layer as a scan', async () => {
    const error = await codeOf(extractAttachmentText(fixture('textless.pdf'), 'pdf', 'http://x/scan.pdf'));
    expect(error.code).toBe('ERR_EXTRACT_NO_BODY');
    expect(error.message).toContain('扫描件');
    expect(error.message).toContain('no text layer');
  });

  it('reports a web page served in place of the file as ERR_EXTRACT_NO_BODY', async () => {
    const page = Buffer.from('\n<!DOCTYPE html><html><body>文件不存在</body></html>');
    for (const kind of ['pdf', 'docx'] as const) {
      const error = await codeOf(extractAttachmentText(page, kind, 'http://x/gone'));
      expect(error.code).toBe('ERR_EXTRACT_NO_BODY');
      expect(error.message).toContain('not the file');
    }
  });

  it('reports broken Word files as ERR_EXTRACT_NO_BODY', async () => {
    const truncated = fixture('report.docx').subarray(0, 4000);
    const error = await codeOf(extractAttachmentText(truncated, 'docx', 'http://x/cut.docx'));
    expect(error.code).toBe('ERR_EXTRACT_NO_BODY');
    expect(error.message).toContain('corrupt');
    const noise = await codeOf(extractAttachmentText(Buffer.from('not a document at all'), 'docx', 'http://x/noise.docx'));
    expect(noise.message).toContain('corrupt');
  });

  it('declines old binary Word files (.doc) with ERR_EXTRACT_NOT_HTML, whatever the link said', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const kind of ['doc', 'docx', 'pdf'] as const) {
      const error = await codeOf(extractAttachmentText(ole, kind, 'http://x/report.doc'));
      expect(error.code).toBe('ERR_EXTRACT_NOT_HTML');
      expect(error.message).toContain('.doc');
      expect(error.message).toContain('not supported');
    }
  });
});

const METADATA = `
  <table class="xxgk">
    <tr><td>索引号：</td><td>11450202007565413B/2024-00312</td><td>主题分类：</td><td>法治政府建设</td></tr>
    <tr><td>发布机构：</td><td>柳州市城中区人民政府办公室</td><td>发布日期：</td><td>2024-03-28</td></tr>
  </table>`;

function noticeHtml(chrome: string): string {
  return `<html><head><title>${TITLE}_柳州市城中区人民政府门户网站</title></head><body>${chrome}
    <h1>${TITLE}</h1>${METADATA}
    <div class="TRS_Editor">
      <p>根据《法治政府建设与责任落实督察工作规定》要求，现将《${TITLE}》予以公开，具体内容详见附件。欢迎社会各界监督。</p>
      <p>附件：<a href="./P020240328551234.pdf">${TITLE}.pdf</a></p>
    </div></body></html>`;
}

const notice = extractPage({ body: noticeHtml('<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>'), url: PAGE });
const attachment: Attachment = findAttachments(noticeHtml(''), PAGE)[0]!;

describe('extractReportWithAttachment', () => {
  it('keeps the notice’s metadata and takes the body from the attachment, without its title line', async () => {
    const text = await extractAttachmentText(fixture('report.pdf'), attachment.kind, attachment.url);
    const report = extractReportWithAttachment(notice, text, attachment);
    expect(report).toMatchObject({
      title: TITLE,
      publisher: '柳州市城中区人民政府办公室',
      date: '2024-03-28',
      dateConfidence: 'high',
      indexNo: '11450202007565413B/2024-00312',
      category: '法治政府建设',
      type: 'law-based-government',
      year: 2023,
    });
    expect(report.text.split('\n\n')).toEqual(REPORT_PARAGRAPHS.slice(1));
    expect(report.normalizedText).toBe(normalizeText(report.text));
    expect(report.hash).toBe(hashText(normalizeText(REPORT_PARAGRAPHS.slice(1).join('\n'))));
  });

  it('hashes the same whatever the notice page around the link looks like', async () => {
    const text = await extractAttachmentText(fixture('report.pdf'), 'pdf', attachment.url);
    const redesigned = extractPage({
      body: noticeHtml('<div class="header"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div><div class="share">分享到：微信 微博</div>'),
      url: PAGE,
    });
    const before = extractReportWithAttachment(notice, text, attachment);
    const after = extractReportWithAttachment(redesigned, text, attachment);
    expect(after.hash).toBe(before.hash);
    const revised = extractReportWithAttachment(notice, text.replace('收到行政复议申请41件', '收到行政复议申请42件'), attachment);
    expect(revised.hash).not.toBe(before.hash);
  });

  it('refuses an attachment whose text is only its title', () => {
    expect(() => extractReportWithAttachment(notice, `${TITLE}\n\n`, attachment)).toThrow(expect.objectContaining({ code: 'ERR_EXTRACT_NO_BODY' }));
  });

  it('gives the figures of the same report served as HTML', async () => {
    const html = `<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1>${METADATA}<div class="TRS_Editor">${REPORT_PARAGRAPHS.slice(1)
      .map((paragraph) => `<p>${paragraph}</p>`)
      .join('\n')}</div></body></html>`;
    const asHtml = extractPage({ body: html, url: PAGE });
    const pdfText = await extractAttachmentText(fixture('report.pdf'), 'pdf', attachment.url);
    const asPdf = extractReportWithAttachment(notice, pdfText, attachment);
    const docxText = await extractAttachmentText(fixture('report.docx'), 'docx', attachment.url);
    const asDocx = extractReportWithAttachment(notice, docxText, attachment);
    const figures = (text: string) => extractFigures(text).map(({ label, value, unit }) => [label, value, unit]);
    const fromHtml = figures(asHtml.text);
    expect(fromHtml).toContainEqual(['收到行政复议申请', 41, '件']);
    expect(fromHtml).toContainEqual(['区政府常务会开展学习贯彻习近平法治思想', 3, '期']);
    expect(fromHtml).toContainEqual(['承诺办结时限压减率', 83.8, '%']);
    expect(figures(asPdf.text)).toEqual(fromHtml);
    expect(figures(asDocx.text)).toEqual(fromHtml);
  });
});

describe('extractNotice', () => {
  const bare = `<html><head><title>${TITLE}</title></head><body><h1>${TITLE}</h1>${METADATA}
    <div class="TRS_Editor"><p>详见附件。</p><p><a href="/files/r.pdf">附件：${TITLE}</a></p></div></body></html>`;

  it('reads the metadata of a notice too short for extractPage, with an empty body', async () => {
    expect(() => extractPage({ body: bare, url: PAGE })).toThrow(expect.objectContaining({ code: 'ERR_EXTRACT_NO_BODY' }));
    const short = extractNotice({ body: Buffer.from(bare), url: PAGE, contentType: 'text/html; charset=utf-8' });
    expect(short).toMatchObject({ title: TITLE, date: '2024-03-28', indexNo: '11450202007565413B/2024-00312', type: 'law-based-government', year: 2023, text: '' });
    const found = findAttachments(bare, PAGE);
    expect(isAttachmentOnlyNotice(short, found)).toBe(true);
    const text = await extractAttachmentText(fixture('report.docx'), found[0]!.kind, found[0]!.url);
    expect(extractReportWithAttachment(short, text, found[0]!).text).toContain('开展3期');
  });

  it('is extractPage where the notice has a body, and passes other errors through', () => {
    expect(extractNotice({ body: noticeHtml(''), url: PAGE })).toEqual(extractPage({ body: noticeHtml(''), url: PAGE }));
    expect(() => extractNotice({ body: fixture('report.pdf'), url: PAGE })).toThrow(expect.objectContaining({ code: 'ERR_EXTRACT_NOT_HTML' }));
  });
});

describe('isAttachmentOnlyNotice', () => {
  it('is true for a short notice that links a file', () => {
    expect(isAttachmentOnlyNotice(notice, [attachment])).toBe(true);
  });

  it('is false without an attachment, or when the page carries the report itself', () => {
    expect(isAttachmentOnlyNotice(notice, [])).toBe(false);
    const fullReport = extractPage({ body: seedHtml('seed-001'), url: PAGE });
    expect(isAttachmentOnlyNotice(fullReport, [attachment])).toBe(false);
  });
});
