import { NianbaoError } from '../core/errors';

/** Turns a portal's HTTP status into the error a check reports, or null when the page can be used. */
export function errorForStatus(status: number, url: string): NianbaoError | null {
  if (status < 400) return null;
  const details = { url, status };
  if (status === 404 || status === 410) return new NianbaoError('ERR_CRAWL_NOT_FOUND', `页面不存在 / page not found (HTTP ${status}): ${url}`, { details });
  // Gov portals answer bot challenges (瑞数 $_ts, 知道创宇 wzws, 加速乐 __jsl) with 412, 521 or 403.
  if (status === 412 || status === 521 || status === 403) {
    return new NianbaoError('ERR_CRAWL_BLOCKED', `门户拦截了请求 / blocked by the portal (HTTP ${status}): ${url}`, { details });
  }
  return new NianbaoError('ERR_CRAWL_HTTP', `门户返回错误 / portal answered HTTP ${status}: ${url}`, { details, retryable: status >= 500 || status === 429 });
}

/** Maps what Crawlee or the network threw to a coded error. */
export function errorForFailure(error: unknown, url: string): NianbaoError {
  if (error instanceof NianbaoError) return error;
  // A stream error (the size cap) can reach us wrapped by the HTTP client.
  if ((error as { cause?: unknown })?.cause instanceof NianbaoError) return (error as { cause: NianbaoError }).cause;
  const message = error instanceof Error ? error.message : String(error);
  const details = { url, reason: message.slice(0, 300) };
  if (/Redirected \d+ times|ERR_TOO_MANY_REDIRECTS|MaxRedirectsError/i.test(message)) {
    return new NianbaoError('ERR_CRAWL_REDIRECTS', `重定向过多 / too many redirects (a loop?): ${url}`, { cause: error, details });
  }
  if (/timed? ?out|ETIMEDOUT|TimeoutError/i.test(message)) {
    return new NianbaoError('ERR_CRAWL_TIMEOUT', `抓取超时 / timed out: ${url}`, { cause: error, details });
  }
  const status = /^(\d{3}) - /.exec(message);
  if (status) return errorForStatus(Number(status[1]), url) ?? new NianbaoError('ERR_CRAWL_HTTP', message, { cause: error, details });
  return new NianbaoError('ERR_CRAWL_NETWORK', `网络错误 / network error: ${url}: ${message.slice(0, 200)}`, { cause: error, details });
}
