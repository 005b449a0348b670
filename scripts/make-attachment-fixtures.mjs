#!/usr/bin/env node
/**
 * One-off generator of test/fixtures/attachments/: report files as portals publish them, built
 * from demo seed 001 so their figures can be checked against the same text served as HTML.
 * The fixtures are committed; rerun this only to change them, then check the tests by hand.
 *
 * What it needs, none of it a dependency of nianbao (keep it out of package.json):
 *   mkdir -p /tmp/nianbao-fixture-tools && cd /tmp/nianbao-fixture-tools \
 *     && npm init -y && npm install --no-save pdfkit@0.20 docx@9
 *   apt-get install -y fonts-wqy-microhei     # WenQuanYi Micro Hei: TrueType, CJK and Latin in one font
 *                                             # (AR PL UMing's Song outlines make report.pdf twice as large;
 *                                             # Droid Sans Fallback has no digits)
 * Run from the repository root:
 *   node scripts/make-attachment-fixtures.mjs
 * TOOLS=<dir> and FONT=<ttc or ttf>[#<postscript name>] override where those are.
 *
 * pdfkit embeds a subset of the TrueType font as a CID font with a ToUnicode map, which is what
 * office software does too: the PDF has a real text layer whose characters read back as Unicode.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const TOOLS = process.env.TOOLS ?? '/tmp/nianbao-fixture-tools';
const [FONT_FILE, FONT_NAME] = (process.env.FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei').split('#');
const OUT = 'test/fixtures/attachments';
// A fixed date, so that rerunning the script changes the PDFs only where their content changed (docx stamps the current time).
const DATE = new Date('2024-03-28T08:00:00Z');

const require = createRequire(join(TOOLS, 'package.json'));
const PDFDocument = require('pdfkit');
const docx = require('docx');

const seed = readFileSync('src/demo/seeds/001.txt', 'utf8').split('\n');
const [TITLE] = seed;
/** Up to the 行政复议 paragraph (收到行政复议申请41件): about four printed pages. */
const REPORT = seed.slice(1, 28);
/** The next sections, for a shorter file with a running header, 第 N 页 footers and a watermark. */
const LATER = seed.slice(28, 36);
const PUBLISHER = '柳州市城中区人民政府';

const isHeading = (line) => /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/.test(line) && line.length < 60;

function pdf(build, options = {}) {
  const doc = new PDFDocument({
    ...options,
    size: 'A4',
    margins: { top: 80, bottom: 80, left: 78, right: 78 },
    bufferPages: true,
    info: { Title: TITLE, Author: PUBLISHER, Producer: 'nianbao fixtures', CreationDate: DATE, ModDate: DATE },
  });
  const chunks = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('song', FONT_FILE, FONT_NAME);
  doc.font('song');
  build(doc);
  doc.end();
  return done;
}

/** Text in the page margin, where pdfkit would otherwise start a new page. */
function inMargin(doc, text, y, size) {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.fontSize(size).text(text, doc.page.margins.left, y, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center', lineBreak: false });
  doc.page.margins.bottom = bottom;
}

/**
 * Title centred, body in 小四 with a two-character first-line indent and no space between paragraphs,
 * as government reports are set. With `fakeBold` the title is printed twice 0.4 pt apart, as some
 * PDF writers make a bold title from a font that has none.
 */
function body(doc, lines, size, { fakeBold = false } = {}) {
  const { x, y } = doc;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.fontSize(size + 4);
  if (fakeBold) {
    doc.text(TITLE, x + 0.4, y, { align: 'center', width });
    [doc.x, doc.y] = [x, y];
  }
  doc.text(TITLE, { align: 'center', width });
  doc.moveDown(1);
  for (const line of lines) doc.fontSize(size).text(line, { indent: size * 2, lineGap: size / 2 });
}

const reportPdf = () =>
  pdf((doc) => {
    body(doc, REPORT, 12);
    const { count } = doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      doc.switchToPage(i);
      inMargin(doc, `— ${i + 1} —`, doc.page.height - 50, 10);
    }
  });

