import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnRedis, type OwnRedis } from '../../src/app/redis-server';
import { createHostLimiter, type HostLimiter } from '../../src/crawl/politeness';
import { testSettings } from '../support/runtime';

/**
 * Two limiter instances on two Redis connections stand for two worker processes on two machines.
 * Spacing is measured from the moments acquire() resolves, never assumed from sleeps.
 */
describe('host limiter on a shared Redis', () => {
  const env = testSettings();
  let server: OwnRedis;
  const clients: Redis[] = [];

  const connect = async (): Promise<Redis> => {
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    clients.push(client);
    return client;
  };
  /** Two "processes" configured alike, under a prefix of their own so tests do not share windows. */
  const twoProcesses = async (options: { requestsPerSecond?: number; perHost?: Record<string, number> } = {}) => {
    const keyPrefix = `test-${randomUUID().slice(0, 8)}`;
    return { keyPrefix, a: createHostLimiter(await connect(), { keyPrefix, ...options }), b: createHostLimiter(await connect(), { keyPrefix, ...options }) };
  };
  /** Starts every acquisition at once and returns the grant times, in ms since the start, sorted. */
  const grantTimes = async (calls: Array<[HostLimiter, string]>): Promise<number[]> => {
    const started = performance.now();
    const times = await Promise.all(calls.map(async ([limiter, url]) => (await limiter.acquire(url), performance.now() - started)));
    return times.sort((x, y) => x - y);
  };
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  beforeAll(async () => {
    server = await startOwnRedis(env.dataDir);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await server?.stop();
    env.cleanup();
  });

  it('spaces one host’s requests ≥ 1 s apart across two processes, without wasting windows', async () => {
    const { a, b } = await twoProcesses();
    const url = 'https://www.portal-a.gov.cn/col/col123/index.html';
    const times = await grantTimes([a, b, a, b, a, b].map((limiter) => [limiter, url]));
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(900);
    // Six grants at 1/s need five windows; each waiter wakes when a window ends, so none is skipped.
    expect(times[5]).toBeLessThan(6_500);
  });

  it('does not slow a second host while the first is waiting', async () => {
    const { a, b } = await twoProcesses();
    await a.acquire('https://portal-a.gov.cn/');
    const started = performance.now();
    const grantedAt = (acquisition: Promise<void>) => acquisition.then(() => performance.now() - started);
    const [busy, other] = await Promise.all([grantedAt(b.acquire('https://portal-a.gov.cn/next')), grantedAt(b.acquire('https://portal-b.gov.cn/'))]);
    expect(busy).toBeGreaterThanOrEqual(800);
    expect(other).toBeLessThan(300);
  });

  it('counts www.x and x as one host, but other subdomains apart', async () => {
    const { a, b } = await twoProcesses();
    const started = performance.now();
    await a.acquire('http://stats.gov.cn/tjsj/');
    await b.acquire('https://WWW.STATS.GOV.CN/xxgk/');
    const wwwAt = performance.now() - started;
    await a.acquire('https://data.stats.gov.cn/');
    const subdomainAt = performance.now() - started;
    expect(wwwAt).toBeGreaterThanOrEqual(900);
    expect(subdomainAt - wwwAt).toBeLessThan(300);
  });

  it('lets a per-host override of 4/s through four at a time, and no more than four a second', async () => {
    const { a, b } = await twoProcesses({ perHost: { 'www.fast.gov.cn': 4 } });
    const url = 'https://fast.gov.cn/zwgk/';
    const times = await grantTimes([a, b, a, b, a, b, a, b].map((limiter) => [limiter, url]));
    // At the default 1/s the fourth grant would come after ≥ 3 s.
    expect(times[3]).toBeLessThan(500);
    for (let i = 0; i + 4 < times.length; i++) expect(times[i + 4]! - times[i]!).toBeGreaterThanOrEqual(900);
    expect(times[7]).toBeLessThan(2_500);
  });

  it('rounds a rate below 1/s to a whole-second window, toward slower', async () => {
    const { keyPrefix, a } = await twoProcesses({ requestsPerSecond: 0.4 });
    await a.acquire('https://slow.gov.cn/');
    // 0.4/s is one request per 2.5 s; Redis windows here are whole seconds, so it becomes one per 3 s.
    const ttl = await clients[0]!.pttl(`${keyPrefix}:host-limit:slow.gov.cn`);
    expect(ttl).toBeGreaterThan(2_500);
    expect(ttl).toBeLessThanOrEqual(3_000);
  });

  it('rejects promptly with an AbortError when the signal aborts while waiting', async () => {
    const { a, b } = await twoProcesses();
    await a.acquire('https://abort.gov.cn/');
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    await expect(b.acquire('https://abort.gov.cn/next', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('takes no point for an already aborted signal', async () => {
    const { a } = await twoProcesses();
    await expect(a.acquire('https://untouched.gov.cn/', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    const started = performance.now();
    await a.acquire('https://untouched.gov.cn/');
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('refuses a rate that is not a positive number, and a URL that is not http(s)', async () => {
    const redis = await connect();
    expect(() => createHostLimiter(redis, { keyPrefix: 'x', requestsPerSecond: 0 })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => createHostLimiter(redis, { keyPrefix: 'x', perHost: { 'a.gov.cn': Number.NaN } })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    await expect(createHostLimiter(redis, { keyPrefix: 'x' }).acquire('ftp://a.gov.cn/')).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' });
  });
});
