import robotsParser from 'robots-parser';
import { httpUrl } from './http-url';

export interface RobotsPolicy {
  isAllowed(url: string): Promise<boolean>;
  crawlDelaySeconds(url: string): Promise<number | null>;
}

export interface RobotsPolicyOptions {
  /** Matched against robots.txt groups by its product token (`nianbao/0.1 (+…)` → `nianbao`). */
  userAgent: string;
  /**
   * Fetches robots.txt with the crawler's own client, following redirects and with a timeout of its
   * own: while a fetch is pending, every check on that origin waits for it.
   */
  fetchRobots: (robotsUrl: string) => Promise<{ status: number; body: string } | { error: unknown }>;
  /** Shared across crawls so each origin's robots.txt is fetched once a day, not once a job. */
  cache?: Map<string, unknown>;
  /** How long a fetched robots.txt (or its absence) holds. Default 24 h, the most RFC 9309 §2.4 allows. */
  ttlMs?: number;
}

type Rules = ReturnType<typeof robotsParser>;

/** What fetching an origin's robots.txt told us. */
type Robots =
  | { kind: 'rules'; rules: Rules }
  /** 4xx: there is no robots.txt, so nothing is restricted (RFC 9309 §2.3.1.3). */
  | { kind: 'none' }
  /** 5xx, network failure or timeout: assume complete disallow (RFC 9309 §2.3.1.4). */
  | { kind: 'unreachable' };

interface CacheEntry {
  expiresAt: number;
  robots: Promise<Robots>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A portal's passing outage should hold back its crawl for minutes, not for the day a success is kept. */
const FAILURE_TTL_MS = 10 * 60 * 1000;
const UNREACHABLE: Robots = { kind: 'unreachable' };

/**
 * robots.txt by RFC 9309, one fetch per origin (scheme, host and port: the RFC's scope, so unlike the
 * host limiter `www.x` and `x` are apart). Unlike Crawlee, which treats a robots.txt it could not fetch
 * as allowing everything, an unreachable robots.txt disallows everything until it can be fetched.
 */
export function createRobotsPolicy(options: RobotsPolicyOptions): RobotsPolicy {
  const cache = options.cache ?? new Map<string, unknown>();
  const ttlMs = options.ttlMs ?? DAY_MS;
  const failureTtlMs = Math.min(FAILURE_TTL_MS, ttlMs);

  const load = async (robotsUrl: string): Promise<Robots> => {
    let response: Awaited<ReturnType<RobotsPolicyOptions['fetchRobots']>>;
    try {
      response = await options.fetchRobots(robotsUrl);
    } catch {
      return UNREACHABLE;
    }
    if ('error' in response) return UNREACHABLE;
    if (response.status >= 200 && response.status < 300) return { kind: 'rules', rules: robotsParser(robotsUrl, response.body) };
    // A 3xx reaching us is a redirect chain the fetcher gave up on; §2.3.1.2 lets us treat it as unavailable, like a 4xx.
    if (response.status >= 300 && response.status < 500) return { kind: 'none' };
    return UNREACHABLE;
  };

  const robotsFor = (url: URL): Promise<Robots> => {
    const origin = url.origin;
    const cached = cache.get(origin) as CacheEntry | undefined;
    if (cached && cached.expiresAt > Date.now()) return cached.robots;
    // Pending until the fetch settles, so concurrent checks on one origin share a single fetch.
    const entry: CacheEntry = { expiresAt: Number.POSITIVE_INFINITY, robots: Promise.resolve(UNREACHABLE) };
    entry.robots = load(new URL('/robots.txt', url).href).then((robots) => {
      if (robots.kind !== 'unreachable') {
        entry.expiresAt = Date.now() + ttlMs;
        return robots;
      }
      entry.expiresAt = Date.now() + failureTtlMs;
      // §2.4: while robots.txt is unreachable the last copy we had may still be used, so a day-old
      // copy keeps a crawl going through an outage; without one, everything is disallowed.
      return cached ? cached.robots : UNREACHABLE;
    });
    cache.set(origin, entry);
    return entry.robots;
  };

  return {
    async isAllowed(url) {
      const target = httpUrl(url);
      const robots = await robotsFor(target);
      if (robots.kind === 'none') return true;
      if (robots.kind === 'unreachable') return false;
      // robots-parser answers undefined only for a URL outside the robots.txt's origin, which robotsFor rules out.
      return robots.rules.isAllowed(target.href, options.userAgent) === true;
    },
    async crawlDelaySeconds(url) {
      const robots = await robotsFor(httpUrl(url));
      if (robots.kind !== 'rules') return null;
      const delay = robots.rules.getCrawlDelay(options.userAgent);
      return delay !== undefined && Number.isFinite(delay) && delay >= 0 ? delay : null;
    },
  };
}
