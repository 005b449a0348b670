import type { ExtractedPage, FetchedPage, ListingLink } from '../src/core/types';
import { fileKind, reportKey, type FetchedReport } from '../src/crawl';
import { compareFigures, diffText } from '../src/diff';
import { extractAttachmentText, extractNotice, extractPage, extractReportWithAttachment } from '../src/extract';
import type { Classification } from '../src/extract/classify';
import { extractFigures } from '../src/figures';
import type { RecordOutcome, Store } from '../src/store';

/** A report file linked straight from the listing has no page around it: the listing's title and date stand in. */
function noticeFromLink(link: ListingLink, linkClass: Classification | null): ExtractedPage {
  return { title: link.title, publisher: null, date: link.date, dateConfidence: link.date ? 'high' : null, indexNo: null, docNo: null, category: null, type: linkClass?.type ?? null, year: linkClass?.year ?? null, text: '', normalizedText: '', hash: '' };
}

/** The report as published: a page, a notice with its attachment, or a file on its own. The raw bytes kept are the report's. */
async function extractReport(report: FetchedReport & { page: FetchedPage }, linkClass: Classification | null): Promise<{ page: ExtractedPage; raw: Buffer; rawContentType: string | null }> {
  const { page, attachment, link } = report;
  if (attachment) {
    const notice = extractNotice({ body: page.body, url: page.url, contentType: page.contentType });
    const text = await extractAttachmentText(attachment.page.body, attachment.file.kind, attachment.file.url);
    return { page: extractReportWithAttachment(notice, text, attachment.file), raw: attachment.page.body, rawContentType: attachment.page.contentType };
  }
  const kind = fileKind(page.body, page.contentType);
  if (kind) {
    const text = await extractAttachmentText(page.body, kind, page.url);
    const file = { url: page.url, kind, title: link.title, via: 'link' as const };
    return { page: extractReportWithAttachment(noticeFromLink(link, linkClass), text, file), raw: page.body, rawContentType: page.contentType };
  }
  return { page: extractPage({ body: page.body, url: page.url, contentType: page.contentType }), raw: page.body, rawContentType: page.contentType };
}

/**
 * Extract → compare with the stored version → keep a new version only when the normalised
 * text changed. Retries the read-compare-write when another worker wrote in between.
 */
export async function recordReport(store: Store, portalId: string, report: FetchedReport & { page: FetchedPage }, linkClass: Classification | null): Promise<RecordOutcome> {
  const { page: extracted, raw, rawContentType } = await extractReport(report, linkClass);
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
    const revision = current ? { previous: current, textDiff: diffText(current.text, page.text), figureChanges: compareFigures(current.figures, figures) } : null;
    const result = await store.reports.record(observation, revision);
    if (result.outcome !== 'conflict') return result;
  }
  return { outcome: 'conflict' };
}
