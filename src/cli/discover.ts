import { createRobotsGate } from '../app/politeness';
import { DEFAULT_REPORT_TYPES } from '../core/report-types';
import { userAgentFor, type Settings } from '../core/settings';
import { discoverListing, type Discovery, type FetchMode } from '../crawl';

/** `nianbao discover`: one person's dry run, so one request at a time and robots.txt honoured; no Redis needed. */
export function runDiscover(input: { url: string; mode: FetchMode; pages: number }, settings: Settings): Promise<Discovery> {
  const userAgent = userAgentFor(settings);
  return discoverListing(input.url, { mode: input.mode, pages: input.pages, reportTypes: DEFAULT_REPORT_TYPES }, {
    userAgent,
    timeoutSecs: settings.crawlTimeoutSeconds,
    maxBytes: settings.crawlMaxBytes,
    maxConcurrency: 1,
    chromiumPath: settings.chromiumPath,
    beforeRequest: createRobotsGate({ userAgent, timeoutSecs: settings.crawlTimeoutSeconds }),
  });
}
