import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { createQueues, type Queues } from '../../jobs/queues';
import { syncSchedulers } from '../../jobs/schedules';
import { buildApp } from '../api/app';
import { createLogger, type Logger } from '../core/logger';
import type { Portal } from '../core/portal';
import { DEFAULT_REPORT_TYPES } from '../core/report-types';
import { NianbaoError } from '../core/errors';
import { userAgentFor, type Settings } from '../core/settings';
import { createMailer, startSmtpSink, type Mailer, type SmtpSink } from '../digest';
import { openStore, type Store } from '../store';
import { loadPortalFiles } from './portal-files';
import { redisOptionsFromUrl } from './redis-options';
import { startOwnRedis, type OwnRedis } from './redis-server';

export interface RuntimeOptions {
  settings: Settings;
  /** Portals to watch; read from `<configDir>/portals` when not given. */
  portals?: Portal[];
  /**
   * What this process does: the web API, the queue workers, and (`config`) making the stored portals
   * and the schedules match the config files. Scale-out workers leave config alone: a worker started
   * with a missing or older config folder must not unschedule every portal.
   */
  roles: { web: boolean; workers: boolean; config: boolean };
  logger?: Logger;
}

export interface Runtime {
  settings: Settings;
  store: Store;
  queues: Queues;
  redisUrl: string;
  smtpUrl: string;
  /** Folder where the built-in SMTP sink keeps mail, when no SMTP_URL is set. */
  mailDir: string | null;
  webUrl: string | null;
  portals: Portal[];
  logger: Logger;
  stop(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * Starts what a process needs, in dependency order, and stops it in reverse:
 * web, workers (active jobs finish), queues, mail, database, then the own redis-server.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { settings } = options;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const stack: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const stop = async () => {
    for (const item of stack.reverse().splice(0)) {
      const started = Date.now();
      try {
        await item.stop();
        logger.debug({ part: item.name, ms: Date.now() - started }, 'stopped');
      } catch (error) {
        logger.error({ err: (error as Error).message, part: item.name }, 'stop failed');
      }
    }
  };
  if (options.roles.web && !settings.webPassword && !isLoopback(settings.host)) {
    throw new NianbaoError(
      'ERR_CONFIG_INVALID',
      `HOST=${settings.host} 会把订阅者邮箱和任务面板暴露给网络：请设置 WEB_PASSWORD，或使用 HOST=127.0.0.1 / listening on ${settings.host} without WEB_PASSWORD would expose subscribers' addresses and the job dashboard: set WEB_PASSWORD, or HOST=127.0.0.1`,
    );
  }
  try {
    const portals = !options.roles.config ? [] : (options.portals ?? (await loadPortalFiles(path.join(settings.configDir, 'portals'))));
    const store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
    stack.push({ name: 'database', stop: () => store.close() });
    let redisUrl = settings.redisUrl;
    if (!redisUrl) {
      const own: OwnRedis = await startOwnRedis(settings.dataDir);
      stack.push({ name: 'redis-server', stop: () => own.stop() });
      redisUrl = own.url;
      logger.info({ pid: own.pid, url: own.url }, 'started own redis-server');
    }
    const connection = redisOptionsFromUrl(redisUrl);
    // One plain client for the health check and the shared rate limit; queues and workers keep their own.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    stack.push({ name: 'redis-client', stop: async () => redis.disconnect() });
    const queues = createQueues(connection, settings.queuePrefix);
    stack.push({ name: 'queues', stop: () => queues.close() });

    if (options.roles.config) {
      if (portals.length === 0) logger.warn({ folder: path.join(settings.configDir, 'portals') }, '没有配置门户 / no portals configured: nothing will be checked');
      await store.portals.sync(portals);
      await syncSchedulers(queues, portals);
    }

    let smtpUrl = settings.smtpUrl;
    let mailDir: string | null = null;
    if (!smtpUrl) {
      mailDir = path.resolve(settings.dataDir, 'mail');
      const sink: SmtpSink = await startSmtpSink({ dir: mailDir });
      stack.push({ name: 'smtp-sink', stop: () => sink.close() });
      smtpUrl = sink.url;
    }
    const mailer: Mailer = createMailer({ smtpUrl, from: settings.mailFrom });
    stack.push({ name: 'mailer', stop: async () => mailer.close() });

    const port = settings.port;
    const publicUrl = settings.publicUrl ?? `http://localhost:${port}`;
    const userAgent = userAgentFor(settings);
    if (options.roles.workers) {
      // Loaded only here: a web-only process never loads the crawler (nor, later, the browser).
      const [{ startWorkers }, { createPolitenessGate }] = await Promise.all([import('../../jobs/workers'), import('./politeness')]);
      const workers = startWorkers(
        {
          store,
          queues,
          mailer,
          logger,
          reportTypes: DEFAULT_REPORT_TYPES,
          crawl: {
            userAgent,
            timeoutSecs: settings.crawlTimeoutSeconds,
            maxBytes: settings.crawlMaxBytes,
            chromiumPath: settings.chromiumPath,
            beforeRequest: createPolitenessGate(redis, { userAgent, requestsPerSecond: settings.crawlRequestsPerSecond, keyPrefix: settings.queuePrefix, timeoutSecs: settings.crawlTimeoutSeconds }),
          },
          messageIdDomain: /@([^>\s]+)/.exec(settings.mailFrom)?.[1] ?? 'nianbao.local',
          publicUrl,
          immediateDigestDelayMs: settings.immediateDigestDelaySeconds * 1000,
          admin: { emails: settings.adminEmails, failingAfter: settings.failingAfter },
        },
        { connection, prefix: settings.queuePrefix, concurrency: settings.workerConcurrency },
      );
      stack.push({ name: 'workers', stop: () => workers.close() });
    }

    let webUrl: string | null = null;
    if (options.roles.web) {
      const app: FastifyInstance = await buildApp({ store, queues, redis, failingAfter: settings.failingAfter, password: settings.webPassword });
      webUrl = await app.listen({ host: settings.host, port });
      stack.push({ name: 'web', stop: () => app.close() });
    }
    return { settings, store, queues, redisUrl, smtpUrl, mailDir, webUrl, portals, logger, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
