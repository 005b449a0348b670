import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRobotsPolicy, type RobotsPolicyOptions } from '../../src/crawl/politeness';

const ROBOTS = `# 某市人民政府门户网站
User-agent: *
Disallow: /private/
Crawl-delay: 2

User-agent: nianbao
Disallow: /zwgk/internal/
Allow: /zwgk/internal/public.html
Crawl-delay: 5
`;
const UA = 'nianbao/0.1.0 (+https://github.com/nianbao/nianbao)';
const MINUTE = 60 * 1000;

type Answer = Awaited<ReturnType<RobotsPolicyOptions['fetchRobots']>>;

/** A fetcher that answers from a list (the last answer repeats) and records what it was asked. */
function fetcher(...answers: Array<Answer | Error>) {
  const calls: string[] = [];
  const fetchRobots = async (robotsUrl: string): Promise<Answer> => {
    const answer = answers[Math.min(calls.length, answers.length - 1)]!;
    calls.push(robotsUrl);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, fetchRobots };
}

describe('robots.txt policy', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows the group for our product token and ignores * when we have one', async () => {
    const { fetchRobots } = fetcher({ status: 200, body: ROBOTS });
    const ours = createRobotsPolicy({ userAgent: UA, fetchRobots });
    expect(await ours.isAllowed('https://www.zj.gov.cn/zwgk/internal/a.html')).toBe(false);
    expect(await ours.isAllowed('https://www.zj.gov.cn/zwgk/internal/public.html')).toBe(true);
    expect(await ours.isAllowed('https://www.zj.gov.cn/private/report.html')).toBe(true);
    expect(await ours.crawlDelaySeconds('https://www.zj.gov.cn/')).toBe(5);

    const other = createRobotsPolicy({ userAgent: 'otherbot/2.0', fetchRobots });
    expect(await other.isAllowed('https://www.zj.gov.cn/private/report.html')).toBe(false);
    expect(await other.isAllowed('https://www.zj.gov.cn/zwgk/internal/a.html')).toBe(true);
    expect(await other.crawlDelaySeconds('https://www.zj.gov.cn/')).toBe(2);
  });

  it('has no crawl delay when robots.txt sets none', async () => {
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher({ status: 200, body: 'User-agent: *\nDisallow: /tmp/\n' }).fetchRobots });
    expect(await policy.crawlDelaySeconds('http://www.gd.gov.cn/')).toBeNull();
    expect(await policy.isAllowed('http://www.gd.gov.cn/tmp/x')).toBe(false);
  });

  it('allows everything when robots.txt is missing (404) or redirects past what the fetcher follows', async () => {
    for (const status of [404, 403, 301]) {
      const policy = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher({ status, body: 'User-agent: *\nDisallow: /\n' }).fetchRobots });
      expect(await policy.isAllowed('https://www.hn.gov.cn/zwgk/2024/report.html'), `HTTP ${status}`).toBe(true);
      expect(await policy.crawlDelaySeconds('https://www.hn.gov.cn/')).toBeNull();
    }
  });

  it('disallows everything when robots.txt answers 5xx', async () => {
    for (const status of [500, 503]) {
      const policy = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher({ status, body: '' }).fetchRobots });
      expect(await policy.isAllowed('https://www.hn.gov.cn/zwgk/2024/report.html'), `HTTP ${status}`).toBe(false);
    }
  });

  it('disallows everything when robots.txt cannot be fetched (reported or thrown)', async () => {
    const reported = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher({ error: new Error('ETIMEDOUT') }).fetchRobots });
    expect(await reported.isAllowed('https://www.hn.gov.cn/')).toBe(false);
    const thrown = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher(new Error('ECONNRESET')).fetchRobots });
    expect(await thrown.isAllowed('https://www.hn.gov.cn/')).toBe(false);
  });

  it('fetches each origin once, even for concurrent checks, and keeps origins apart', async () => {
    const { calls, fetchRobots } = fetcher({ status: 200, body: ROBOTS });
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots });
    await Promise.all([policy.isAllowed('https://www.zj.gov.cn/a.html'), policy.isAllowed('https://www.zj.gov.cn/b/c.html')]);
    await policy.crawlDelaySeconds('https://www.zj.gov.cn/d.html');
    expect(calls).toEqual(['https://www.zj.gov.cn/robots.txt']);
    await policy.isAllowed('https://zj.gov.cn/a.html');
    await policy.isAllowed('http://www.zj.gov.cn/a.html');
    expect(calls).toEqual(['https://www.zj.gov.cn/robots.txt', 'https://zj.gov.cn/robots.txt', 'http://www.zj.gov.cn/robots.txt']);
  });

  it('shares a cache passed in between policies', async () => {
    const cache = new Map<string, unknown>();
    const { calls, fetchRobots } = fetcher({ status: 200, body: ROBOTS });
    await createRobotsPolicy({ userAgent: UA, fetchRobots, cache }).isAllowed('https://www.zj.gov.cn/a.html');
    expect(await createRobotsPolicy({ userAgent: UA, fetchRobots, cache }).isAllowed('https://www.zj.gov.cn/zwgk/internal/a.html')).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('keeps a fetched robots.txt for the ttl (24 h by default)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T08:00:00+08:00'));
    const { calls, fetchRobots } = fetcher({ status: 200, body: ROBOTS });
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots });
    await policy.isAllowed('https://www.zj.gov.cn/');
    vi.setSystemTime(new Date('2025-03-02T07:59:00+08:00'));
    await policy.isAllowed('https://www.zj.gov.cn/');
    expect(calls).toHaveLength(1);
    vi.setSystemTime(new Date('2025-03-02T08:01:00+08:00'));
    await policy.isAllowed('https://www.zj.gov.cn/');
    expect(calls).toHaveLength(2);
  });

  it('keeps a failure only briefly, so an outage does not block the day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2025-03-01T08:00:00+08:00').getTime();
    vi.setSystemTime(start);
    const { calls, fetchRobots } = fetcher({ status: 502, body: '' }, { status: 200, body: ROBOTS });
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots });
    expect(await policy.isAllowed('https://www.zj.gov.cn/zwgk/2024/report.html')).toBe(false);
    vi.setSystemTime(start + 9 * MINUTE);
    expect(await policy.isAllowed('https://www.zj.gov.cn/zwgk/2024/report.html')).toBe(false);
    expect(calls).toHaveLength(1);
    vi.setSystemTime(start + 11 * MINUTE);
    expect(await policy.isAllowed('https://www.zj.gov.cn/zwgk/2024/report.html')).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('keeps using the last robots.txt while a refresh finds it unreachable, and tries again soon', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2025-03-01T08:00:00+08:00').getTime();
    vi.setSystemTime(start);
    const { calls, fetchRobots } = fetcher({ status: 200, body: ROBOTS }, { status: 503, body: '' });
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots, ttlMs: 60 * MINUTE });
    await policy.isAllowed('https://www.zj.gov.cn/');
    vi.setSystemTime(start + 61 * MINUTE);
    expect(await policy.isAllowed('https://www.zj.gov.cn/zwgk/2024/report.html')).toBe(true);
    expect(await policy.isAllowed('https://www.zj.gov.cn/zwgk/internal/a.html')).toBe(false);
    expect(await policy.crawlDelaySeconds('https://www.zj.gov.cn/')).toBe(5);
    expect(calls).toHaveLength(2);
    vi.setSystemTime(start + 72 * MINUTE);
    await policy.isAllowed('https://www.zj.gov.cn/');
    expect(calls).toHaveLength(3);
  });

  it('refuses a URL that is not http(s)', async () => {
    const policy = createRobotsPolicy({ userAgent: UA, fetchRobots: fetcher({ status: 200, body: '' }).fetchRobots });
    await expect(policy.isAllowed('javascript:void(0)')).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' });
  });
});
