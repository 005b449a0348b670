import type { Queues } from '../../jobs/queues';
import type { Store } from '../store';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

/** Counts per queue and state, the latest failures with their reasons, and portals that keep failing. */
export async function jobsStatus(queues: Queues, store: Store, failingAfter = 3) {
  const perQueue = await Promise.all(
    [queues.check, queues.digest].map(async (queue) => {
      const [counts, failed, active] = await Promise.all([queue.getJobCounts(...STATES), queue.getFailed(0, 9), queue.getActive(0, 9)]);
      return {
        name: queue.name,
        counts,
        active: active.map((job) => ({ id: job.id, data: job.data, progress: job.progress })),
        recentFailures: failed.map((job) => ({ id: job.id, name: job.name, data: job.data, reason: job.failedReason, attempts: job.attemptsMade, failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null })),
      };
    }),
  );
  const portals = await store.portals.list();
  return {
    queues: perQueue,
    portals: portals.map((p) => ({ id: p.portal.id, name: p.portal.name, lastCheckAt: p.lastCheckAt, lastSuccessAt: p.lastSuccessAt, consecutiveFailures: p.consecutiveFailures, lastError: p.lastError, fetchMode: p.fetchMode, failing: p.consecutiveFailures >= failingAfter })),
  };
}
