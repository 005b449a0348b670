import { NianbaoError } from '../src/core/errors';
import type { FetchedPage } from '../src/core/types';
import { reportKey, type FetchedReport } from '../src/crawl';
import { compareFigures, diffText } from '../src/diff';
import { classifyTitle, extractReportSource, type Classification } from '../src/extract';
import { extractFigures } from '../src/figures';
import type { CurrentVersion, RecordOutcome, Store } from '../src/store';

/** Below this share of the stored text, a page that also lost its report title is not the report any more. */
const SHRUNK_TO = 0.3;

/**
 * A portal under maintenance, or a soft 404, answers 200 with a page of its own at the report's URL.
 * Storing that as a revision would mail a false alarm now and another when the report comes back.
 */
function assertStillTheReport(current: CurrentVersion, page: { title: string | null; text: string }, url: string): void {
  const lostTitle = !page.title || classifyTitle(page.title) === null;
  if (lostTitle && page.text.length < current.text.length * SHRUNK_TO) {
    throw new NianbaoError('ERR_EXTRACT_NO_BODY', `页面已不是报告（维护页或错误页？），未保存 / the page no longer holds the report (maintenance or error page?), not stored: ${url}`, {
      details: { url, title: page.title, chars: page.text.length, storedChars: current.text.length },
      retryable: true,
    });
  }
}

/**
 * Extract → compare with the stored version → keep a new version only when the normalised
 * text changed. Retries the read-compare-write when another worker wrote in between.
 */
export async function recordReport(store: Store, portalId: string, report: FetchedReport & { page: FetchedPage }, linkClass: Classification | null): Promise<RecordOutcome> {
  const { page: extracted, raw, rawContentType } = await extractReportSource({
    page: report.page,
    ...(report.attachment ? { attachment: { file: report.attachment.file, body: report.attachment.page.body, contentType: report.attachment.page.contentType } } : {}),
    link: report.link,
  });
  const page = { ...extracted, type: extracted.type ?? linkClass?.type ?? null, year: extracted.year ?? linkClass?.year ?? null };
  const figures = extractFigures(page.text);
  const key = reportKey(report.link.url);
  const observation = { portalId, key, url: report.link.url, linkTitle: report.link.title, page, figures, raw, rawContentType, fetchedAt: report.page.fetchedAt };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await store.reports.current(key);
    if (current?.contentHash === page.hash) {
      await store.reports.touch(current.reportId, report.page.fetchedAt);
      return { outcome: 'unchanged', reportId: current.reportId };
    }
    if (current) assertStillTheReport(current, page, report.link.url);
    const revision = current ? { previous: current, textDiff: diffText(current.text, page.text), figureChanges: compareFigures(current.figures, figures) } : null;
    const result = await store.reports.record(observation, revision);
    if (result.outcome !== 'conflict') return result;
  }
  return { outcome: 'conflict' };
}
