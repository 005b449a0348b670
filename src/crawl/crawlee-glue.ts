import os from 'node:os';
import { Configuration, type Request } from '@crawlee/core';
import { isNianbaoError } from '../core/errors';
import './crawlee-patches';
import type { CrawlSession, FetchResult, Job, QueuedRequest } from './session';

/** What both backends (plain HTTP and browser) need to know. */
export interface BackendSettings {
  userAgent: string;
  timeoutSecs: number;
  maxBytes: number;
  maxConcurrency: number;
  /** Politeness: robots.txt and the shared per-host rate; throws to refuse a request. */
  beforeRequest?: (url: string) => Promise<void>;
}

/**
 * A Configuration per crawl: with the global one, every crawl after the first in a long-running
 * worker finds its request queue "finished" and handles 0 requests. In-memory storage only.
 * Crawlee's default memory probe spawns `ps` at every crawl start and every second; giving it the
 * memory budget and the /proc-based probe avoids a process spawn per portal check.
 */
export function crawlConfiguration(): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoV2: true, memoryMbytes: Math.floor(os.totalmem() / 4 / 1024 / 1024) });
}

export function toCrawleeRequest(request: QueuedRequest) {
  return { url: request.url, method: request.method, ...(request.payload !== undefined ? { payload: request.payload } : {}), headers: request.headers ?? {}, uniqueKey: request.uniqueKey, userData: request.userData };
}

function fromCrawleeRequest(request: Request): QueuedRequest {
  return { url: request.url, method: request.method === 'POST' ? 'POST' : 'GET', ...(request.payload ? { payload: String(request.payload) } : {}), headers: request.headers ?? {}, uniqueKey: request.uniqueKey, userData: request.userData as Job };
}

/** An error that retrying within this crawl cannot fix (a 404, a challenge, robots) is not retried by Crawlee either. */
async function finalOnError<T>(request: Request, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isNianbaoError(error) && (!error.retryable || error.code === 'ERR_CRAWL_BLOCKED')) request.noRetry = true;
    throw error;
  }
}

/** Before each navigation: the politeness gate. */
export function passGate(request: Request, settings: BackendSettings): Promise<void> {
  return finalOnError(request, async () => settings.beforeRequest?.(request.url));
}

/** Hands a response to the session and queues what it leads to. */
export function deliver(session: CrawlSession, request: Request, fetchResult: () => Promise<FetchResult>, addRequests: (requests: ReturnType<typeof toCrawleeRequest>[]) => Promise<unknown>): Promise<void> {
  return finalOnError(request, async () => {
    const queued = fromCrawleeRequest(request);
    const follow = session.onFetched(queued.userData, queued, await fetchResult());
    if (follow.length > 0) await addRequests(follow.map(toCrawleeRequest));
  });
}

export function fail(session: CrawlSession, request: Request, error: unknown): void {
  session.onFailed(request.userData as Job, request.url, error);
}
