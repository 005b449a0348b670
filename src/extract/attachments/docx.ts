import { load } from 'cheerio/lib/slim';
import mammoth from 'mammoth';
import { renderLines } from '../dom-text';

/** Images carry no report text; reading them would only spend time and memory on data URIs. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

/**
 * A Word (OOXML) report as text. Through mammoth's HTML rather than `extractRawText`, which
 * flattens a table into one paragraph per cell: rendered as HTML, the table goes through the same
 * renderer as a portal page, so rows read `a | b | c` and figures are keyed by row and column alike.
 * Headers and footers of the document are not part of mammoth's output, so there is nothing to strip.
 */
export async function docxText(body: Buffer): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer: body }, { convertImage: skipImages });
  return renderLines(load(html).root()[0]!).join('\n\n');
}
