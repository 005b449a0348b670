import type { Redis } from 'ioredis';
import { NianbaoError } from '../core/errors';
import { createHostLimiter, createRobotsPolicy } from '../crawl/politeness';

/** Refuses URLs that the site's robots.txt disallows for our user agent. */
export function createRobotsGate(options: { userAgent: string; timeoutSecs: number }): (url: string) => Promise<void> {
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
  };
}

/**
 * The gate every portal request passes in a worker: robots.txt first, then the per-host rate shared
 * through Redis by all workers on all machines. Built once per process, so robots.txt is cached across checks.
 */
export function createPolitenessGate(redis: Redis, options: { userAgent: string; requestsPerSecond: number; keyPrefix: string; timeoutSecs: number }): (url: string) => Promise<void> {
  const robots = createRobotsGate(options);
  const limiter = createHostLimiter(redis, { keyPrefix: `${options.keyPrefix}:rate`, requestsPerSecond: options.requestsPerSecond });
  return async (url) => {
    await robots(url);
    await limiter.acquire(url);
  };
}
