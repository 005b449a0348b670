import type { BrowserSettings } from './browser/browser-backend';
import { runHttpCrawl } from './http-backend';
import { CrawlSession, type CrawlOutcome, type CrawlPlan } from './session';

export interface CrawlSettings {
  userAgent: string;
  timeoutSecs?: number;
  maxBytes?: number;
  maxConcurrency?: number;
  chromiumPath?: string;
  beforeRequest?: (url: string) => Promise<void>;
  /** Called after each report request settles. */
  onProgress?: (done: number, queued: number) => void;
}

export type FetchMode = 'http' | 'browser' | 'auto';

/** auto: plain HTTP first, the browser when HTTP met a challenge or a script-rendered listing; a portal that needed the browser starts with it. */
export function modesToTry(fetchMode: FetchMode, lastWorked: string | null): Array<'http' | 'browser'> {
  if (fetchMode !== 'auto') return [fetchMode];
  return lastWorked === 'browser' ? ['browser'] : ['http', 'browser'];
}

/** Crawls with each mode in turn until one needs no browser it did not have. */
export async function crawlWithFallback(plan: CrawlPlan, modes: ReadonlyArray<'http' | 'browser'>, settings: CrawlSettings, onMode?: (mode: 'http' | 'browser') => Promise<void>): Promise<CrawlOutcome> {
  let outcome: CrawlOutcome | null = null;
  for (const mode of modes) {
    await onMode?.(mode);
    outcome = await crawlPortal(plan, mode, settings);
    if (!outcome.needsBrowser) break;
  }
  if (!outcome) throw new Error('no fetch mode to try');
  return outcome;
}

/**
 * Walks a portal's listings and fetches the reports they link to, with plain HTTP or a browser.
 * Returns data only; storing and extracting is the caller's business.
 */
export async function crawlPortal(plan: CrawlPlan, mode: 'http' | 'browser', settings: CrawlSettings): Promise<CrawlOutcome> {
  const session = new CrawlSession(plan, mode, settings.onProgress);
  const backend: BrowserSettings = {
    userAgent: settings.userAgent,
    timeoutSecs: settings.timeoutSecs ?? 30,
    maxBytes: settings.maxBytes ?? 10 * 1024 * 1024,
    maxConcurrency: settings.maxConcurrency ?? 2,
    chromiumPath: settings.chromiumPath ?? '/usr/bin/chromium',
    ...(settings.beforeRequest ? { beforeRequest: settings.beforeRequest } : {}),
  };
  if (mode === 'browser') {
    const { runBrowserCrawl } = await import('./browser/browser-backend');
    await runBrowserCrawl(session, backend);
  } else {
    await runHttpCrawl(session, backend);
  }
  return session.outcome;
}
