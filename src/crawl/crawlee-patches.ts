import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Crawlee 3.18 gives every request queue a deduplication cache of 1,000,000 slots (two arrays,
 * about 16 MB) allocated up front. A portal check is a queue of tens of URLs, and every check
 * needs a queue of its own, so each check allocated 16 MB of garbage: 60 checks in one worker
 * held 200-300 MB of heap and 700 MB RSS, and the allocation was a third of a check's time.
 * A miss in this cache only re-submits a request the queue then recognises (Crawlee's own
 * comment), so a small cache is safe. Pinned to @crawlee/core 3.18.1; test/unit/crawlee-patches.test.ts
 * fails if an upgrade moves it.
 */
export const DEDUP_CACHE_SLOTS = 4096;

const require = createRequire(import.meta.url);
const modulePath = path.join(path.dirname(require.resolve('@crawlee/core')), 'storages', 'request_dedup_cache.js');
const dedup = require(modulePath) as { RequestDeduplicationCache: new (size?: number) => { size: number } };
const Original = dedup.RequestDeduplicationCache;
dedup.RequestDeduplicationCache = class SmallRequestDeduplicationCache extends Original {
  constructor(size = DEDUP_CACHE_SLOTS) {
    super(Math.min(size, DEDUP_CACHE_SLOTS));
  }
};
