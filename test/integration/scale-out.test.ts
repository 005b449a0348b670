import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckSummary } from '../../jobs/check-portal';
import { enqueueCheck } from '../../jobs/queues';
import { waitForJob } from '../../jobs/wait';
import { startRuntime, type Runtime } from '../../src/app/runtime';
import { portalSchema } from '../../src/core/portal';
import { startDemoPortal, type DemoPortal } from '../../src/demo';
import { testSettings } from '../support/runtime';

/** A web-only process and a separate `nianbao worker` process sharing one Redis and one database. */
describe('scaling out: a worker in another process takes the jobs', () => {
  const env = testSettings();
  let portal: DemoPortal;
  let web: Runtime;
  let worker: ChildProcess;

  beforeAll(async () => {
    portal = await startDemoPortal();
    const portals = [portalSchema.parse({ id: 'demo', name: '演示门户', listings: [{ url: portal.listingUrl, pages: 3 }], schedule: { cron: '0 0 1 1 *' } })];
    web = await startRuntime({ settings: env.settings, portals, roles: { web: true, workers: false, config: true } });
    const { DATABASE_URL: _ignored, REDIS_URL: _alsoIgnored, ...inherited } = process.env;
    worker = spawn(process.execPath, ['bin/nianbao.mjs', 'worker'], {
      env: { ...inherited, NIANBAO_DATA_DIR: env.dataDir, NIANBAO_QUEUE_PREFIX: env.settings.queuePrefix, CRAWL_REQUESTS_PER_SECOND: '100', LOG_LEVEL: 'silent', NIANBAO_CONFIG_DIR: '/nonexistent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  });
  afterAll(async () => {
    if (worker.exitCode === null) worker.kill('SIGKILL');
    await web?.stop();
    await portal?.close();
    env.cleanup();
  });

  it('the check queued by the web process is done by the worker process, into the shared database', async () => {
    const jobId = await enqueueCheck(web.queues, 'demo');
    const summary = await waitForJob<CheckSummary>(web.queues.check, jobId, { timeoutMs: 60_000 });
    expect(summary.new).toBe(portal.reports().filter((r) => r.published).length);
    expect(await web.store.reports.list()).toHaveLength(summary.new);
    // The worker read no config of its own, and left the portals and their schedules as they were.
    expect((await web.store.portals.get('demo'))?.removed).toBe(false);
    expect((await web.queues.check.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual(['check:demo']);
  });

  it('the worker stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
