import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../../jobs/wait';
import { startRuntime, type Runtime } from '../../src/app/runtime';
import { portalSchema } from '../../src/core/portal';
import { testSettings } from '../support/runtime';

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a portal that keeps failing', () => {
  const env = testSettings({ ADMIN_EMAILS: 'Ops@Example.com', FAILING_AFTER: '2' });
  let runtime: Runtime;
  const wait = <T>(queue: Runtime['queues']['check' | 'digest'], id: string) =>
    waitForJob<T>(queue, id, { timeoutMs: 30_000 });

  beforeAll(async () => {
    const port = await closedPort();
    const portals = [portalSchema.parse({ id: 'down', name: '停机的区政府网站', listings: [{ url: `http://127.0.0.1:${port}/col/index.shtml` }], fetchMode: 'http', schedule: { cron: '0 0 1 1 *' } })];
    runtime = await startRuntime({ settings: env.settings, portals, roles: { web: true, workers: true, config: true } });
    await runtime.store.subscribers.subscribe({ email: 'ops@example.com', frequency: 'daily', locale: 'zh-CN' }, 0);
    await runtime.store.subscribers.subscribe({ email: 'reader@example.com', frequency: 'daily', locale: 'zh-CN' }, 0);
  });
  afterAll(async () => {
    await runtime?.stop();
    env.cleanup();
  });

  it('counts consecutive failures with the error, and shows as failing in job status after FAILING_AFTER', async () => {
    for (let attempt = 1; attempt <= 2; attempt++) {
      // One attempt per job here: the queue's own retries would wait minutes of backoff.
      const job = await runtime.queues.check.add('check-portal', { portalId: 'down', trigger: 'manual' }, { attempts: 1 });
      await expect(wait(runtime.queues.check, job.id!)).rejects.toThrow(/ERR_CRAWL_NETWORK/);
      const status = await runtime.store.portals.get('down');
      expect(status).toMatchObject({ consecutiveFailures: attempt, lastSuccessAt: null });
      expect(status!.lastError).toMatch(/site unreachable .*ECONNREFUSED/);
    }
    const jobs = (await (await fetch(`${runtime.webUrl}/api/jobs`)).json()) as { portals: Array<{ id: string; failing: boolean }>; queues: Array<{ name: string; recentFailures: Array<{ reason: string }> }> };
    expect(jobs.portals).toEqual([expect.objectContaining({ id: 'down', failing: true })]);
    expect(jobs.queues.find((q) => q.name === 'check')!.recentFailures[0]!.reason).toMatch(/ERR_CRAWL_NETWORK/);
  });

  it("the admin's digest names the failing portal; other subscribers get nothing when nothing is new", async () => {
    const tick = await runtime.queues.digest.add('digest-fan-out', { kind: 'fan-out', frequency: 'daily' });
    await wait(runtime.queues.digest, tick.id!);
    for (let i = 0; i < 100; i++) {
      const counts = await runtime.queues.digest.getJobCounts('waiting', 'active');
      if (!counts.waiting && !counts.active) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const deliveries = await runtime.store.deliveries.list();
    expect(deliveries.map((d) => [d.email, d.status])).toEqual([['ops@example.com', 'sent']]);
    const files = (await readdir(runtime.mailDir!)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(runtime.mailDir!, files[0]!)));
    expect(mail.text).toContain('停机的区政府网站');
  });

  it('a success resets the count', async () => {
    await runtime.store.portals.recordSuccess('down', 'http');
    expect(await runtime.store.portals.get('down')).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });
});
