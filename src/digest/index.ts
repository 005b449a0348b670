export { composeDigest, type ComposedDigest, type DigestInput, type DigestItem, type Locale, type PortalAlert } from './compose';
export { digestPeriod, type DigestFrequency, type DigestPeriod } from './period';
