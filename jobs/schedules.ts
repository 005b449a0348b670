import type { Portal } from '../src/core/portal';
import { jobId, type Queues } from './queues';

/** Local time at which daily and weekly digests go out. */
export const DIGEST_SCHEDULES = {
  daily: { pattern: '0 8 * * *', tz: 'Asia/Shanghai' },
  weekly: { pattern: '0 8 * * 1', tz: 'Asia/Shanghai' },
} as const;

/**
 * Makes the schedulers match the config: one per portal, plus the digest ticks.
 * Idempotent (upsert), so every process may call it at every start; a portal removed from config loses its scheduler.
 */
export async function syncSchedulers(queues: Queues, portals: readonly Portal[]): Promise<{ removed: string[] }> {
  const wanted = new Set(portals.map((p) => jobId.checkScheduler(p.id)));
  for (const portal of portals) {
    await queues.check.upsertJobScheduler(
      jobId.checkScheduler(portal.id),
      { pattern: portal.schedule.cron, tz: portal.schedule.timezone },
      { name: 'check-portal', data: { portalId: portal.id, trigger: 'schedule' } },
    );
  }
  const removed: string[] = [];
  for (const scheduler of await queues.check.getJobSchedulers(0, -1)) {
    if (!wanted.has(scheduler.key)) {
      await queues.check.removeJobScheduler(scheduler.key);
      removed.push(scheduler.key);
    }
  }
  for (const frequency of ['daily', 'weekly'] as const) {
    await queues.digest.upsertJobScheduler(jobId.digestScheduler(frequency), DIGEST_SCHEDULES[frequency], { name: 'digest-fan-out', data: { kind: 'fan-out', frequency } });
  }
  return { removed };
}
