import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NianbaoError } from '../core/errors';
import type { Settings } from '../core/settings';
import { attachmentToFollow, fileKind } from '../crawl';
import { classifyTitle, extractAttachmentText, extractNotice, extractPage, extractReportWithAttachment } from '../extract';
import { extractFigures } from '../figures';

interface Loaded {
  body: Buffer;
  url: string;
  contentType: string | null;
}

async function load(target: string, userAgent: string): Promise<Loaded> {
  if (/^https?:\/\//i.test(target)) {
    const response = await fetch(target, { headers: { 'user-agent': userAgent }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new NianbaoError('ERR_CRAWL_HTTP', `HTTP ${response.status}: ${target}`, { details: { url: target, status: response.status } });
    return { body: Buffer.from(await response.arrayBuffer()), url: response.url, contentType: response.headers.get('content-type') };
  }
  const file = target.startsWith('file:') ? fileURLToPath(target) : target;
  try {
    return { body: await readFile(file), url: pathToFileURL(file).href, contentType: null };
  } catch (cause) {
    throw new NianbaoError('ERR_INPUT_INVALID', `无法读取文件 / cannot read file: ${file}`, { cause });
  }
}

/** The page as the pipeline reads it: a page, a notice whose report is its attachment, or a report file. */
async function extractTarget(loaded: Loaded, userAgent: string) {
  const kind = fileKind(loaded.body, loaded.contentType);
  if (kind) {
    const text = await extractAttachmentText(loaded.body, kind, loaded.url);
    // A file on its own names itself in its first line, as report files do.
    const firstLine = text.split('\n', 1)[0]!.trim();
    const found = classifyTitle(firstLine);
    const notice = { title: found ? firstLine : null, publisher: null, date: null, dateConfidence: null, indexNo: null, docNo: null, category: null, type: found?.type ?? null, year: found?.year ?? null, text: '', normalizedText: '', hash: '' };
    return extractReportWithAttachment(notice, text, { url: loaded.url, kind, title: null, via: 'link' });
  }
  const page = { ...loaded, finalUrl: loaded.url, status: 200, fetchedAt: new Date() };
  const file = attachmentToFollow(page);
  if (!file) return extractPage(loaded);
  const attachment = await load(file.url, userAgent);
  return extractReportWithAttachment(extractNotice(loaded), await extractAttachmentText(attachment.body, file.kind, file.url), file);
}

/** `nianbao extract`: what the pipeline would keep of one page, stored nowhere. */
export async function runExtract(target: string, settings: Settings) {
  const userAgent = `nianbao (+${settings.contactUrl})`;
  const page = await extractTarget(await load(target, userAgent), userAgent);
  const figures = extractFigures(page.text).map(({ label, value, unit, approx, section, sentence, kind }) => ({ label, value, unit, approx, section, sentence, kind }));
  return { title: page.title, publisher: page.publisher, date: page.date, indexNo: page.indexNo, type: page.type, year: page.year, text: page.text, normalizedText: page.normalizedText, hash: page.hash, figures };
}
