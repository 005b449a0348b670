import type { ReportType } from '../src/core/report-types';
import type { Logger } from '../src/core/logger';
import type { Mailer } from '../src/digest';
import type { CrawlSettings } from '../src/crawl';
import type { Store } from '../src/store';
import type { Queues } from './queues';

/** What processors need from the running app; built once per process by src/app. */
export interface JobDeps {
  store: Store;
  queues: Queues;
  mailer: Mailer;
  logger: Logger;
  reportTypes: readonly ReportType[];
  /** How portals are fetched: identity, limits, and the politeness gate every request passes. */
  crawl: Omit<CrawlSettings, 'onProgress'>;
  /** Domain used in Message-IDs, so a re-sent digest carries the same id. */
  messageIdDomain: string;
  publicUrl: string;
  /** Subscribers whose digests also list failing portals, and after how many failures a portal counts as failing. */
  admin: { emails: readonly string[]; failingAfter: number };
  /** How long an immediate digest waits for further changes before it is sent. */
  immediateDigestDelayMs: number;
}
