import { Configuration, RequestQueue } from '@crawlee/core';
import { describe, expect, it } from 'vitest';
import { DEDUP_CACHE_SLOTS } from '../../src/crawl/crawlee-patches';

describe("Crawlee's per-queue dedup cache", () => {
  it('is small, so every portal check does not allocate 16 MB (fails if a Crawlee upgrade moves the class)', async () => {
    const queue = await RequestQueue.open(null, { config: new Configuration({ persistStorage: false }) });
    const cache = (queue as unknown as { requestSeenCache: { size: number; keys: unknown[] } }).requestSeenCache;
    expect(cache.size).toBe(DEDUP_CACHE_SLOTS);
    expect(cache.keys).toHaveLength(DEDUP_CACHE_SLOTS);
    await queue.drop();
  });

  it('still deduplicates requests', async () => {
    const queue = await RequestQueue.open(null, { config: new Configuration({ persistStorage: false }) });
    await queue.addRequests([{ url: 'http://127.0.0.1/a' }, { url: 'http://127.0.0.1/a' }, { url: 'http://127.0.0.1/b' }]);
    await queue.addRequests([{ url: 'http://127.0.0.1/a' }]);
    expect(await queue.handledCount()).toBe(0);
    let fetched = 0;
    while (await queue.fetchNextRequest()) fetched++;
    expect(fetched).toBe(2);
    await queue.drop();
  });
});
