import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createQueues, enqueueCheck, type Queues } from '../../jobs/queues';
import { syncSchedulers } from '../../jobs/schedules';
import { redisOptionsFromUrl } from '../../src/app/redis-options';
import { isAlive, runningOwnRedis, startOwnRedis, type OwnRedis } from '../../src/app/redis-server';
import { NianbaoError } from '../../src/core/errors';
import { portalSchema } from '../../src/core/portal';
import { testSettings } from '../support/runtime';

const portal = (id: string, cron = '0 8 * * *') => portalSchema.parse({ id, name: id, listings: [{ url: `http://127.0.0.1:9/${id}` }], schedule: { cron } });

describe('own redis-server and queues', () => {
  const env = testSettings();
  let redis: OwnRedis;
  let queues: Queues;

  beforeAll(async () => {
    redis = await startOwnRedis(env.dataDir);
    queues = createQueues(redisOptionsFromUrl(redis.url), env.settings.queuePrefix);
  });
  afterAll(async () => {
    await queues?.close();
    await redis?.stop();
    env.cleanup();
  });

  it('runs on loopback with an append-only file in the data folder, and tells other processes where it is', async () => {
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(runningOwnRedis(env.dataDir)).toBe(redis.url);
    const client = new Redis(redis.url);
    onTestFinished(() => client.disconnect());
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', path.join(env.dataDir, 'redis')]);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
  });

  it('refuses a second instance on the same data folder while the first runs', async () => {
    await expect(startOwnRedis(env.dataDir)).rejects.toMatchObject({ code: 'ERR_REDIS_START' });
  });

  it('keeps one scheduler per portal, idempotently, and drops the scheduler of a removed portal', async () => {
    await syncSchedulers(queues, [portal('alpha'), portal('beta', '*/5 * * * *')]);
    await syncSchedulers(queues, [portal('alpha'), portal('beta', '*/5 * * * *')]);
    const keys = async () => (await queues.check.getJobSchedulers(0, -1)).map((s) => s.key).sort();
    expect(await keys()).toEqual(['check:alpha', 'check:beta']);
    expect((await queues.check.getJobSchedulers(0, -1)).find((s) => s.key === 'check:beta')).toMatchObject({ pattern: '*/5 * * * *', tz: 'Asia/Shanghai' });
    const { removed } = await syncSchedulers(queues, [portal('alpha')]);
    expect(removed).toEqual(['check:beta']);
    expect(await keys()).toEqual(['check:alpha']);
    expect((await queues.digest.getJobSchedulers(0, -1)).map((s) => s.key).sort()).toEqual(['digest:daily', 'digest:weekly']);
  });

  it('a double "check now" queues one job', async () => {
    const first = await enqueueCheck(queues, 'alpha');
    const second = await enqueueCheck(queues, 'alpha');
    expect(second).toBe(first);
    const waiting = (await queues.check.getWaiting()).filter((job) => job.data.portalId === 'alpha' && job.data.trigger === 'manual');
    expect(waiting).toHaveLength(1);
  });
});

describe('own redis-server lifecycle', () => {
  it('keeps data across a restart', async () => {
    const env = testSettings();
    try {
      const first = await startOwnRedis(env.dataDir);
      const queues = createQueues(redisOptionsFromUrl(first.url), 'persist');
      await queues.check.add('check-portal', { portalId: 'kept' }, { jobId: 'kept-job' });
      await queues.close();
      await first.stop();
      expect(runningOwnRedis(env.dataDir)).toBeNull();
      const second = await startOwnRedis(env.dataDir);
      const again = createQueues(redisOptionsFromUrl(second.url), 'persist');
      expect((await again.check.getJob('kept-job'))?.data).toEqual({ portalId: 'kept' });
      await again.close();
      await second.stop();
    } finally {
      env.cleanup();
    }
  });

  it('stops a redis-server left behind by a process that was killed, and starts afresh', async () => {
    const env = testSettings();
    try {
      // A child process starts the server and is killed before it can stop it.
      const script = `import { startOwnRedis } from ${JSON.stringify(path.resolve('src/app/redis-server.ts'))}; await startOwnRedis(${JSON.stringify(env.dataDir)}); process.stdout.write('up'); setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      const orphan = JSON.parse(readFileSync(path.join(env.dataDir, 'redis', 'server.json'), 'utf8')).pid as number;
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(isAlive(orphan)).toBe(true);
      const fresh = await startOwnRedis(env.dataDir);
      expect(isAlive(orphan)).toBe(false);
      await fresh.stop();
    } finally {
      env.cleanup();
    }
  });

  it('says how to install redis-server when it is missing', async () => {
    const env = testSettings();
    const saved = process.env.PATH;
    try {
      process.env.PATH = '/nonexistent';
      const error = await startOwnRedis(env.dataDir, { searchPath: ['/nonexistent'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NianbaoError);
      expect((error as NianbaoError).code).toBe('ERR_REDIS_MISSING');
      expect((error as NianbaoError).message).toContain('apt-get install -y redis-server');
    } finally {
      process.env.PATH = saved;
      env.cleanup();
    }
  });
});
