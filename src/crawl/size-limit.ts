import { PassThrough, type Readable } from 'node:stream';
import { NianbaoError } from '../core/errors';

type ResponseStream = Readable & { statusCode?: number; headers: Record<string, unknown>; url?: string };

/**
 * Passes a response through, failing with ERR_CRAWL_TOO_LARGE as soon as more than `maxBytes` arrive,
 * so a runaway page costs at most the cap, not the whole download.
 */
export function limitResponseSize<T extends ResponseStream>(response: T, maxBytes: number): T {
  const declared = Number(response.headers['content-length'] ?? NaN);
  const tooLarge = (bytes: number) =>
    new NianbaoError('ERR_CRAWL_TOO_LARGE', `页面超过 ${maxBytes} 字节上限 / page exceeds the ${maxBytes}-byte cap: ${response.url}`, { details: { url: response.url, bytes } });
  const limited = new PassThrough() as unknown as T;
  Object.assign(limited, { statusCode: response.statusCode, statusMessage: (response as { statusMessage?: string }).statusMessage, headers: response.headers, url: response.url });
  if (declared > maxBytes) {
    response.destroy();
    process.nextTick(() => limited.destroy(tooLarge(declared)));
    return limited;
  }
  let seen = 0;
  response.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) {
      response.destroy();
      limited.destroy(tooLarge(seen));
    } else (limited as unknown as PassThrough).write(chunk);
  });
  response.on('end', () => (limited as unknown as PassThrough).end());
  response.on('error', (error) => limited.destroy(error));
  return limited;
}
