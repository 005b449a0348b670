import { NianbaoError } from '../../core/errors';
import type { ExtractedPage } from '../../core/types';
import { hashText } from '../index';
import { normalizeText, toSimplifiedPlain } from '../normalize';
import type { Attachment } from './find';

/**
 * Below this many normalised characters a notice body cannot be the report itself. The notices
 * that carry a report as an attachment say "现将《XX区2023年法治政府建设年度报告》予以公开，详见附件"
 * plus the attachment's name: 40–150 characters, under 250 with a contact line. The shortest
 * reports (a township's 政府信息公开年报) run to a few thousand characters, well clear of 300.
 */
const NOTICE_MAX_CHARS = 300;

/** The notice page only points at the report: the crawler should fetch the attachment. */
export function isAttachmentOnlyNotice(page: ExtractedPage, attachments: readonly Attachment[]): boolean {
  return attachments.length > 0 && page.normalizedText.length < NOTICE_MAX_CHARS;
}

/**
 * The report as published in an attachment: the notice's metadata (title, publisher, date, 索引号,
 * 文号, type, year) with the attachment's text as body. Normalised text and hash come from the
 * attachment alone, so a redesign of the notice page does not make a new version of the report.
 * The title line at the top of the file is dropped, as the page extractor drops it from a body.
 */
export function extractReportWithAttachment(notice: ExtractedPage, attachmentText: string, attachment: Attachment): ExtractedPage {
  const bare = (line: string) => toSimplifiedPlain(line.normalize('NFKC')).replace(/\s+/g, '');
  const titleKeys = new Set([notice.title, attachment.title].filter((title) => title !== null).map(bare));
  const paragraphs = attachmentText.split(/\n{2,}/);
  while (paragraphs.length > 0 && titleKeys.has(bare(paragraphs[0]!))) paragraphs.shift();
  const text = paragraphs.join('\n\n').trim();
  if (!text) {
    throw new NianbaoError('ERR_EXTRACT_NO_BODY', `附件中没有正文 / the attachment holds no report text: ${attachment.url}`, {
      details: { url: attachment.url },
    });
  }
  const normalizedText = normalizeText(text);
  return { ...notice, title: notice.title ?? attachment.title, text, normalizedText, hash: hashText(normalizedText) };
}
