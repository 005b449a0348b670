import type { Job } from 'bullmq';
import { NianbaoError } from '../src/core/errors';
import type { Portal } from '../src/core/portal';
import { crawlWithFallback, modesToTry, reportKey, type CrawlOutcome, type CrawlPlan, type Validators } from '../src/crawl';
import { classifyTitle } from '../src/extract';
import type { JobDeps } from './deps';
import { enqueueImmediateDigests } from './digest-fan-out';
import { checkJobSchema, type CheckJobData } from './queues';
import { dueForRecheck } from './recheck-policy';
import { recordReport } from './record-report';

export interface CheckSummary {
  portalId: string;
  mode: 'http' | 'browser';
  links: number;
  reports: number;
  new: number;
  revised: number;
  unchanged: number;
  /** Reposts of a report another portal already published. */
  duplicates: number;
  failed: Array<{ url: string; code: string; message: string }>;
}

async function planFor(portal: Portal, deps: JobDeps, now: Date): Promise<CrawlPlan> {
  const types = deps.reportTypes.filter((t) => portal.reportTypes.includes(t.id));
  const stored = await deps.store.reports.forRecheck(portal.id);
  const recheck = stored.filter((r) => dueForRecheck(r, now)).map((r) => ({ url: r.url, title: r.title, date: r.publishedDate }));
  const validators = await deps.store.validators.forUrls([...portal.listings.map((l) => l.url), ...recheck.map((r) => r.url)]);
  return {
    listings: portal.listings,
    ...(portal.adapter ? { adapter: portal.adapter } : {}),
    isReport: (link) => classifyTitle(link.title, types) !== null,
    known: new Set(stored.map((r) => r.key)),
    recheck,
    validators,
  };
}

/** Progress is for people watching; losing an update must not fail the check (nor crash the worker). */
function progress(job: Job<CheckJobData>, value: Record<string, unknown>): void {
  job.updateProgress(value).catch(() => undefined);
}

/**
 * ETag/Last-Modified are kept only for what was fully handled: a listing whose reports were all
 * stored, a report whose version was recorded. Otherwise the next check would get a 304 and never
 * fetch the report that failed this time.
 */
function validatorsToKeep(crawl: CrawlOutcome, summary: CheckSummary): Map<string, Validators> {
  const failed = new Set(summary.failed.map((f) => f.url));
  const reports = new Set(crawl.reports.map((r) => r.link.url));
  return new Map([...crawl.validators].filter(([url]) => (reports.has(url) ? !failed.has(url) : failed.size === 0)));
}

/** parse job → plan → crawl (http, then browser if needed) → extract and store each report → digests → summary. */
export async function checkPortal(job: Job<CheckJobData>, deps: JobDeps): Promise<CheckSummary> {
  const { portalId } = checkJobSchema.parse(job.data);
  const status = await deps.store.portals.get(portalId);
  if (!status || status.removed) throw new NianbaoError('ERR_NOT_FOUND', `门户不存在或已移除 / portal not configured: ${portalId}`);
  const { portal } = status;
  const types = deps.reportTypes.filter((t) => portal.reportTypes.includes(t.id));
  const summary: CheckSummary = { portalId, mode: 'http', links: 0, reports: 0, new: 0, revised: 0, unchanged: 0, duplicates: 0, failed: [] };
  try {
    const plan = await planFor(portal, deps, new Date());
    const crawl = await crawlWithFallback(plan, modesToTry(portal.fetchMode, status.fetchMode), { ...deps.crawl, onProgress: (done, queued) => progress(job, { stage: 'fetch', done, queued }) }, async (mode) =>
      progress(job, { stage: 'fetch', mode, done: 0, queued: 0 }),
    );
    // Nothing listed at all: fail the check, retryably if any listing's error is one a retry can mend.
    if (crawl.listingPagesFetched === 0 && crawl.listingErrors[0]) throw crawl.listingErrors.find((e) => e.retryable) ?? crawl.listingErrors[0];
    Object.assign(summary, { mode: crawl.mode, links: crawl.links.length, reports: crawl.reports.length });
    for (const report of crawl.reports) {
      try {
        if (report.notModified) {
          summary.unchanged++;
          await deps.store.reports.touchKey(reportKey(report.link.url), new Date());
        } else if (report.page) {
          const result = await recordReport(deps.store, portalId, { ...report, page: report.page }, classifyTitle(report.link.title, types));
          if (result.outcome === 'duplicate') summary.duplicates++;
          else if (result.outcome !== 'conflict') summary[result.outcome]++;
        } else throw report.error ?? new Error('no page');
      } catch (error) {
        summary.failed.push({ url: report.link.url, code: error instanceof NianbaoError ? error.code : 'ERR_UNKNOWN', message: error instanceof Error ? error.message : String(error) });
      }
      progress(job, { stage: 'store', done: summary.new + summary.revised + summary.unchanged + summary.duplicates + summary.failed.length, queued: crawl.reports.length });
    }
    await deps.store.validators.save(validatorsToKeep(crawl, summary));
    await deps.store.portals.recordSuccess(portalId, crawl.mode);
  } catch (error) {
    // One failed check counts once, however many attempts the queue gives it.
    const lastAttempt = (error instanceof NianbaoError && !error.retryable) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) await deps.store.portals.recordFailure(portalId, error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (summary.new + summary.revised > 0) await enqueueImmediateDigests(deps);
  deps.logger.info({ summary }, 'portal checked');
  return summary;
}
