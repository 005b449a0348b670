export { crawlPortal, type CrawlSettings } from './crawl-portal';
export type { CrawlOutcome, CrawlPlan, FetchedReport, Validators } from './session';
export { parseListingPage, resolveLink } from './listing';
export { detectChallenge } from './challenge';
export { errorForFailure, errorForStatus } from './failures';
