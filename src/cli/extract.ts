import { readFile } from 'node:fs/promises';
import { NianbaoError } from '../core/errors';
import type { Settings } from '../core/settings';
import { extractPage } from '../extract';
import { extractFigures } from '../figures';

async function load(target: string, userAgent: string): Promise<{ body: Buffer; url: string; contentType: string | null }> {
  if (/^https?:\/\//i.test(target)) {
    const response = await fetch(target, { headers: { 'user-agent': userAgent }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new NianbaoError('ERR_CRAWL_HTTP', `HTTP ${response.status}: ${target}`, { details: { url: target, status: response.status } });
    return { body: Buffer.from(await response.arrayBuffer()), url: response.url, contentType: response.headers.get('content-type') };
  }
  try {
    return { body: await readFile(target), url: `file://${target}`, contentType: null };
  } catch (cause) {
    throw new NianbaoError('ERR_INPUT_INVALID', `无法读取文件 / cannot read file: ${target}`, { cause });
  }
}

/** `nianbao extract`: what the pipeline would keep of one page, stored nowhere. */
export async function runExtract(target: string, settings: Settings) {
  const { body, url, contentType } = await load(target, `nianbao (+${settings.contactUrl})`);
  const page = extractPage({ body, url, contentType });
  const figures = extractFigures(page.text).map(({ label, value, unit, approx, section, sentence, kind }) => ({ label, value, unit, approx, section, sentence, kind }));
  return { title: page.title, publisher: page.publisher, date: page.date, indexNo: page.indexNo, type: page.type, year: page.year, text: page.text, normalizedText: page.normalizedText, hash: page.hash, figures };
}
