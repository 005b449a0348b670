import type { Classification } from '../src/extract/classify';
import { reportKey, type FetchedReport } from '../src/crawl';
import { compareFigures, diffText } from '../src/diff';
import { extractPage } from '../src/extract';
import { extractFigures } from '../src/figures';
import type { RecordOutcome, Store } from '../src/store';
import type { FetchedPage } from '../src/core/types';

/**
 * Extract → compare with the stored version → keep a new version only when the normalised
 * text changed. Retries the read-compare-write when another worker wrote in between.
 */
export async function recordReport(store: Store, portalId: string, report: FetchedReport & { page: FetchedPage }, linkClass: Classification | null): Promise<RecordOutcome> {
  const page = extractPage({ body: report.page.body, url: report.page.url, contentType: report.page.contentType });
  const extracted = { ...page, type: page.type ?? linkClass?.type ?? null, year: page.year ?? linkClass?.year ?? null };
  const figures = extractFigures(page.text);
  const key = reportKey(report.link.url);
  const observation = { portalId, key, url: report.link.url, linkTitle: report.link.title, page: extracted, figures, raw: report.page.body, rawContentType: report.page.contentType, fetchedAt: report.page.fetchedAt };
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await store.reports.current(key);
    if (current?.contentHash === page.hash) {
      await store.reports.touch(current.reportId, report.page.fetchedAt);
      return { outcome: 'unchanged', reportId: current.reportId };
    }
    const revision = current ? { previous: current, textDiff: diffText(current.text, page.text), figureChanges: compareFigures(current.figures, figures) } : null;
    const result = await store.reports.record(observation, revision);
    if (result.outcome !== 'conflict') return result;
  }
  return { outcome: 'conflict' };
}
