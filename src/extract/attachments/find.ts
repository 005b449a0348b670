import type { Element } from 'cheerio';
// The same parser as the page extractor (see ../index.ts): forgiving of broken portal markup and fast.
import { load } from 'cheerio/lib/slim';
import { elementsUnder, renderLines } from '../dom-text';

export type AttachmentKind = 'pdf' | 'docx' | 'doc';

/** A report file linked from a notice page. */
export interface Attachment {
  /** Absolute, without a #fragment. For a download endpoint, the endpoint itself. */
  url: string;
  kind: AttachmentKind;
  /** What the page calls the file (link text or title attribute), without 附件： or the extension; null when it says nothing useful. */
  title: string | null;
  /** How the page refers to it, for logs and for judging how sure the finding is. */
  via: 'link' | 'iframe' | 'pdfjs-viewer' | 'downfile' | 'embed';
}

const FILE_NAME = /\.(pdf|docx|doc)$/i;

/** Link texts that name an action, not the file: the title attribute or nothing says more. */
const GENERIC_TEXT = /^(?:附件\d*|下载(?:附件|文件)?|点击(?:下载|查看|此处|这里)(?:附件|文件|全文)?|查看(?:附件|全文|原文)?|预览|在线预览|全文下载|原文下载|pdf|docx?|download|view)$/i;

/** `javascript:openFile('/x.pdf')` and `onclick="window.open('/x.pdf')"`, as older CMSs write attachment links. */
const QUOTED_FILE_URL = /["']([^"'\s]+?\.(?:pdf|docx|doc)(?:\?[^"'\s]*)?)["']/i;

function kindOfName(name: string): AttachmentKind | null {
  const match = FILE_NAME.exec(name.trim());
  return match ? (match[1]!.toLowerCase() as AttachmentKind) : null;
}

function kindOfPath(url: URL): AttachmentKind | null {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % in a portal's path; the raw path still shows the extension.
  }
  return kindOfName(path);
}

function resolve(reference: string, base: string): URL | null {
  // Portals leave newlines and spaces inside href values; browsers strip them, so must we.
  const cleaned = reference.replace(/[\t\n\r]/g, '').trim();
  if (!cleaned || /^(?:mailto|tel|data|about):/i.test(cleaned)) return null;
  try {
    const url = new URL(cleaned, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url;
  } catch {
    return null;
  }
}

/** Some CMSs encode the viewer's file parameter twice (`file=%252Fupload%252F…`). */
function decodedParameter(value: string): string {
  if (!/^(?:https?%3A|%2F)/i.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Target {
  url: URL;
  kind: AttachmentKind;
  via: Attachment['via'];
}

/**
 * What one URL on the page points to, if it is a report file. `via` is the element's own kind
 * (link, iframe, embed) unless the URL is a pdf.js viewer or a download endpoint.
 */
function targetOf(url: URL, elementVia: Attachment['via'], linkName: string | null): Target | null {
  const file = url.searchParams.get('file');
  if (file && /(?:^|\/)(?:viewer\.html?|pdfjs\/)/i.test(url.pathname)) {
    // pdf.js resolves `file` against the viewer's own address, so that is what a browser fetches.
    const inner = resolve(decodedParameter(file), url.href);
    // The viewer shows only PDFs, whatever the file is called (often `download?id=…`).
    return inner ? { url: inner, kind: 'pdf', via: 'pdfjs-viewer' } : null;
  }
  const pathKind = kindOfPath(url);
  if (pathKind) return { url, kind: pathKind, via: elementVia };
  // downfile.jsp?filename=….pdf, download.do?path=…/x.docx: the endpoint serves the file named in its query.
  for (const value of url.searchParams.values()) {
    const kind = kindOfName(decodedParameter(value).split('?')[0]!);
    if (kind) return { url, kind, via: 'downfile' };
  }
  // `<a href="/attach/download?id=5">附件：报告.pdf</a>`: only the link's text names the file.
  // A static page is an article about the file, not the file.
  if (linkName && !/\.s?html?$/i.test(url.pathname)) {
    const kind = kindOfName(linkName);
    if (kind) return { url, kind, via: 'downfile' };
  }
  return null;
}

function cleanTitle(raw: string | undefined): string | null {
  if (!raw) return null;
  const title = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^附件\s*\d*\s*[:：.、]?\s*/, '')
    .replace(FILE_NAME, '')
    // 报告（PDF，1.2MB）, 报告[docx]
    .replace(/\s*[(（\[【]\s*(?:pdf|docx?)?\s*[,，]?\s*(?:[\d.]+\s*[KM]B?)?\s*[)）\]】]$/i, '')
    .trim();
  return title && !GENERIC_TEXT.test(title) ? title : null;
}

function linkText(element: Element): string {
  return renderLines(element).join(' ');
}

/** The URL-like values an element carries, with the `via` each one stands for. */
function referencesOf(element: Element): { reference: string; via: Attachment['via'] }[] {
  const attribs = element.attribs;
  switch (element.name) {
    case 'a':
    case 'area': {
      const href = attribs['href'] ?? '';
      const script = /^\s*javascript:/i.test(href);
      const found = href && !script ? [{ reference: href, via: 'link' as const }] : [];
      const quoted = QUOTED_FILE_URL.exec(`${script ? href : ''} ${attribs['onclick'] ?? ''}`);
      return quoted ? [...found, { reference: quoted[1]!, via: 'link' }] : found;
    }
    case 'iframe':
    case 'frame':
      return attribs['src'] ? [{ reference: attribs['src'], via: 'iframe' }] : [];
    case 'embed':
      return attribs['src'] ? [{ reference: attribs['src'], via: 'embed' }] : [];
    case 'object':
      return attribs['data'] ? [{ reference: attribs['data'], via: 'embed' }] : [];
    default:
      return [];
  }
}

/**
 * The PDF and Word files a notice page links to or embeds, in page order, each once: plain links,
 * iframes, `<embed>`/`<object>`, pdf.js viewers (`viewer.html?file=…`, unwrapped to the file),
 * download endpoints (`downfile.jsp?filename=x.pdf`) and links whose text names the file. Pure.
 */
export function findAttachments(html: string, pageUrl: string): Attachment[] {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && resolve(baseHref, pageUrl)?.href) || pageUrl;
  const byUrl = new Map<string, Attachment>();
  for (const element of elementsUnder($.root()[0]!)) {
    const references = referencesOf(element);
    if (references.length === 0) continue;
    const isLink = element.name === 'a' || element.name === 'area';
    const text = isLink ? linkText(element) : '';
    const named = [text, element.attribs['title'], element.attribs['download']].find((name) => name && kindOfName(name)) ?? null;
    for (const { reference, via } of references) {
      const url = resolve(reference, base);
      const target = url && targetOf(url, via, named);
      if (!target) continue;
      const title = cleanTitle(text) ?? cleanTitle(element.attribs['title']);
      const key = target.url.href;
      const seen = byUrl.get(key);
      if (!seen) byUrl.set(key, { url: key, kind: target.kind, title, via: target.via });
      // An embedded viewer usually comes first and has no name; the download link below it does.
      else if (seen.title === null && title !== null) seen.title = title;
    }
  }
  return [...byUrl.values()];
}