const headerFooterPdf = () =>
  pdf((doc) => {
    body(doc, LATER, 14, { fakeBold: true });
    const { count } = doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      doc.switchToPage(i);
      inMargin(doc, `${PUBLISHER}  2023年法治政府建设年度报告`, 40, 9);
      doc.moveTo(78, 56).lineTo(doc.page.width - 78, 56).lineWidth(0.5).stroke();
      inMargin(doc, `第 ${i + 1} 页 共 ${count} 页`, doc.page.height - 50, 9);
      // A diagonal watermark across the text, as some portals stamp their downloads.
      doc.save().rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] }).fillColor('#dddddd').fontSize(40);
      doc.text('仅供公开查阅', doc.page.width / 2 - 120, doc.page.height / 2 - 20, { lineBreak: false });
      doc.restore().fillColor('black');
    }
  });

/** A page with a drawn frame and no text at all, like a scan without its image. */
const textlessPdf = () =>
  pdf((doc) => {
    doc.rect(100, 100, 395, 640).lineWidth(2).stroke();
  });

/** Opens only with a password. pdfkit draws a new random key each run, so this file changes at every run. */
const encryptedPdf = () =>
  pdf((doc) => body(doc, LATER.slice(0, 2), 12), { userPassword: 'nianbao', ownerPassword: 'nianbao-owner', pdfVersion: '1.7' });

/** Encrypted with an owner password only, forbidding copying and printing, as portals protect reports: readers open it without asking. */
const restrictedPdf = () =>
  pdf((doc) => body(doc, LATER.slice(0, 2), 12), {
    ownerPassword: 'nianbao-owner',
    permissions: { printing: false, copying: false, modifying: false },
    pdfVersion: '1.7',
  });

function docxFile(children) {
  const document = new docx.Document({
    creator: PUBLISHER,
    title: TITLE,
    styles: { default: { document: { run: { font: '仿宋_GB2312', size: 32 } } } },
    sections: [{ children }],
  });
  return docx.Packer.toBuffer(document);
}

const paragraph = (text, options = {}) => new docx.Paragraph({ children: [new docx.TextRun(text)], ...options });

const reportDocx = () =>
  docxFile([
    paragraph(TITLE, { heading: docx.HeadingLevel.TITLE, alignment: docx.AlignmentType.CENTER }),
    ...REPORT.map((line) => (isHeading(line) ? paragraph(line, { heading: docx.HeadingLevel.HEADING_2 }) : paragraph(line, { indent: { firstLine: 640 } }))),
  ]);

const cell = (text, options = {}) => new docx.TableCell({ children: [paragraph(text)], ...options });

/** 行政复议 figures of the seed as a table, with a header cell spanning two columns and one spanning two rows. */
const tableDocx = () =>
  docxFile([
    paragraph('柳州市城中区2023年行政复议案件办理情况统计', { heading: docx.HeadingLevel.TITLE, alignment: docx.AlignmentType.CENTER }),
    paragraph(
      '2023年,共接受人民群众来电来人来函行政复议咨询236批251人次,收到行政复议申请41件,受理34件,共审结行政复议案件39件。具体情况统计如下表:',
      { indent: { firstLine: 640 } },
    ),
    new docx.Table({
      rows: [
        new docx.TableRow({ children: [cell('类别', { rowSpan: 2 }), cell('2023年', { columnSpan: 2 })] }),
        new docx.TableRow({ children: [cell('数量(件)'), cell('占比')] }),
        new docx.TableRow({ children: [cell('收到行政复议申请'), cell('41'), cell('100%')] }),
        new docx.TableRow({ children: [cell('当面申请'), cell('15'), cell('36.6%')] }),
        new docx.TableRow({ children: [cell('来信申请'), cell('26'), cell('63.4%')] }),
        new docx.TableRow({ children: [cell('受理'), cell('34'), cell('82.9%')] }),
      ],
    }),
    paragraph('注:审结案件含2022年结转案件7件。', { indent: { firstLine: 640 } }),
  ]);

mkdirSync(OUT, { recursive: true });
const report = await reportPdf();
const files = {
  'report.pdf': report,
  'header-footer.pdf': await headerFooterPdf(),
  'textless.pdf': await textlessPdf(),
  'encrypted.pdf': await encryptedPdf(),
  'restricted.pdf': await restrictedPdf(),
  // Cut off mid-file, as a download that broke off: the cross-reference table, the trailer and the fonts are missing.
  'truncated.pdf': report.subarray(0, Math.floor(report.length * 0.3)),
  'report.docx': await reportDocx(),
  'table.docx': await tableDocx(),
};
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(OUT, name), bytes);
  console.log(`${name}\t${bytes.length} bytes`);
}
