import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseSettings, type Settings } from '../../src/core/settings';

/** Settings for one test: its own data folder (own redis-server, SQLite, SMTP sink) and queue prefix. */
export function testSettings(extra: Record<string, string> = {}): { settings: Settings; dataDir: string; cleanup(): void } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-test-'));
  const settings = parseSettings({
    NIANBAO_DATA_DIR: dataDir,
    PORT: '0',
    NIANBAO_QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'silent',
    IMMEDIATE_DIGEST_DELAY_SECONDS: '0',
    // Every fixture portal is on 127.0.0.1: one host for the rate limit.
    CRAWL_REQUESTS_PER_SECOND: '100',
    ...extra,
  });
  return { settings, dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}
