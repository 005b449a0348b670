import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlPortal, crawlWithFallback, modesToTry, type CrawlPlan } from '../../src/crawl';
import { classifyTitle } from '../../src/extract';
import { startChallengePortal, type ChallengePortal } from '../support/challenge-portal';

const plan = (portal: ChallengePortal): CrawlPlan => ({
  listings: [{ url: portal.listingUrl, pages: 1 }],
  isReport: (link) => classifyTitle(link.title) !== null,
  known: new Set(),
  recheck: [],
  validators: new Map(),
});
const settings = { userAgent: 'nianbao-test (+http://127.0.0.1/)', timeoutSecs: 20 };

describe('a portal behind a 412 cookie challenge with a script-rendered listing', () => {
  let portal: ChallengePortal;
  beforeAll(async () => {
    portal = await startChallengePortal();
  });
  afterAll(() => portal?.close());

  it('plain HTTP reports the block clearly and stores nothing from the challenge page', async () => {
    const outcome = await crawlPortal(plan(portal), 'http', settings);
    expect(outcome.listingPagesFetched).toBe(0);
    expect(outcome.reports).toEqual([]);
    expect(outcome.listingErrors.map((e) => e.code)).toEqual(['ERR_CRAWL_BLOCKED']);
    expect(outcome.listingErrors[0]!.message).toContain('HTTP 412');
    expect(outcome.needsBrowser).toMatch(/bot challenge/);
  });

  it('the browser gets past the challenge, renders the listing and fetches exactly the reports', async () => {
    const outcome = await crawlPortal(plan(portal), 'browser', settings);
    expect(outcome.listingErrors).toEqual([]);
    expect(outcome.needsBrowser).toBeNull();
    expect(outcome.reports.map((r) => r.link.url).sort()).toEqual([...portal.reportUrls].sort());
    for (const report of outcome.reports) {
      expect(report.error).toBeUndefined();
      const html = report.page!.body.toString('utf8');
      expect(html).not.toContain('__jsl_clearance');
      expect(html).toContain('法治政府建设');
    }
    expect(portal.requests.some((r) => r.status === 412)).toBe(true);
  });

  it('auto mode tries plain HTTP, meets the challenge, and gets through with the browser', async () => {
    const tried: string[] = [];
    const outcome = await crawlWithFallback(plan(portal), modesToTry('auto', null), settings, async (mode) => void tried.push(mode));
    expect(tried).toEqual(['http', 'browser']);
    expect(outcome.mode).toBe('browser');
    expect(outcome.reports.map((r) => r.link.url).sort()).toEqual([...portal.reportUrls].sort());
    // A portal that needed the browser starts with it next time.
    expect(modesToTry('auto', 'browser')).toEqual(['browser']);
  });
});

/** Listening TCP sockets of a process, from /proc: local address and port. */
function listeningSockets(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // fd closed meanwhile
    }
  }
  const found: string[] = [];
  for (const file of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${file}`, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && inodes.has(cols[9]!)) found.push(`${file}:${cols[1]}`);
    }
  }
  return found;
}

describe('a worker process that loaded the browser crawler', () => {
  it('listens on loopback only (Crawlee would open a proxy on every interface)', async () => {
    const script = `await import(${JSON.stringify(path.resolve('src/crawl/browser/browser-backend.ts'))}); await import('@crawlee/playwright'); await new Promise((r) => setTimeout(r, 500)); process.stdout.write('ready'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      const sockets = listeningSockets(child.pid!);
      expect(sockets.length).toBeGreaterThan(0);
      // /proc/net/tcp addresses are hex, little-endian: 0100007F is 127.0.0.1; tcp6 loopback ends in 01000000.
      for (const socket of sockets) expect(socket).toMatch(/^tcp:0100007F:|^tcp6:00000000000000000000000001000000:/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

it('Debian chromium is installed where browser mode expects it', () => {
  expect(execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' })).toMatch(/Chromium \d+/);
});
