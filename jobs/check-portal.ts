import type { Job } from 'bullmq';
import { NianbaoError } from '../src/core/errors';
import { crawlPortal } from '../src/crawl';
import { classifyTitle } from '../src/extract/classify';
import type { JobDeps } from './deps';
import { enqueueImmediateDigests } from './digest-fan-out';
import { checkJobSchema, type CheckJobData } from './queues';
import { recordReport } from './record-report';

export interface CheckSummary {
  portalId: string;
  links: number;
  reports: number;
  new: number;
  revised: number;
  unchanged: number;
  failed: Array<{ url: string; code: string; message: string }>;
}

/** parse job → crawl listings and reports → extract and store each → enqueue digests → summary. */
export async function checkPortal(job: Job<CheckJobData>, deps: JobDeps): Promise<CheckSummary> {
  const { portalId } = checkJobSchema.parse(job.data);
  const status = await deps.store.portals.get(portalId);
  if (!status || status.removed) throw new NianbaoError('ERR_NOT_FOUND', `门户不存在或已移除 / portal not configured: ${portalId}`);
  const { portal } = status;
  const types = deps.reportTypes.filter((t) => portal.reportTypes.includes(t.id));
  const summary: CheckSummary = { portalId, links: 0, reports: 0, new: 0, revised: 0, unchanged: 0, failed: [] };
  try {
    const crawl = await crawlPortal(
      { listings: portal.listings, isReport: (link) => classifyTitle(link.title, types) !== null },
      { userAgent: deps.userAgent, onProgress: (done, queued) => void job.updateProgress({ stage: 'fetch', done, queued }) },
    );
    if (crawl.listingPagesFetched === 0 && crawl.listingErrors[0]) throw crawl.listingErrors[0];
    summary.links = crawl.links.length;
    summary.reports = crawl.reports.length;
    for (const report of crawl.reports) {
      try {
        if (report.error || !report.page) throw report.error ?? new Error('no page');
        const result = await recordReport(deps.store, portalId, { ...report, page: report.page }, classifyTitle(report.link.title, types));
        if (result.outcome !== 'conflict') summary[result.outcome]++;
      } catch (error) {
        const coded = error instanceof NianbaoError ? error : null;
        summary.failed.push({ url: report.link.url, code: coded?.code ?? 'ERR_UNKNOWN', message: error instanceof Error ? error.message : String(error) });
      }
      await job.updateProgress({ stage: 'store', done: summary.new + summary.revised + summary.unchanged + summary.failed.length, queued: crawl.reports.length });
    }
    await deps.store.portals.recordSuccess(portalId, 'http');
  } catch (error) {
    await deps.store.portals.recordFailure(portalId, error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (summary.new + summary.revised > 0) await enqueueImmediateDigests(deps);
  deps.logger.info({ summary }, 'portal checked');
  return summary;
}
