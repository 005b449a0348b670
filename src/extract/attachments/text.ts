import { NianbaoError } from '../../core/errors';
import { countCjk } from '../cjk';
import { MIN_BODY_CJK } from '../content';
import { looksLikeHtml } from '../page-kind';
import { docxText } from './docx';
import type { AttachmentKind } from './find';
import { pdfText } from './pdf';

/**
 * What the bytes are, whatever the link said: download endpoints are named by a query parameter,
 * and portals rename files, so `报告.pdf` may well be a Word file. null when neither a PDF, a ZIP
 * (docx) nor an OLE file (doc). PDF writers may put junk before the header; readers accept 1 KB of it.
 */
function sniff(body: Buffer): AttachmentKind | null {
  if (body.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04) return 'docx';
  if (body[0] === 0xd0 && body[1] === 0xcf && body[2] === 0x11 && body[3] === 0xe0) return 'doc';
  return null;
}

function noBody(url: string, zh: string, en: string, cause?: unknown): NianbaoError {
  return new NianbaoError('ERR_EXTRACT_NO_BODY', `${zh} / ${en}: ${url}`, { cause, details: { url } });
}

function unreadable(kind: 'pdf' | 'docx', url: string, cause: unknown): NianbaoError {
  if (kind === 'pdf' && cause instanceof Error && cause.name === 'PasswordException') {
    return noBody(url, 'PDF 已加密，无法提取文字', 'the PDF is password-protected', cause);
  }
  const name = kind === 'pdf' ? 'PDF' : 'Word (docx)';
  return noBody(url, `${name} 文件已损坏或不完整`, `the ${name} file is corrupt or truncated`, cause);
}

/**
 * The text of a report attachment: paragraphs separated by blank lines, tables as `a | b | c`
 * rows, PDF page headers, footers and page numbers removed. The declared kind only matters when
 * the bytes are not recognisably any of the three.
 * Errors: `ERR_EXTRACT_NOT_HTML` for old binary Word (.doc), which no installed library reads;
 * `ERR_EXTRACT_NO_BODY` for an encrypted, corrupt or text-less file (a scan), or a web page served
 * in the file's place, always with the URL.
 */
export async function extractAttachmentText(body: Buffer, kind: AttachmentKind, url: string): Promise<string> {
  const sniffed = sniff(body);
  // A login page or a 文件不存在 page served in the file's place, often with status 200.
  if (sniffed === null && looksLikeHtml(body.subarray(0, 2048).toString('latin1'))) {
    throw noBody(url, '附件链接返回的是网页而不是文件', 'the attachment link returned a web page, not the file');
  }
  const actual = sniffed ?? kind;
  if (actual === 'doc') {
    throw new NianbaoError(
      'ERR_EXTRACT_NOT_HTML',
      `不支持旧版 Word 文档（.doc） / old binary Word documents (.doc) are not supported: ${url}`,
      { details: { url, kind: 'doc' } },
    );
  }
  let text: string;
  try {
    text = actual === 'pdf' ? await pdfText(body) : await docxText(body);
  } catch (error) {
    throw unreadable(actual, url, error);
  }
  // The same bar as a portal page's body (MIN_BODY_CJK), so a short cover note is not taken for a report.
  if (countCjk(text) < MIN_BODY_CJK) {
    throw actual === 'pdf'
      ? noBody(url, 'PDF 没有可提取的文字层（可能是扫描件）', 'the PDF has no text layer (probably a scanned document)')
      : noBody(url, 'Word 文档中没有正文', 'the Word document holds no report text');
  }
  return text;
}
