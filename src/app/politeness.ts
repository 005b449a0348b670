import type { Redis } from 'ioredis';
import { NianbaoError } from '../core/errors';
import { createHostLimiter, createRobotsPolicy } from '../crawl/politeness';

/**
 * Refuses URLs that the site's robots.txt disallows for our user agent. When robots.txt itself
 * could not be read (the site is down or erroring), nothing may be fetched (RFC 9309), but the
 * error says so and can be retried: it is an outage, not a refusal.
 */
export function createRobotsGate(options: { userAgent: string; timeoutSecs: number }): (url: string) => Promise<void> {
  const unreadable = new Map<string, string>();
  const robots = createRobotsPolicy({
    userAgent: options.userAgent,
    fetchRobots: async (robotsUrl) => {
      const origin = new URL(robotsUrl).origin;
      try {
        const response = await fetch(robotsUrl, { headers: { 'user-agent': options.userAgent }, signal: AbortSignal.timeout(options.timeoutSecs * 1000) });
        if (response.status >= 500) unreadable.set(origin, `HTTP ${response.status}`);
        else unreadable.delete(origin);
        return { status: response.status, body: response.ok ? await response.text() : '' };
      } catch (error) {
        unreadable.set(origin, (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : String(error));
        return { error };
      }
    },
  });
  return async (url) => {
    if (await robots.isAllowed(url)) return;
    const outage = unreadable.get(new URL(url).origin);
    if (outage) {
      throw new NianbaoError('ERR_CRAWL_NETWORK', `网站无法访问（robots.txt 读取失败：${outage}）/ site unreachable (robots.txt: ${outage}): ${url}`, { details: { url, reason: outage } });
    }
    throw new NianbaoError('ERR_CRAWL_ROBOTS', `robots.txt 不允许抓取 / disallowed by robots.txt: ${url}`, { details: { url } });
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
