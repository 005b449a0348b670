import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { isNianbaoError, NianbaoError } from '../core/errors';
import { parseOrThrow } from '../core/validation';
import { subscriptionSchema, type Store } from '../store';
import type { Queues } from '../../jobs/queues';
import { discoverJobSchema, enqueueCheck } from '../../jobs/queues';
import { waitForJob } from '../../jobs/wait';
import { requirePassword } from './basic-auth';
import { coverageNow } from './coverage-view';
import { jobsStatus } from './jobs-status';
import { renderHome } from './home-page';
import { renderReport } from './report-page';

export interface ApiDeps {
  store: Store;
  queues: Queues;
  /** For the health check only; queues keep their own connections. */
  redis: Redis;
  /** Consecutive failures after which a portal shows as failing. */
  failingAfter: number;
  /** When set, every route but /healthz asks for it (HTTP Basic). */
  password?: string | undefined;
}

/** A dry run walks a few listing pages; past this the person is told to use the CLI. */
const DISCOVER_WAIT_MS = 90_000;

const STATUS_FOR_CODE: Record<string, number> = { ERR_INPUT_INVALID: 400, ERR_NOT_FOUND: 404 };

/** Builds the HTTP app without listening, so tests drive it with `app.inject`. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const { store, queues } = deps;
  if (deps.password) requirePassword(app, deps.password);

  app.setErrorHandler((error, _request, reply) => {
    if (isNianbaoError(error)) {
      const status = STATUS_FOR_CODE[error.code] ?? 500;
      return reply.status(status).send({ error: { code: error.code, message: error.message, ...error.details } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({ error: { code: status === 400 ? 'ERR_INPUT_INVALID' : 'ERR_INTERNAL', message: (error as Error).message } });
  });

  const board = new FastifyAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(queues.check), new BullMQAdapter(queues.digest)], serverAdapter: board });
  await app.register(board.registerPlugin(), { prefix: '/admin/queues' });

  app.get('/healthz', async (_request, reply) => {
    const probe = async (check: () => Promise<unknown>) => {
      const started = Date.now();
      try {
        await check();
        return { ok: true, latencyMs: Date.now() - started };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    };
    const redis = await probe(() => deps.redis.ping());
    const database = { ...(await probe(() => store.ping())), engine: store.engine };
    const ok = redis.ok && database.ok;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', redis, database });
  });

  app.get('/api/jobs', async () => jobsStatus(queues, store, deps.failingAfter));

  app.get('/api/portals', async () => ({ portals: await store.portals.list() }));

  app.post<{ Params: { id: string } }>('/api/portals/:id/check', async (request, reply) => {
    const status = await store.portals.get(request.params.id);
    if (!status || status.removed) throw new NianbaoError('ERR_NOT_FOUND', `门户不存在 / no such portal: ${request.params.id}`);
    return reply.status(202).send({ jobId: await enqueueCheck(queues, request.params.id) });
  });

  // The crawler (and its browser) lives in the workers; the web process only queues the dry run and waits.
  app.post('/api/discover', async (request) => {
    const input = parseOrThrow(discoverJobSchema, request.body, 'request body');
    const job = await queues.discover.add('discover', input);
    return waitForJob(queues.discover, job.id!, { timeoutMs: DISCOVER_WAIT_MS });
  });

  app.get('/api/coverage', async (request) => {
    const query = parseOrThrow(z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }), request.query, 'query string');
    return { coverage: await coverageNow(store, query.year) };
  });

  app.get('/api/reports', async (request) => {
    const query = parseOrThrow(z.object({ portal: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }), request.query, 'query string');
    return { reports: await store.reports.list({ ...(query.portal ? { portalId: query.portal } : {}), limit: query.limit }) };
  });

  app.get('/api/subscribers', async () => ({ subscribers: await store.subscribers.list() }));

  app.post('/api/subscribers', async (request, reply) => {
    const subscription = parseOrThrow(subscriptionSchema, request.body, 'request body');
    const { subscriber, created } = await store.subscribers.subscribe(subscription, await store.reports.maxChangeId());
    return reply.status(created ? 201 : 200).send({ subscriber });
  });

  app.delete<{ Params: { email: string } }>('/api/subscribers/:email', async (request, reply) => {
    if (!(await store.subscribers.unsubscribe(request.params.email))) throw new NianbaoError('ERR_NOT_FOUND', `未订阅 / not subscribed: ${request.params.email}`);
    return reply.status(204).send();
  });

  app.get('/api/deliveries', async () => ({
    deliveries: (await store.deliveries.list()).map(({ text: _text, html: _html, ...delivery }) => delivery),
  }));

  app.get<{ Params: { id: string } }>('/reports/:id', async (request, reply) => {
    const { id } = parseOrThrow(z.object({ id: z.coerce.number().int().positive() }), request.params, 'path');
    const html = await renderReport(store, id);
    if (!html) throw new NianbaoError('ERR_NOT_FOUND', `报告不存在 / no such report: ${id}`);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(await renderHome(store, queues, deps.failingAfter)));

  return app;
}
