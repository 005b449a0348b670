export { parseListingPage, resolveLink, type ParsedListing } from './adapters';
