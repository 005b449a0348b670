import { load } from 'cheerio/lib/slim';
import { isNianbaoError } from '../../core/errors';
import type { ExtractedPage } from '../../core/types';
import { classifyTitle } from '../classify';
import { decodeHtml } from '../decode';
import { extractPage, hashText, type ExtractInput, type ExtractOptions } from '../index';
import { extractFromHtml } from '../page';

/**
 * A notice page that may carry no body of its own: `extractPage` where it finds one, else the
 * title and metadata with an empty text. Notices that only say 详见附件 fall below the body
 * threshold of `extractPage` (ERR_EXTRACT_NO_BODY), yet their title, date and 索引号 are what the
 * attachment's report needs. Other errors (not a page at all) pass through.
 */
export function extractNotice(input: ExtractInput, options: ExtractOptions = {}): ExtractedPage {
  try {
    return extractPage(input, options);
  } catch (error) {
    if (!isNianbaoError(error) || error.code !== 'ERR_EXTRACT_NO_BODY') throw error;
  }
  // extractPage got as far as looking for a body, so these bytes decode and parse.
  const html = typeof input.body === 'string' ? input.body : decodeHtml(input.body, input.contentType ?? null).html;
  const parsed = extractFromHtml(load(html), input.url, options.reportTypes);
  const classification = parsed.title ? classifyTitle(parsed.title, options.reportTypes) : null;
  return {
    ...parsed.metadata,
    title: parsed.title,
    type: classification?.type ?? null,
    year: classification?.year ?? null,
    text: '',
    normalizedText: '',
    hash: hashText(''),
  };
}
