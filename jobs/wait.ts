import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';

const POLL_MS = 200;

/**
 * Waits for a job to finish, reporting its progress; resolves with its result or rejects with its
 * failure. It polls the job's state: waiting on QueueEvents can miss a completion that happens
 * between the state check and the first stream read (seen under load in the end-to-end test).
 */
export async function waitForJob<R>(queue: Queue, jobId: string, options: { onProgress?: (progress: unknown) => void; timeoutMs?: number } = {}): Promise<R> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  let reported: string | undefined;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} not found in queue ${queue.name}`);
    const state = await job.getState();
    const progress = JSON.stringify(job.progress);
    if (progress !== reported) {
      reported = progress;
      options.onProgress?.(job.progress);
    }
    if (state === 'completed') return job.returnvalue as R;
    if (state === 'failed') throw new Error(job.failedReason);
    if (Date.now() > deadline) throw new Error(`job ${jobId} in queue ${queue.name} did not finish within ${options.timeoutMs} ms (state: ${state})`);
    await sleep(POLL_MS);
  }
}
