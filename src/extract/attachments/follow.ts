import { isNianbaoError } from '../../core/errors';
import { decodeHtml } from '../decode';
import { findAttachments, type Attachment } from './find';
import { extractNotice } from './notice';
import { isAttachmentOnlyNotice } from './report';

/** %PDF, or a ZIP (DOCX), or an OLE compound file (DOC): a report served as a file, not a page. */
export function fileKind(body: Buffer, contentType: string | null): Attachment['kind'] | null {
  if (body.subarray(0, 5).toString('latin1') === '%PDF-' || /application\/pdf/i.test(contentType ?? '')) return 'pdf';
  if (body[0] === 0x50 && body[1] === 0x4b) return 'docx';
  if (body.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'doc';
  return null;
}

/** Reports published as PDF/DOCX are named like the report; prefer those, then any readable file. */
function pick(attachments: Attachment[]): Attachment | null {
  const readable = attachments.filter((a) => a.kind !== 'doc');
  return readable.find((a) => a.title && /报告|年报/.test(a.title)) ?? readable[0] ?? attachments[0] ?? null;
}

/** The attachment to fetch when a report page is only a notice pointing at the report file. */
export function attachmentToFollow(page: { body: Buffer; url: string; finalUrl: string; contentType: string | null }): Attachment | null {
  if (fileKind(page.body, page.contentType)) return null;
  try {
    const { html } = decodeHtml(page.body, page.contentType);
    const attachments = findAttachments(html, page.finalUrl);
    if (attachments.length === 0) return null;
    const notice = extractNotice({ body: page.body, url: page.url, contentType: page.contentType });
    return isAttachmentOnlyNotice(notice, attachments) ? pick(attachments) : null;
  } catch (error) {
    // Not a page extraction can read: the recorder reports that, with its code.
    if (isNianbaoError(error)) return null;
    throw error;
  }
}
