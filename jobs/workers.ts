import { Worker, type ConnectionOptions } from 'bullmq';
import { checkPortal } from './check-portal';
import { discover } from './discover';
import type { JobDeps } from './deps';
import { toJobError } from './outcome';
import { QUEUE } from './queues';
import { sendDigest } from './send-digest';

export interface Workers {
  close(): Promise<void>;
}

function wrap<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    throw toJobError(error);
  });
}

/** Starts the workers of this process; several processes on several machines may run them against one Redis. */
export function startWorkers(deps: JobDeps, options: { connection: ConnectionOptions; prefix: string; concurrency: number }): Workers {
  const common = { connection: options.connection, prefix: options.prefix };
  const workers = [
    new Worker(QUEUE.check, (job) => wrap(() => checkPortal(job, deps)), { ...common, concurrency: options.concurrency }),
    // One digest at a time per process keeps SMTP connections few; digests are small.
    new Worker(QUEUE.digest, (job) => wrap(() => sendDigest(job, deps)), { ...common, concurrency: 1 }),
    new Worker(QUEUE.discover, (job) => wrap(() => discover(job, deps)), { ...common, concurrency: 1 }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) => deps.logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'job failed'));
    worker.on('error', (error) => deps.logger.error({ queue: worker.name, err: error.message }, 'worker error'));
  }
  return {
    // Active jobs finish before close resolves; jobs a crash leaves behind are picked up again as stalled.
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
