import type { ExtractedPage } from '../../core/types';
import { classifyTitle } from '../classify';
import { extractPage } from '../index';
import type { Attachment } from './find';
import { fileKind } from './follow';
import { extractNotice } from './notice';
import { extractReportWithAttachment } from './report';
import { extractAttachmentText } from './text';

/** A report as fetched: a page, a notice page with the file it points at, or a file on its own. */
export interface ReportSource {
  page: { body: Buffer; url: string; contentType: string | null };
  attachment?: { file: Attachment; body: Buffer; contentType: string | null };
  /** The listing link that led here, when there was one: it names a bare file. */
  link?: { title: string; date: string | null };
}

/**
 * What a file on its own is called: its listing link when there is one, else its first line,
 * which report files open with ("XX区2023年法治政府建设年度报告").
 */
function fileNotice(text: string, link: ReportSource['link']): ExtractedPage {
  const title = link?.title ?? text.split('\n', 1)[0]!.trim();
  const found = classifyTitle(title);
  return {
    title: link || found ? title : null,
    publisher: null,
    date: link?.date ?? null,
    dateConfidence: link?.date ? 'high' : null,
    indexNo: null,
    docNo: null,
    category: null,
    type: found?.type ?? null,
    year: found?.year ?? null,
    text: '',
    normalizedText: '',
    hash: '',
  };
}

/**
 * One extraction for the pipeline and for `nianbao extract`, so what a person tries is what gets
 * stored. The raw bytes returned are the report's own: the file when there is one.
 */
export async function extractReportSource(source: ReportSource): Promise<{ page: ExtractedPage; raw: Buffer; rawContentType: string | null }> {
  const { page, attachment } = source;
  if (attachment) {
    const text = await extractAttachmentText(attachment.body, attachment.file.kind, attachment.file.url);
    return { page: extractReportWithAttachment(extractNotice(page), text, attachment.file), raw: attachment.body, rawContentType: attachment.contentType };
  }
  const kind = fileKind(page.body, page.contentType);
  if (kind) {
    const text = await extractAttachmentText(page.body, kind, page.url);
    const file = { url: page.url, kind, title: source.link?.title ?? null, via: 'link' as const };
    return { page: extractReportWithAttachment(fileNotice(text, source.link), text, file), raw: page.body, rawContentType: page.contentType };
  }
  return { page: extractPage(page), raw: page.body, rawContentType: page.contentType };
}
