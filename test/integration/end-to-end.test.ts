import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueCheck } from '../../jobs/queues';
import type { CheckSummary } from '../../jobs/check-portal';
import { waitForJob } from '../../jobs/wait';
import { isAlive } from '../../src/app/redis-server';
import { startRuntime, type Runtime } from '../../src/app/runtime';
import { portalSchema, type Portal } from '../../src/core/portal';
import { DEMO_REVISION, startDemoPortal, type DemoPortal } from '../../src/demo';
import { testSettings } from '../support/runtime';

/**
 * The whole chain on real parts: demo portal over HTTP → BullMQ on a real redis-server the app
 * starts itself → SQLite → SMTP sink → mail parsed back. The portal moves through its timeline
 * between checks, and each step must show exactly the expected change.
 */
describe('a report travels from a portal to a subscriber', () => {
  const env = testSettings();
  let portal: DemoPortal;
  let runtime: Runtime;
  let portals: Portal[];

  const api = async (route: string) => {
    const response = await fetch(`${runtime.webUrl}${route}`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const check = async (): Promise<CheckSummary> => {
    const jobId = await enqueueCheck(runtime.queues, 'demo');
    return waitForJob<CheckSummary>(runtime.queues.check, jobId, { timeoutMs: 60_000 });
  };
  const fanOutDaily = async () => {
    const job = await runtime.queues.digest.add('digest-fan-out', { kind: 'fan-out', frequency: 'daily' });
    await waitForJob(runtime.queues.digest, job.id!, { timeoutMs: 30_000 });
    // The fan-out only enqueues; wait until the digest queue is idle (the schedulers' next ticks stay delayed).
    for (let i = 0; i < 100; i++) {
      const counts = await runtime.queues.digest.getJobCounts('waiting', 'active');
      if (counts.waiting === 0 && counts.active === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('digest queue did not drain');
  };

  beforeAll(async () => {
    portal = await startDemoPortal();
    // A schedule far in the future: the test triggers every check itself.
    portals = [portalSchema.parse({ id: 'demo', name: '演示门户', listings: [{ url: portal.listingUrl, pages: 3 }], schedule: { cron: '0 0 1 1 *' } })];
    runtime = await startRuntime({ settings: env.settings, portals, roles: { web: true, workers: true, config: true } });
  });

  afterAll(async () => {
    await runtime?.stop();
    await portal?.close();
    env.cleanup();
  });

  const published = () => portal.reports().filter((r) => r.published);

  it('finds every published report on the first check and nothing that is not a report', async () => {
    const summary = await check();
    expect(summary.failed).toEqual([]);
    expect(summary.new).toBe(published().length);
    const { body } = await api('/api/reports');
    expect(body.reports.map((r: any) => r.url).sort()).toEqual(published().map((r) => r.url).sort());
    for (const report of body.reports) {
      expect(report.versions).toHaveLength(1);
      expect(report.title).not.toMatch(/解读|政府工作报告|统计公报/);
    }
  });

  it('a second check of an unchanged portal stores nothing, though visit counters moved', async () => {
    const summary = await check();
    expect({ new: summary.new, revised: summary.revised, unchanged: summary.unchanged }).toEqual({ new: 0, revised: 0, unchanged: published().length });
  });

  it('a subscriber who joins now gets one digest naming the new report and the revision, with the changed figures', async () => {
    const { status } = await fetch(`${runtime.webUrl}/api/subscribers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Analyst@Example.com', frequency: 'daily' }),
    });
    expect(status).toBe(201);

    const before = new Set(published().map((r) => r.url));
    portal.advance();
    const newReport = published().find((r) => !before.has(r.url))!;
    expect((await check()).new).toBe(1);
    portal.advance();
    const afterRevision = await check();
    expect(afterRevision.revised).toBe(1);

    const { body } = await api('/api/reports');
    const revised = body.reports.find((r: any) => r.versions.length === 2);
    expect(revised.changes.map((c: any) => c.kind)).toEqual(['new', 'revised']);
    const diffText = revised.changes[1].textDiff.hunks.join('\n');
    for (const { before: old, after } of DEMO_REVISION) {
      expect(diffText).toContain(old);
      expect(diffText).toContain(after);
    }

    await fanOutDaily();
    const deliveries = (await api('/api/deliveries')).body.deliveries;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ email: 'analyst@example.com', status: 'sent' });

    const files = await (await import('node:fs/promises')).readdir(runtime.mailDir!);
    const mails = files.filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(runtime.mailDir!, mails[0]!)));
    expect(mail.messageId).toBe(deliveries[0].messageId);
    expect(mail.subject).toBe(deliveries[0].subject);
    expect(mail.text).toContain(newReport.title);
    expect(mail.text).toContain(revised.title);
    expect(mail.text).toMatch(/3\s*期?\s*→\s*4/);

    const page = await (await fetch(`${runtime.webUrl}/reports/${revised.id}`)).text();
    expect(page).toContain('<span class="del">-');
    expect(page).toMatch(/<span class="add">\+[^<]*开展4期/);
    expect(page).toMatch(/<td>3期<\/td><td>4期<\/td>/);
    expect((await fetch(`${runtime.webUrl}/reports/999999`)).status).toBe(404);

    // Exactly the planted changes: an Arabic count, a Chinese numeral, a rate.
    const figureChanges = revised.changes[1].figureChanges as Array<{ oldValue: number; newValue: number }>;
    expect(figureChanges.map((f) => [f.oldValue, f.newValue]).sort((a, b) => a[0]! - b[0]!)).toEqual([[3, 4], [6, 7], [98.7, 94.9]]);
  });

  it('a repeated digest tick for the same period sends nothing twice', async () => {
    await fanOutDaily();
    await fanOutDaily();
    expect((await api('/api/deliveries')).body.deliveries).toHaveLength(1);
    const files = (await (await import('node:fs/promises')).readdir(runtime.mailDir!)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
  });

  it('reports health and job status', async () => {
    const health = await api('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', redis: { ok: true }, database: { ok: true, engine: 'sqlite' } });
    const jobs = (await api('/api/jobs')).body;
    const checkQueue = jobs.queues.find((q: any) => q.name === 'check');
    expect(checkQueue.counts.completed).toBe(4);
    expect(jobs.portals[0]).toMatchObject({ id: 'demo', consecutiveFailures: 0, failing: false });
  });

  it('tells who has published: the 2023 law-based-government report is there, the disclosure report is not', async () => {
    const { body } = await api('/api/coverage?year=2023');
    expect(body.coverage.map((c: any) => [c.type, c.status, c.deadline])).toEqual([
      ['law-based-government', 'published', '2024-03-31'],
      ['gov-info-disclosure', 'overdue', '2024-01-31'],
    ]);
    expect(published().map((r) => r.url)).toContain(body.coverage[0].report.url);
  });

  it('after a restart on the same data folder, the data is there and nothing is sent again', async () => {
    const ownRedisPid = Number(JSON.parse(await readFile(path.join(env.dataDir, 'redis', 'server.json'), 'utf8')).pid);
    await runtime.stop();
    expect(isAlive(ownRedisPid)).toBe(false);
    runtime = await startRuntime({ settings: env.settings, portals, roles: { web: true, workers: true, config: true } });
    expect((await api('/api/reports')).body.reports).toHaveLength(published().length);
    const summary = await check();
    expect(summary.unchanged).toBe(published().length);
    await fanOutDaily();
    expect((await api('/api/deliveries')).body.deliveries).toHaveLength(1);
  });
});
