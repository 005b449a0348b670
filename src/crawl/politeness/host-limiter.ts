import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { NianbaoError } from '../../core/errors';
import { httpUrl } from './http-url';

export interface HostLimiter {
  /** Resolves when this process may send one request to the URL's host; waits (never rejects for pacing) for its turn across all processes sharing the Redis. */
  acquire(url: string, signal?: AbortSignal): Promise<void>;
}

export interface HostLimiterOptions {
  keyPrefix: string;
  /** Default 1. */
  requestsPerSecond?: number;
  /**
   * Hostname → requests per second, for portals known to take more (or less) than the default.
   * Windows are fixed: at 4/s, four requests may go together at the start of each second.
   */
  perHost?: Record<string, number>;
}

/**
 * The key a request is counted under. Gov portals serve `www.x.gov.cn` and `x.gov.cn` from the same
 * server (one is a DNS alias of the other, and listings link to both), so they share one budget:
 * counting them apart would let us hit that server twice as often as we mean to. Other subdomains
 * stay apart — `a.x.gov.cn` and `b.x.gov.cn` are usually different bureaus on different machines.
 */
function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

/**
 * rate-limiter-flexible's Redis backend counts in windows of whole seconds (the key's EX), so a rate
 * that does not fit one is rounded toward slower: never faster than asked.
 */
function windowFor(requestsPerSecond: number, field: string): { points: number; duration: number } {
  if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
    throw new NianbaoError('ERR_CONFIG_INVALID', `${field} 须为正数 / must be a positive number of requests per second, got ${requestsPerSecond}`, {
      details: { field, value: requestsPerSecond },
    });
  }
  return requestsPerSecond >= 1 ? { points: Math.floor(requestsPerSecond), duration: 1 } : { points: 1, duration: Math.ceil(1 / requestsPerSecond) };
}

/** Like fetch: an abort rejects with the signal's reason (an AbortError unless the caller gave another). */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

/**
 * Paces requests per host across every worker and process sharing the Redis. Each host's counter is
 * one Redis key that rate-limiter-flexible updates atomically (a Lua script), so two machines cannot
 * both take the last point of a window. There is no in-memory fallback when Redis fails: the error
 * reaches the caller and the request is retried later, rather than crawling without coordination.
 */
export function createHostLimiter(redis: Redis, options: HostLimiterOptions): HostLimiter {
  const keyPrefix = `${options.keyPrefix}:host-limit`;
  const limiterFor = (requestsPerSecond: number, field: string) => {
    const window = windowFor(requestsPerSecond, field);
    return { limiter: new RateLimiterRedis({ storeClient: redis, keyPrefix, ...window }), windowMs: window.duration * 1000 };
  };
  const fallback = limiterFor(options.requestsPerSecond ?? 1, 'requestsPerSecond');
  const rates = new Map<string, number>();
  for (const [host, requestsPerSecond] of Object.entries(options.perHost ?? {})) {
    const key = hostKey(host);
    // `www.x` and `x` given apart are one server: the politer of the two rates wins.
    rates.set(key, Math.min(requestsPerSecond, rates.get(key) ?? Number.POSITIVE_INFINITY));
  }
  const overrides = new Map([...rates].map(([host, requestsPerSecond]) => [host, limiterFor(requestsPerSecond, `perHost["${host}"]`)]));

  return {
    async acquire(url, signal) {
      const host = hostKey(httpUrl(url).hostname);
      const { limiter, windowMs } = overrides.get(host) ?? fallback;
      for (;;) {
        signal?.throwIfAborted();
        try {
          await limiter.consume(host);
          return;
        } catch (rejection) {
          // A RateLimiterRes means "no point left"; anything else is a Redis failure for the caller.
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          // msBeforeNext is the key's remaining TTL; clamped so a stray value can neither spin nor
          // sleep past the window. Whoever wakes first after it takes the next point, so waiters
          // across processes simply retry.
          await pause(Math.min(Math.max(rejection.msBeforeNext, 1), windowMs), signal);
        }
      }
    },
  };
}
