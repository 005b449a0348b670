import type { Job } from 'bullmq';
import { discoverListing, type Discovery } from '../src/crawl';
import type { JobDeps } from './deps';
import { discoverJobSchema, type DiscoverJobData } from './queues';

export async function discover(job: Job<DiscoverJobData>, deps: JobDeps): Promise<Discovery> {
  const data = discoverJobSchema.parse(job.data);
  return discoverListing(data.url, { mode: data.mode, pages: data.pages, reportTypes: deps.reportTypes }, deps.crawl);
}
