import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { z } from 'zod';
import { listingSchema, portalSchema } from '../src/core/portal';

/**
 * Every queue's name, job data schema, default options and job-id rule, in one place,
 * so that a retry or a double trigger never duplicates work.
 */
export const QUEUE = { check: 'check', digest: 'digest', discover: 'discover' } as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const checkJobSchema = z.object({
  portalId: z.string().min(1),
  trigger: z.enum(['schedule', 'manual']).default('schedule'),
});
export type CheckJobData = z.input<typeof checkJobSchema>;

/** A dry run of a listing for someone adding a portal; runs on a worker, which has the browser. */
export const discoverJobSchema = z.object({
  url: listingSchema.shape.url,
  mode: portalSchema.shape.fetchMode,
  pages: z.number().int().min(1).max(20).default(1),
});
export type DiscoverJobData = z.input<typeof discoverJobSchema>;

export const digestJobSchema = z.discriminatedUnion('kind', [
  /** One subscriber's digest for one period; the period key makes it idempotent. */
  z.object({ kind: z.literal('subscriber'), subscriberId: z.number().int().positive(), periodKey: z.string().min(1), upToChangeId: z.number().int().nonnegative(), periodLabel: z.string().min(1) }),
  /** Everything a subscriber has not yet seen, gathered a short while after the first change so that one mail covers a burst. */
  z.object({ kind: z.literal('immediate'), subscriberId: z.number().int().positive() }),
  /** The daily or weekly tick: finds the subscribers of that frequency and enqueues their digests. */
  z.object({ kind: z.literal('fan-out'), frequency: z.enum(['daily', 'weekly']) }),
]);
export type DigestJobData = z.input<typeof digestJobSchema>;

const KEEP = { removeOnComplete: { age: 7 * 24 * 3600, count: 1000 }, removeOnFail: { age: 30 * 24 * 3600, count: 5000 } } as const;

export const DEFAULT_JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  // Portals are slow and flaky; three tries a few minutes apart ride out most outages.
  check: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, ...KEEP },
  // Mail servers recover within minutes; a digest is worth several tries.
  digest: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, ...KEEP },
  // Someone is waiting for the answer: one try, kept briefly.
  discover: { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
};

export const jobId = {
  checkScheduler: (portalId: string) => `check:${portalId}`,
  /** While a check of this portal waits or runs, another "check now" joins it instead of queuing a second crawl. */
  checkDedup: (portalId: string) => `check:${portalId}`,
  digest: (subscriberId: number, periodKey: string) => `digest:${subscriberId}:${periodKey}`,
  /** At most one immediate digest waits per subscriber; later changes ride along with it. */
  immediateDedup: (subscriberId: number) => `digest:${subscriberId}:immediate`,
  digestScheduler: (frequency: 'daily' | 'weekly') => `digest:${frequency}`,
};

export interface Queues {
  check: Queue<CheckJobData>;
  digest: Queue<DigestJobData>;
  discover: Queue<DiscoverJobData>;
  close(): Promise<void>;
}

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const check = new Queue<CheckJobData>(QUEUE.check, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS.check });
  const digest = new Queue<DigestJobData>(QUEUE.digest, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS.digest });
  const discover = new Queue<DiscoverJobData>(QUEUE.discover, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS.discover });
  return {
    check,
    digest,
    discover,
    close: async () => {
      await Promise.all([check.close(), digest.close(), discover.close()]);
    },
  };
}

/** "Check now": returns the id of the job that will do it (an already waiting one, if any). */
export async function enqueueCheck(queues: Queues, portalId: string): Promise<string> {
  const job = await queues.check.add('check-portal', { portalId, trigger: 'manual' }, { deduplication: { id: jobId.checkDedup(portalId), keepLastIfActive: true } });
  return job.id ?? jobId.checkDedup(portalId);
}

export async function enqueueImmediateDigest(queues: Queues, subscriberId: number, delayMs: number): Promise<void> {
  // keepLastIfActive: a change recorded while this subscriber's digest is being sent gets a digest of its own afterwards.
  await queues.digest.add('digest', { kind: 'immediate', subscriberId }, { delay: delayMs, deduplication: { id: jobId.immediateDedup(subscriberId), keepLastIfActive: true } });
}

export async function enqueueSubscriberDigest(queues: Queues, data: Extract<z.output<typeof digestJobSchema>, { kind: 'subscriber' }>): Promise<void> {
  await queues.digest.add('digest', data, { jobId: jobId.digest(data.subscriberId, data.periodKey) });
}
