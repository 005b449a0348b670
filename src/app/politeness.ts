import type { Redis } from 'ioredis';
import { NianbaoError } from '../core/errors';
import { createHostLimiter, createRobotsPolicy, type HostLimiter, type RobotsPolicy } from '../crawl/politeness';

/** Some robots.txt files ask for absurd delays (a day); past this the site is simply read slowly. */
const MAX_CRAWL_DELAY_SECONDS = 60;

/**
 * robots.txt for our user agent. When robots.txt itself could not be read (the site is down or
 * erroring), nothing may be fetched (RFC 9309), but the error says so and can be retried: it is
 * an outage, not a refusal.
 */
function robotsChecker(options: { userAgent: string; timeoutSecs: number }): { policy: RobotsPolicy; check: (url: string) => Promise<void> } {
  const unreadable = new Map<string, string>();
  const policy = createRobotsPolicy({
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
  const check = async (url: string) => {
    if (await policy.isAllowed(url)) return;
    const outage = unreadable.get(new URL(url).origin);
    if (outage) {
      throw new NianbaoError('ERR_CRAWL_NETWORK', `网站无法访问（robots.txt 读取失败：${outage}）/ site unreachable (robots.txt: ${outage}): ${url}`, { details: { url, reason: outage } });
    }
    throw new NianbaoError('ERR_CRAWL_ROBOTS', `robots.txt 不允许抓取 / disallowed by robots.txt: ${url}`, { details: { url } });
  };
  return { policy, check };
}

/** Refuses URLs that the site's robots.txt disallows for our user agent (a one-off dry run needs no shared pace). */
export function createRobotsGate(options: { userAgent: string; timeoutSecs: number }): (url: string) => Promise<void> {
  return robotsChecker(options).check;
}

/**
 * The gate every portal request passes in a worker: robots.txt first, then the per-host rate shared
 * through Redis by all workers on all machines, slowed to the site's Crawl-delay when it asks for one.
 * Built once per process, so robots.txt is cached across checks.
 */
export function createPolitenessGate(redis: Redis, options: { userAgent: string; requestsPerSecond: number; keyPrefix: string; timeoutSecs: number }): (url: string) => Promise<void> {
  const { policy, check } = robotsChecker(options);
  const limiters = new Map<number, HostLimiter>();
  // Each pace has its own Redis keys: every process reads the same robots.txt, so all agree on the pace of a host.
  const limiterAt = (requestsPerSecond: number) => {
    let limiter = limiters.get(requestsPerSecond);
    if (!limiter) {
      limiter = createHostLimiter(redis, { keyPrefix: `${options.keyPrefix}:rate:${requestsPerSecond}`, requestsPerSecond });
      limiters.set(requestsPerSecond, limiter);
    }
    return limiter;
  };
  return async (url) => {
    await check(url);
    const delay = await policy.crawlDelaySeconds(url);
    const rate = delay ? Math.min(options.requestsPerSecond, 1 / Math.min(delay, MAX_CRAWL_DELAY_SECONDS)) : options.requestsPerSecond;
    await limiterAt(rate).acquire(url);
  };
}
