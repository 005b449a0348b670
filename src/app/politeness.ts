import type { Redis } from 'ioredis';
import { NianbaoError } from '../core/errors';
import { createHostLimiter, createRobotsPolicy } from '../crawl/politeness';

/**
 * The gate every portal request passes: robots.txt first, then the per-host rate shared through
 * Redis by all workers on all machines.
 */
export function createPolitenessGate(redis: Redis, options: { userAgent: string; requestsPerSecond: number; keyPrefix: string; timeoutSecs: number }): (url: string) => Promise<void> {
  const limiter = createHostLimiter(redis, { keyPrefix: `${options.keyPrefix}:rate`, requestsPerSecond: options.requestsPerSecond });
  const robots = createRobotsPolicy({
    userAgent: options.userAgent,
    fetchRobots: async (robotsUrl) => {
      try {
        const response = await fetch(robotsUrl, { headers: { 'user-agent': options.userAgent }, signal: AbortSignal.timeout(options.timeoutSecs * 1000) });
        return { status: response.status, body: response.ok ? await response.text() : '' };
      } catch (error) {
        return { error };
      }
    },
  });
  return async (url) => {
    if (!(await robots.isAllowed(url))) {
      throw new NianbaoError('ERR_CRAWL_ROBOTS', `robots.txt 不允许抓取 / disallowed by robots.txt: ${url}`, { details: { url } });
    }
    await limiter.acquire(url);
  };
}
