import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Resource {
  status: 200 | 404;
  contentType: string;
  body: string;
  /**
   * What `ETag` and `Last-Modified` describe, for pages that can answer 304. `source` is the page
   * before per-request noise is filled in, so the validators change only when the content does.
   */
  validators: { source: string; lastModified: Date } | null;
}

export const HTML = 'text/html; charset=utf-8';

export function entityTag(source: string): string {
  return `"${createHash('sha1').update(source).digest('hex').slice(0, 16)}"`;
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; ETags compare weakly for GET. */
function notModified(request: IncomingMessage, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const bare = tag.trim().replace(/^W\//, '');
      return bare === '*' || bare === etag;
    });
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

export function send(request: IncomingMessage, response: ServerResponse, resource: Resource): void {
  response.setHeader('Content-Type', resource.contentType);
  if (resource.validators) {
    const etag = entityTag(resource.validators.source);
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', resource.validators.lastModified.toUTCString());
    if (notModified(request, etag, resource.validators.lastModified)) {
      response.statusCode = 304;
      response.removeHeader('Content-Type');
      response.end();
      return;
    }
  }
  const body = Buffer.from(resource.body, 'utf8');
  response.statusCode = resource.status;
  response.setHeader('Content-Length', body.length);
  response.end(request.method === 'HEAD' ? undefined : body);
}
