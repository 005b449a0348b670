export { crawlPortal, crawlWithFallback, modesToTry, type CrawlSettings, type FetchMode } from './crawl-portal';
export { discoverListing, type Discovery } from './discover';
export type { CrawlOutcome, CrawlPlan, FetchedReport, Validators } from './session';
export { ADAPTERS, detectAdapter, resolveLink, type AdapterId } from './adapters';
export { detectChallenge } from './challenge';
export { errorForFailure, errorForStatus } from './failures';
export { reportKey } from './report-url';
