import { createHash } from 'node:crypto';
// htmlparser2 (the slim build) parses portal HTML four times faster than parse5 and forgives broken markup as readily.
import { load } from 'cheerio/lib/slim';
import type { ReportType } from '../core/report-types';
import type { ExtractedPage } from '../core/types';
import { NianbaoError } from '../core/errors';
import { classifyTitle } from './classify';
import { decodeHtml } from './decode';
import { looksBinary, looksLikeHtml, textLooksBinary } from './page-kind';
import { extractFromHtml, type ParsedPage } from './page';
import { normalizeText } from './normalize';

export { decodeHtml, type DecodedHtml } from './decode';
export { normalizeText, toSimplifiedPlain } from './normalize';
export { classifyTitle, type Classification } from './classify';
export {
  attachmentToFollow,
  extractAttachmentText,
  extractNotice,
  extractReportSource,
  extractReportWithAttachment,
  fileKind,
  findAttachments,
  isAttachmentOnlyNotice,
  type Attachment,
  type AttachmentKind,
  type ReportSource,
} from './attachments';

export interface ExtractInput {
  body: Buffer | string;
  url: string;
  contentType?: string | null;
}

export interface ExtractOptions {
  reportTypes?: readonly ReportType[];
}

/** sha256 hex of a normalised text: the identity of a report version. */
export function hashText(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

function notHtml(url: string, cause?: unknown): NianbaoError {
  return new NianbaoError('ERR_EXTRACT_NOT_HTML', `不是可解析的页面 / not a page that can be parsed: ${url}`, { cause, details: { url } });
}

function decode(input: ExtractInput): string {
  if (typeof input.body === 'string') {
    if (textLooksBinary(input.body)) throw notHtml(input.url);
    return input.body;
  }
  if (looksBinary(input.body, input.contentType)) throw notHtml(input.url);
  const { html } = decodeHtml(input.body, input.contentType ?? null);
  if (textLooksBinary(html)) throw notHtml(input.url);
  return html;
}

/** Markup no parser step can make sense of is reported as such, never as a crash of the job. */
function parse(html: string, url: string, reportTypes: readonly ReportType[] | undefined): ParsedPage {
  try {
    return extractFromHtml(load(html), url, reportTypes);
  } catch (error) {
    throw notHtml(url, error);
  }
}

/**
 * A report page → title, metadata, clean body and its comparison form. Pure: the same bytes
 * always give the same result, and renderings that differ only in furniture give the same hash.
 */
export function extractPage(input: ExtractInput, options: ExtractOptions = {}): ExtractedPage {
  const html = decode(input);
  if (!looksLikeHtml(html)) throw notHtml(input.url);
  const parsed = parse(html, input.url, options.reportTypes);
  if (!parsed.text) {
    throw new NianbaoError('ERR_EXTRACT_NO_BODY', `未能提取正文 / no report body found: ${input.url}`, { details: { url: input.url } });
  }
  const classification = parsed.title ? classifyTitle(parsed.title, options.reportTypes) : null;
  const normalizedText = normalizeText(parsed.text);
  return {
    ...parsed.metadata,
    title: parsed.title,
    type: classification?.type ?? null,
    year: classification?.year ?? null,
    text: parsed.text,
    normalizedText,
    hash: hashText(normalizedText),
  };
}
