import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listingPath } from './column';
import { HTML, send } from './respond';
import { createDemoSite, type DemoSite } from './site';
import { nextStage, type DemoStage } from './timeline';

export type { DemoStage } from './timeline';
export { DEMO_REVISION } from './timeline';

export interface DemoPortal {
  readonly origin: string;
  readonly listingUrl: string;
  readonly stage: DemoStage;
  /** Moves to the next stage (staying at the last) and returns it. */
  advance(): DemoStage;
  reports(): Array<{ url: string; title: string; seed: string; published: boolean }>;
  close(): Promise<void>;
}

export interface DemoPortalOptions {
  host?: string;
  port?: number;
  /** Advance by the clock, each delay measured from start; without it only `advance()` moves the stage. */
  timeline?: { newReportAfterMs: number; revisionAfterMs: number };
}

function handle(site: DemoSite, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  try {
    const path = new URL(request.url ?? '/', 'http://portal.invalid').pathname;
    send(request, response, site.resolve(path));
  } catch {
    // The demo logs nothing (its output would mix with the CLI's); a 500 is what a crawler would meet.
    response.writeHead(500, { 'Content-Type': HTML }).end('<!DOCTYPE html><title>500</title><p>服务器内部错误</p>');
  }
}

/** A simulated government portal on loopback, serving the seed reports through three stages. */
export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const host = options.host ?? '127.0.0.1';
  const site = createDemoSite();
  const server = createServer((request, response) => handle(site, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const timeline = options.timeline;
  const timers = timeline
    ? [
        setTimeout(() => site.advanceTo('new-report'), timeline.newReportAfterMs),
        setTimeout(() => site.advanceTo('revised'), timeline.revisionAfterMs),
      ]
    : [];
  // A demo left running must not keep a finished process (or test run) alive.
  for (const timer of timers) timer.unref();

  let closing: Promise<void> | undefined;
  return {
    origin,
    listingUrl: `${origin}${listingPath(0)}`,
    get stage() {
      return site.stage;
    },
    advance() {
      site.advanceTo(nextStage(site.stage));
      return site.stage;
    },
    reports() {
      return site.reports().map(({ path, ...report }) => ({ url: `${origin}${path}`, ...report }));
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        // Crawlers and fetch keep connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
