import { QueueEvents, type ConnectionOptions, type Queue } from 'bullmq';

/** Waits for a job to finish, reporting its progress; resolves with its result or rejects with its failure. */
export async function waitForJob<R>(queue: Queue, jobId: string, options: { connection: ConnectionOptions; prefix: string; onProgress?: (progress: unknown) => void; timeoutMs?: number }): Promise<R> {
  const events = new QueueEvents(queue.name, { connection: options.connection, prefix: options.prefix });
  try {
    await events.waitUntilReady();
    events.on('progress', ({ jobId: id, data }) => {
      if (id === jobId) options.onProgress?.(data);
    });
    const job = await queue.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} not found`);
    return (await job.waitUntilFinished(events, options.timeoutMs)) as R;
  } finally {
    await events.close();
  }
}
