import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NianbaoError } from '../core/errors';
import { userAgentFor, type Settings } from '../core/settings';
import { attachmentToFollow, extractReportSource, fileKind } from '../extract';
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

/** `nianbao extract`: what the pipeline would keep of one page (or its attachment, or a report file), stored nowhere. */
export async function runExtract(target: string, settings: Settings) {
  const userAgent = userAgentFor(settings);
  const page = await load(target, userAgent);
  const file = fileKind(page.body, page.contentType) ? null : attachmentToFollow({ ...page, finalUrl: page.url });
  const attachment = file ? { file, ...(await load(file.url, userAgent)) } : null;
  const { page: report } = await extractReportSource({ page, ...(attachment ? { attachment: { file: attachment.file, body: attachment.body, contentType: attachment.contentType } } : {}) });
  const figures = extractFigures(report.text).map(({ label, value, unit, approx, section, sentence, kind }) => ({ label, value, unit, approx, section, sentence, kind }));
  return { title: report.title, publisher: report.publisher, date: report.date, indexNo: report.indexNo, type: report.type, year: report.year, text: report.text, normalizedText: report.normalizedText, hash: report.hash, figures };
}
