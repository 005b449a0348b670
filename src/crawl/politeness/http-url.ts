import { NianbaoError } from '../../core/errors';

/** Parses a URL the crawler may fetch; anything else is a caller's mistake, not a portal's. */
export function httpUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new NianbaoError('ERR_INPUT_INVALID', `不是 http(s) 地址 / not an http(s) URL: ${url}`, { details: { url } });
  }
  return parsed;
}
