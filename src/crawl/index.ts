export { crawlPortal, type CrawlOutcome, type CrawlPlan, type CrawlSettings, type FetchedReport } from './crawl-portal';
export { parseListingPage, resolveLink, type ParsedListing } from './listing';
export { errorForFailure, errorForStatus } from './failures';
