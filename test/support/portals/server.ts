import type { SeedId } from '../../../src/demo/seed-articles';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  /** The request body (a POST form), '' for none. */
  body: string;
  /** Date.now() when the request arrived. */
  at: number;
}

/** What every fixture portal factory returns. */
export interface FixturePortal {
  readonly origin: string;
  /** The URL a portal definition would list: the column page. */
  readonly listingUrl: string;
  /** Absolute URLs of the published report pages, in listing order (newest first). */
  readonly reportUrls: string[];
  /** Puts a held-back report (see the `reports` option) on the column, as a portal publishing it would. */
  publish(seed: SeedId): void;
  /** Every request served, in arrival order. */
  readonly requests: ServedRequest[];
  close(): Promise<void>;
}

export interface IncomingPortalRequest {
  method: string;
  /** The Host the client asked for, so pages can name themselves as real servers do. */
  host: string;
  url: URL;
  body: string;
}

export interface PortalReply {
  status: number;
  contentType: string;
  body: string | Buffer;
}

export const NOT_FOUND: PortalReply = {
  status: 404,
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>404</title></head><body><p>抱歉，您访问的页面不存在或已被删除。</p></body></html>',
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A portal on loopback, port 0, recording every request it serves. */
export async function servePortal(handle: (request: IncomingPortalRequest) => PortalReply): Promise<{ origin: string; requests: ServedRequest[]; close(): Promise<void> }> {
  const requests: ServedRequest[] = [];
  const server = createServer((request, response) => {
    const at = Date.now();
    readBody(request)
      .then((body) => {
        const method = request.method ?? 'GET';
        requests.push({ method, path: request.url ?? '/', body, at });
        const reply = handle({ method, host: request.headers.host ?? '', url: new URL(request.url ?? '/', 'http://portal.invalid'), body });
        const bytes = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
        response.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': bytes.length });
        response.end(method === 'HEAD' ? undefined : bytes);
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
